/** The state of a sliding log after one request was offered to it. */
export interface SlidingReading {
  readonly allowed: boolean;
  /** Requests that still fit in the last `windowMs` after this one. */
  readonly remaining: number;
  /** How long until one more request would fit, ms (0 when one fits now). */
  readonly retryInMs: number;
  /** How long until the oldest logged request leaves the window, ms (0 when the log is empty). */
  readonly resetInMs: number;
}

/** A sliding log: at most `limit` requests in any `windowMs`, so it has no phase a client could learn. */
export interface SlidingLog {
  /** Offers a request at `now`; `cost: 0` only reads the state (nothing is logged). */
  take(now: number, cost?: 0 | 1): SlidingReading;
}

/**
 * Creates a sliding-log counter (docs/retries-and-rate-limits.md §3.1: call i may go at `t(i-N) + W`). A refused
 * request is not logged.
 *
 * @example
 * const log = createSlidingLog(50, 1_000);
 * log.take(0).allowed; // true
 */
export function createSlidingLog(limit: number, windowMs: number): SlidingLog {
  assertPositive('limit', limit, true);
  assertPositive('windowMs', windowMs, false);
  // Admission times, oldest first; never longer than `limit`.
  const times: number[] = [];
  return {
    take(now, cost = 1) {
      while (times.length > 0 && (times[0] as number) + windowMs <= now) times.shift();
      const allowed = times.length < limit;
      if (allowed && cost === 1) times.push(now);
      const oldest = times[0];
      const resetInMs = oldest === undefined ? 0 : oldest + windowMs - now;
      const retryInMs = times.length < limit ? 0 : resetInMs;
      return { allowed, remaining: limit - times.length, retryInMs, resetInMs };
    },
  };
}

/** Throws a `RangeError` unless `value` is a positive number (an integer when `integer`). */
export function assertPositive(name: string, value: number, integer: boolean): void {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`);
  }
}
