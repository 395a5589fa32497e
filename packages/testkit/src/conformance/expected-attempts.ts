import type { Adapter, ApiError, HttpMethod } from '@rosetta/core';

// The retry rule (docs/retries-and-rate-limits.md), written out again on purpose: the suite checks core against the rule,
// so it must not borrow core's own implementation of it.
const SAFE_TO_REPEAT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether a client of `adapter` puts an idempotency key on a `method` request when the caller gives
 * none (Stripe generates one on every POST).
 *
 * @example
 * generatesIdempotencyKey(stripe, 'POST'); // true
 */
export function generatesIdempotencyKey(adapter: Adapter, method: string): boolean {
  const idempotency = adapter.idempotency;
  if (idempotency === undefined || idempotency.generate === false) return false;
  const methods: readonly HttpMethod[] = idempotency.methods ?? ['POST'];
  return methods.includes(method.toUpperCase() as HttpMethod);
}

/** What {@link expectedAttempts} weighs. */
export interface ExpectedAttemptsInput {
  /** The reading of the response every attempt gets: `null` for a success. */
  readonly reading: Pick<ApiError, 'kind' | 'retryable' | 'retryAfterMs'> | null;
  readonly method: string;
  readonly hasIdempotencyKey: boolean;
  /** The adapter declares `throttleRefusesRequest`: a `rate_limited` answer may be resent whatever the method. */
  readonly throttleRefusesRequest?: boolean;
  /** The adapter reads the answer as a refusal the provider documents as not applied: resent whatever the method. */
  readonly notProcessed?: boolean;
  /** The adapter's `safeToRepeat` hook answers `true` for this request (a POST the provider documents as a read). */
  readonly declaredSafe?: boolean;
  /** The adapter caps this answer's resends below `maxRetries` (its verdict's `maxRetries`). */
  readonly answerMaxRetries?: number | undefined;
  readonly maxRetries: number;
  readonly maxRetryAfterMs: number;
}

/**
 * How many attempts a client must make when every attempt gets the same response: `maxRetries + 1`
 * when the error is retryable, the request safe to repeat (GET, HEAD, OPTIONS, PUT, DELETE or an
 * idempotency key, a request the adapter's `safeToRepeat` declares a read, or a throttle or other refusal the adapter
 * says was not processed) and the server's wait within
 * `maxRetryAfterMs`; otherwise 1.
 *
 * @example
 * expectedAttempts({ reading: { kind: 'server', retryable: true, retryAfterMs: undefined },
 *   method: 'POST', hasIdempotencyKey: false, maxRetries: 2, maxRetryAfterMs: 60_000 }); // 1
 */
export function expectedAttempts(input: ExpectedAttemptsInput): number {
  const { reading } = input;
  if (reading === null || !reading.retryable) return 1;
  // A spent long-window quota does not come back soon, whatever the provider says.
  if (reading.kind === 'quota_exceeded') return 1;
  const refused =
    input.notProcessed === true || (reading.kind === 'rate_limited' && input.throttleRefusesRequest === true);
  const safe = input.hasIdempotencyKey || input.declaredSafe === true || SAFE_TO_REPEAT.has(input.method.toUpperCase());
  if (!refused && !safe) return 1;
  if (reading.retryAfterMs !== undefined && reading.retryAfterMs > input.maxRetryAfterMs) return 1;
  return Math.min(input.maxRetries, input.answerMaxRetries ?? Number.POSITIVE_INFINITY) + 1;
}
