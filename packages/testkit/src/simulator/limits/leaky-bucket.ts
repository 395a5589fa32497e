import { assertPositive } from './sliding-log';

/** The state of a leaky bucket after a request was offered to it. */
export interface BucketReading {
  readonly allowed: boolean;
  /** What the bucket holds after this request (the "32" of Shopify's `32/40`), fractional. */
  readonly level: number;
  readonly capacity: number;
  /** How long until a request of the same cost would fit, ms (0 when it fits now). */
  readonly retryInMs: number;
}

/**
 * A leaky bucket metering requests or points: each admitted request pours its cost in, the
 * bucket drains continuously at `leakPerSec`, and a request that would overflow is refused whole
 * (Shopify: "The throttle is a pass or fail operation"). The same meter is a token bucket seen
 * from the other side: tokens available = capacity - level.
 */
export interface LeakyBucket {
  /** Offers a request of `cost` (default 1) at `now` (ms, any monotonic clock). */
  take(now: number, cost?: number): BucketReading;
  /** Takes `amount` back out of the bucket (a cost charged up front and refunded after). */
  refund(now: number, amount: number): BucketReading;
}

/**
 * Creates a leaky bucket, empty at first.
 *
 * @example
 * const bucket = createLeakyBucket(40, 2); // Shopify REST: 40 requests, leaking 2 per second
 * bucket.take(0).level; // 1
 */
export function createLeakyBucket(capacity: number, leakPerSec: number): LeakyBucket {
  assertPositive('capacity', capacity, false);
  assertPositive('leakPerSec', leakPerSec, false);
  let level = 0;
  let at = Number.NEGATIVE_INFINITY;
  const drain = (now: number): void => {
    if (now > at) level = Math.max(0, level - ((now - at) * leakPerSec) / 1_000);
    at = Math.max(at, now);
  };
  const reading = (allowed: boolean, cost: number): BucketReading => {
    const over = level + cost - capacity;
    return { allowed, level, capacity, retryInMs: over <= 0 ? 0 : (over / leakPerSec) * 1_000 };
  };
  return {
    take(now, cost = 1) {
      drain(now);
      // A tiny epsilon so that float drift never refuses a request the arithmetic admits.
      const allowed = level + cost <= capacity + 1e-9;
      if (allowed) level = Math.min(capacity, level + cost);
      return reading(allowed, allowed ? 0 : cost);
    },
    refund(now, amount) {
      drain(now);
      level = Math.max(0, level - amount);
      return reading(true, 0);
    },
  };
}
