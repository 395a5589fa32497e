import type { ErrorKind } from '../errors/kinds';
import type { Classification, FieldError, RateLimitInfo } from '../errors/types';
import type { HeaderMap } from './header-map';

/** Core's readings of a response's headers, computed once and shared; header text in them is redacted already. */
export interface HeaderReadings {
  /** `retry-after-ms` / `Retry-After` as whole milliseconds (rounded up); never negative. */
  readonly retryAfterMs: number | undefined;
  /** The rate-limit state the response carried, from the adapter's declared headers or common ones. */
  readonly rateLimit: RateLimitInfo | undefined;
  /** The provider's request id (the adapter's headers first), at most 200 characters. */
  readonly requestId: string | undefined;
  /** An explicit `true`/`false` retry hint (`stripe-should-retry`, `x-should-retry`). */
  readonly retryHint: boolean | undefined;
}

/** What a `classify` hook sees: the whole response, never only the status. */
export interface ClassifyContext {
  readonly status: number;
  /** Lower-cased header names. */
  readonly headers: HeaderMap;
  /** Parsed JSON, a string (HTML or text), or undefined when empty. */
  readonly body: unknown;
  readonly method: string;
  /** The request URL (already redacted). */
  readonly url: string;
  /** The request path without query or fragment (`/v1/charges`, `/graphql`): route on this, never parse `url`. */
  readonly path: string;
  /** Core's header readings (retry-after, rate limit, request id), so hooks never re-parse headers. */
  readonly readings: HeaderReadings;
  /** Core's default reading: `null` for a 2xx success. */
  readonly defaults: Classification | null;
  /** Evaluation time (epoch ms) for reset-header arithmetic; tests may pin it. */
  readonly now: number;
}

/** What a `classify` hook may set; anything left out falls back to core's defaults. */
export interface ClassifyVerdict {
  readonly kind?: ErrorKind;
  readonly code?: string;
  readonly message?: string;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  readonly fieldErrors?: readonly FieldError[];
  readonly rateLimit?: RateLimitInfo;
  readonly requestId?: string;
  readonly possiblyProcessed?: boolean;
  /**
   * The provider documents that this refused request was not applied (Jira's 409 for a transition blocked by a
   * running one): a retryable error may be resent whatever the method, and is never `possiblyProcessed`. Set it only
   * where the provider's docs say the request was not applied (a "try again" alone does not), and cite them.
   */
  readonly notProcessed?: boolean;
  /**
   * The provider documents how often this answer may be resent (QuickBooks' SystemFault: "Resubmit the request
   * once"): resends stop once this many answers carrying it were resent, whatever the client's `maxRetries` allows.
   * A whole number; cite the docs.
   */
  readonly maxRetries?: number;
}

/**
 * An adapter's classification hook. Return `undefined` to keep core's defaults, `null` to declare the
 * response a success whatever its status, or a {@link ClassifyVerdict} to make it an error (on a 2xx this is
 * how Slack's `ok:false` or GraphQL's `errors[]` become errors).
 */
export type ClassifyHook = (context: ClassifyContext) => ClassifyVerdict | null | undefined;
