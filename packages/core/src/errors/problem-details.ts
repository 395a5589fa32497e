import type { ApiError } from './api-error';
import { type ErrorKind, kindProblem } from './kinds';
import type { FieldError } from './types';

/** An RFC 9457 problem-details object with Rosetta's extension members. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  /** The status product code should answer with (not the provider's status, which is `upstreamStatus`). */
  readonly status: number;
  readonly detail: string;
  readonly kind: ErrorKind;
  readonly provider: string;
  readonly upstreamStatus?: number;
  readonly code?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  readonly fieldErrors: readonly FieldError[];
}

/** Options of {@link toProblemDetails}. */
export interface ProblemDetailsOptions {
  /**
   * Prefix of the `type` URI; the kind is appended.
   * @default 'urn:rosetta:error:'
   * @example 'https://api.example.com/problems/'
   */
  readonly typeBase?: string;
}

/**
 * Converts an {@link ApiError} into an RFC 9457 problem-details object: the redacted provider message, never a raw
 * body, header or URL.
 *
 * @example
 * res.status(pd.status).type('application/problem+json').json(err.toProblemDetails());
 */
export function toProblemDetails(error: ApiError, options: ProblemDetailsOptions = {}): ProblemDetails {
  return {
    type: `${options.typeBase ?? 'urn:rosetta:error:'}${error.kind}`,
    ...kindProblem(error.kind),
    detail: error.detail ?? error.message,
    kind: error.kind,
    provider: error.provider,
    ...(error.status === undefined ? {} : { upstreamStatus: error.status }),
    ...(error.code === undefined ? {} : { code: error.code }),
    retryable: error.retryable,
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    fieldErrors: error.fieldErrors,
  };
}
