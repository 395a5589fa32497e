import type { ErrorKind } from './kinds';

/** One invalid field of a validation error. */
export interface FieldError {
  /** Dotted path of the field as the provider names it, e.g. `items.0.price`. */
  readonly path: string;
  /** Human-readable explanation. */
  readonly message: string;
  /** The provider's own code for this field error (`missing_field`, `already_exists`, ...). */
  readonly code?: string;
}

/** Rate-limit state a response carried. Every member is optional: providers send what they send. */
export interface RateLimitInfo {
  /** Requests allowed in the window. */
  readonly limit?: number;
  /** Requests left in the window. */
  readonly remaining?: number;
  /** When the window resets, as epoch milliseconds. */
  readonly resetAt?: number;
  /** What the limit applies to (`core`, `search`, a policy name, `day`, ...). */
  readonly scope?: string;
}

/** The request an error belongs to; the URL has its credentials redacted. */
export interface RequestSummary {
  readonly method: string;
  readonly url: string;
}

/** The raw response an error came from: redacted and size-bounded. */
export interface ResponseSummary {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * The normalized reading of one response or failure: what classification produces and what
 * an adapter's `classify` hook may override, member by member.
 */
export interface Classification {
  readonly kind: ErrorKind;
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs?: number | undefined;
  readonly requestId?: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  readonly rateLimit?: RateLimitInfo | undefined;
  /** The provider may have applied the request in part or in full (Slack `fatal_error`, a reset POST). */
  readonly possiblyProcessed?: boolean | undefined;
  /** The provider documents that the refused request was not applied: see `ClassifyVerdict.notProcessed`. */
  readonly notProcessed?: boolean | undefined;
  /** The most resends the provider documents for this answer: see `ClassifyVerdict.maxRetries`. */
  readonly maxRetries?: number | undefined;
}
