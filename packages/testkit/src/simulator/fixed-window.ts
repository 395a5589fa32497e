/** The state of a fixed window after one request was counted against it. */
export interface WindowReading {
  /** Whether the request fits in the window. */
  readonly allowed: boolean;
  readonly limit: number;
  /** Requests (or points) left in the window after this one. */
  readonly remaining: number;
  /** When the window ends, epoch ms. */
  readonly resetAt: number;
}

/** A fixed-window counter: `limit` requests per window, windows aligned on multiples of `windowMs`. */
export interface FixedWindow {
  /** Counts one request costing `cost` (default 1) at `now` (epoch ms). */
  take(now: number, cost?: number): WindowReading;
}

/**
 * Creates a fixed-window counter. Windows start at multiples of `windowMs` since the epoch, so
 * with whole-second windows the reset lands on a second boundary and second-based reset headers
 * are exact; a refused request does not count.
 *
 * @example
 * const window = createFixedWindow(100, 1_000);
 * window.take(Date.now()).remaining; // 99
 */
export function createFixedWindow(limit: number, windowMs: number): FixedWindow {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`rateLimit.limit must be a positive integer, got ${limit}`);
  if (!Number.isFinite(windowMs) || windowMs <= 0)
    throw new RangeError(`rateLimit.windowMs must be positive, got ${windowMs}`);
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  return {
    take(now, cost = 1) {
      const start = Math.floor(now / windowMs) * windowMs;
      if (start !== windowStart) {
        windowStart = start;
        used = 0;
      }
      const allowed = used + cost <= limit;
      if (allowed) used += cost;
      return { allowed, limit, remaining: limit - used, resetAt: start + windowMs };
    },
  };
}
