/** The state of a sliding log after one request was offered to it. */
export interface SlidingReading {
  readonly allowed: boolean;
  /** Requests that still fit in the last `windowMs` after this one. */
  readonly remaining: number;
  /** How long until one more request would fit, ms (0 when one fits now). */
  readonly retryInMs: number;
}

/** A sliding log: at most `limit` requests in any `windowMs`, so it has no phase a client could learn. */
export interface SlidingLog {
  take(now: number): SlidingReading;
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
    take(now) {
      while (times.length > 0 && (times[0] as number) + windowMs <= now) times.shift();
      const allowed = times.length < limit;
      if (allowed) times.push(now);
      const oldest = times[0];
      const retryInMs = times.length < limit || oldest === undefined ? 0 : oldest + windowMs - now;
      return { allowed, remaining: limit - times.length, retryInMs };
    },
  };
}

/** Throws a `RangeError` unless `value` is a positive number (an integer when `integer`). */
export function assertPositive(name: string, value: number, integer: boolean): void {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`);
  }
}
