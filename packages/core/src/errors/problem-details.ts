import type { ApiError } from './api-error';
import type { ErrorKind } from './kinds';
import type { FieldError } from './types';

/** An RFC 9457 problem-details object with Rosetta's extension members. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  /** The status product code should answer with (not the provider's status). */
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

/** Title and suggested outward HTTP status per kind. */
export const KIND_PROBLEMS: Readonly<Record<ErrorKind, { readonly title: string; readonly status: number }>> =
  Object.freeze({
    authentication: { title: 'Provider authentication failed', status: 502 },
    permission: { title: 'Provider denied permission', status: 403 },
    not_found: { title: 'Resource not found at provider', status: 404 },
    validation: { title: 'Provider rejected the request as invalid', status: 422 },
    conflict: { title: 'Conflict at provider', status: 409 },
    payment_required: { title: 'Payment required by provider', status: 402 },
    rate_limited: { title: 'Provider rate limit reached', status: 429 },
    quota_exceeded: { title: 'Provider quota exhausted', status: 429 },
    unavailable: { title: 'Provider unavailable', status: 503 },
    server: { title: 'Provider internal error', status: 502 },
    timeout: { title: 'Provider timed out', status: 504 },
    network: { title: 'Network error reaching provider', status: 502 },
    aborted: { title: 'Request aborted', status: 499 },
    unsupported: { title: 'Operation not supported by provider', status: 501 },
    invalid_response: { title: 'Provider sent an unusable response', status: 502 },
    unknown: { title: 'Unknown provider error', status: 500 },
  });

/**
 * Converts an {@link ApiError} into an RFC 9457 problem-details object. The detail is the redacted
 * provider message; no raw body, header or URL is included.
 *
 * @example
 * res.status(pd.status).type('application/problem+json').json(err.toProblemDetails());
 */
export function toProblemDetails(error: ApiError, options: ProblemDetailsOptions = {}): ProblemDetails {
  const { title, status } = KIND_PROBLEMS[error.kind];
  return {
    type: `${options.typeBase ?? 'urn:rosetta:error:'}${error.kind}`,
    title,
    status,
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
