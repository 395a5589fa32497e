import type { ErrorKind } from './kinds';
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

/** Options of `ApiError.toProblemDetails()`. */
export interface ProblemDetailsOptions {
  /**
   * Prefix of the `type` URI; the kind is appended.
   * @default 'urn:rosetta:error:'
   * @example 'https://api.example.com/problems/'
   */
  readonly typeBase?: string;
}
