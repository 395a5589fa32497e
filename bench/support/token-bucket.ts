/** One request's reading of a {@link TokenBucket}. */
export interface BucketReading {
  readonly allowed: boolean;
  /** Whole tokens left after this request. */
  readonly remaining: number;
  /** Milliseconds until one token is available (0 when one is). */
  readonly nextTokenMs: number;
  /** Milliseconds until the bucket is full again. */
  readonly fullInMs: number;
}

/** A token bucket: `burst` tokens at most, refilled continuously at `ratePerSecond`. */
export interface TokenBucket {
  /** Takes one token at `now` (ms) when there is one. */
  take(now: number): BucketReading;
}

/**
 * Creates a token bucket, full at first.
 *
 * @example
 * const bucket = createTokenBucket(100, 10);
 * bucket.take(performance.now()).allowed; // true for the first 10 at once, then one per 10 ms
 */
export function createTokenBucket(ratePerSecond: number, burst: number): TokenBucket {
  const perMs = ratePerSecond / 1_000;
  let tokens = burst;
  let at = Number.NEGATIVE_INFINITY;
  return {
    take(now) {
      tokens = at === Number.NEGATIVE_INFINITY ? burst : Math.min(burst, tokens + (now - at) * perMs);
      at = now;
      const allowed = tokens >= 1;
      if (allowed) tokens -= 1;
      return {
        allowed,
        remaining: Math.floor(tokens),
        nextTokenMs: tokens >= 1 ? 0 : (1 - tokens) / perMs,
        fullInMs: (burst - tokens) / perMs,
      };
    },
  };
}
