import { RESET_GUARD_MS, resetGuardMs } from './model/meter';
import type { BucketDefinition, BucketState, LimitResponse } from './types';

/**
 * The longest pause of a throttling answer with neither Retry-After nor reset: the shortest provider window (one
 * second), so a per-second bucket loses one window and a longer limit costs a 429 a second, not one per call.
 */
export const DEFAULT_THROTTLE_PAUSE_MS = 1_000;
/**
 * A bucket's server state in a response: its own `observe`, else (models with a remaining count)
 * `response.rateLimit` when that names no scope or this bucket's id.
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
 * Index (in the buckets a request took) of the bucket a throttling answer belongs to: the first whose `owns` says so,
 * else (skipping those whose `owns` says no) the one `throttle.scope` names, the first quota for `quota_exceeded`,
 * the first that is not a concurrency cap. -1 when none takes it.
 *
 * @example
 * ownerOf([cap, core, search], throttledResponse); // 1
 */
export function ownerOf(buckets: readonly BucketDefinition[], response: LimitResponse): number {
  const throttle = response.throttle;
  const says = buckets.map((bucket) => bucket.owns?.(response));
  const first = (test: (bucket: BucketDefinition) => boolean): number =>
    buckets.findIndex((bucket, i) => says[i] === undefined && test(bucket));
  let i = says.indexOf(true);
  if (i < 0 && throttle?.scope !== undefined) i = first((bucket) => bucket.id === throttle.scope);
  if (i < 0 && throttle?.kind === 'quota_exceeded') i = first((bucket) => bucket.model === 'quota');
  if (i < 0) i = first((bucket) => bucket.model !== 'concurrency');
  return i < 0 && buckets.length > 0 && says[0] === undefined ? 0 : i;
}

/**
 * How long a throttling answer pauses its bucket: a positive Retry-After as given; else until the reset plus
 * {@link resetGuardMs} (a whole {@link RESET_GUARD_MS} when it has passed: it was rounded down); else a quota's
 * window; else the bucket's own window up to {@link DEFAULT_THROTTLE_PAUSE_MS}. Never any backoff on top.
 *
 * @example
 * pauseMsOf(bucket, { ...response, throttle: { kind: 'rate_limited', retryAfterMs: 30_000 } }); // 30_000
 */
export function pauseMsOf(bucket: BucketDefinition, response: LimitResponse): number {
  const throttle = response.throttle;
  const retryAfterMs = finite(throttle?.retryAfterMs);
  // A zero (or negative) Retry-After on a throttle is no hint (see decideRetry): the bucket takes its default pause.
  if (retryAfterMs !== undefined && retryAfterMs > 0) return retryAfterMs;
  const resetAt = finite(throttle?.resetAt);
  if (resetAt !== undefined) {
    const until = resetAt - response.now;
    return until > 0 ? until + resetGuardMs(until) : RESET_GUARD_MS;
  }
  if (throttle?.kind === 'quota_exceeded' || bucket.model === 'quota')
    return bucket.windowMs ?? DEFAULT_THROTTLE_PAUSE_MS;
  return Math.min(DEFAULT_THROTTLE_PAUSE_MS, ownWindowMs(bucket));
}

/** The time in which a bucket's own arithmetic starts afresh: a window, a token bucket's full refill, an interval. */
export function ownWindowMs(bucket: BucketDefinition): number {
  const { burst, ratePerSec, windowMs, limit } = bucket;
  if (bucket.model === 'token-bucket' || bucket.model === 'cost-bucket') {
    const capacity = burst ?? limit;
    if (capacity !== undefined && ratePerSec !== undefined && ratePerSec > 0) return (capacity / ratePerSec) * 1_000;
  }
  if (bucket.model === 'min-interval' && bucket.intervalMs !== undefined) return bucket.intervalMs;
  return windowMs ?? DEFAULT_THROTTLE_PAUSE_MS;
}

/** `value` when it is a finite number. */
export function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
