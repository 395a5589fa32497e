import type { BucketDefinition, BucketState, LimitResponse } from './types';

/**
 * A throttling answer with neither Retry-After nor a reset still pauses its bucket this long: the
 * shortest window providers use (Stripe, Shopify, Airtable limit per second), so a bucket that
 * resets every second loses at most one window, and a longer limit is found again after one
 * more 429 per second instead of one per call.
 */
export const DEFAULT_THROTTLE_PAUSE_MS = 1_000;
/**
 * Added to every reset time: providers send resets in whole seconds (GitHub epoch seconds), so a
 * call made at the stated second may still land in the old window. Octokit adds the same second.
 * Not added to Retry-After, which is a duration the provider chose.
 */
export const RESET_GUARD_MS = 1_000;

/**
 * A bucket's server state in a response: its own `observe`, else (for models that have a
 * remaining count) `response.rateLimit` when that names no scope or this bucket's id.
 *
 * @example
 * readState(coreBucket, response)?.remaining;
 */
export function readState(bucket: BucketDefinition, response: LimitResponse): BucketState | undefined {
  if (bucket.observe !== undefined) return bucket.observe(response);
  if (bucket.model === 'concurrency' || bucket.model === 'min-interval') return undefined;
  const info = response.rateLimit;
  return info !== undefined && (info.scope === undefined || info.scope === bucket.id) ? info : undefined;
}

/**
 * Index (in `buckets`, the buckets a request took) of the bucket a throttling answer belongs to:
 * the first whose `owns` says so, else the one the provider named (`throttle.scope`), else the
 * first quota bucket for `quota_exceeded`, else the first bucket that is not a concurrency cap.
 * -1 when the request took no bucket.
 *
 * @example
 * ownerOf([cap, core, search], throttledResponse); // 1
 */
export function ownerOf(buckets: readonly BucketDefinition[], response: LimitResponse): number {
  const throttle = response.throttle;
  for (let i = 0; i < buckets.length; i++) if (buckets[i]?.owns?.(response) === true) return i;
  const scope = throttle?.scope;
  if (scope !== undefined) for (let i = 0; i < buckets.length; i++) if (buckets[i]?.id === scope) return i;
  if (throttle?.kind === 'quota_exceeded')
    for (let i = 0; i < buckets.length; i++) if (buckets[i]?.model === 'quota') return i;
  for (let i = 0; i < buckets.length; i++) if (buckets[i]?.model !== 'concurrency') return i;
  return buckets.length > 0 ? 0 : -1;
}

/**
 * How long a throttling answer pauses its bucket: Retry-After as given, else until the reset (plus
 * the whole-second guard), else the bucket's window for a quota, else {@link DEFAULT_THROTTLE_PAUSE_MS}.
 * Never negative; never any backoff on top.
 *
 * @example
 * pauseMsOf(bucket, { ...response, throttle: { kind: 'rate_limited', retryAfterMs: 30_000 } }); // 30_000
 */
export function pauseMsOf(bucket: BucketDefinition, response: LimitResponse): number {
  const throttle = response.throttle;
  const quota = throttle?.kind === 'quota_exceeded';
  let ms = finite(throttle?.retryAfterMs);
  const resetAt = finite(throttle?.resetAt);
  if (ms === undefined && resetAt !== undefined) ms = resetAt - response.now + RESET_GUARD_MS;
  if (ms === undefined) ms = quota ? (bucket.windowMs ?? DEFAULT_THROTTLE_PAUSE_MS) : DEFAULT_THROTTLE_PAUSE_MS;
  return Math.max(0, ms);
}

/** `value` when it is a finite number. */
export function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
