import { createFixedWindow } from '../fixed-window';
import type { WindowKind } from '../types';
import { createLeakyBucket } from './leaky-bucket';
import { assertPositive, createSlidingLog } from './sliding-log';

/** What a meter says about one more request at `now`. */
export interface MeterReading {
  readonly allowed: boolean;
  readonly limit: number;
  /** Whole requests that still fit after this one (after a `peek`: that fit now). */
  readonly remaining: number;
  /** When the meter is back to `limit` remaining (fixed: the window's end), epoch ms. */
  readonly resetAt: number;
  /** How long until one more request would fit, ms (0 when one fits now). */
  readonly retryInMs: number;
}

/** One counter of a windowed limit, over the shared window primitives. */
export interface Meter {
  /** Reads the state without counting anything. */
  peek(now: number): MeterReading;
  /** Counts one request; call only after a `peek` allowed it. */
  take(now: number): MeterReading;
}

/**
 * A meter of the given kind over the existing primitives (fixed window, sliding log, leaky bucket seen as a
 * token bucket), so that every kind answers the same questions for the header templates.
 *
 * @example
 * const meter = createMeter('token', 10, 100); // 100 per second, a burst of 10
 * meter.peek(Date.now()).allowed; // true
 */
export function createMeter(kind: WindowKind, limit: number, windowMs: number): Meter {
  assertPositive('limit', limit, true);
  assertPositive('windowMs', windowMs, false);
  switch (kind) {
    case 'fixed': {
      const window = createFixedWindow(limit, windowMs);
      const read = (now: number, cost: 0 | 1): MeterReading => {
        const r = window.take(now, cost);
        const allowed = cost === 1 ? r.allowed : r.remaining >= 1;
        return { allowed, limit, remaining: r.remaining, resetAt: r.resetAt, retryInMs: allowed ? 0 : r.resetAt - now };
      };
      return { peek: (now) => read(now, 0), take: (now) => read(now, 1) };
    }
    case 'sliding': {
      const log = createSlidingLog(limit, windowMs);
      const read = (now: number, cost: 0 | 1): MeterReading => {
        const r = log.take(now, cost);
        return {
          allowed: r.allowed,
          limit,
          remaining: r.remaining,
          resetAt: now + r.resetInMs,
          retryInMs: r.retryInMs,
        };
      };
      return { peek: (now) => read(now, 0), take: (now) => read(now, 1) };
    }
    case 'token': {
      const perMs = limit / windowMs;
      const bucket = createLeakyBucket(limit, perMs * 1_000);
      const read = (now: number, cost: 0 | 1): MeterReading => {
        const taken = bucket.take(now, cost);
        const level = taken.level;
        // The bucket's level is what is used; 1e-9 absorbs float drift, as the bucket itself does.
        const remaining = Math.max(0, Math.floor(limit - level + 1e-9));
        const over = level + 1 - limit;
        return {
          allowed: cost === 1 ? taken.allowed : over <= 1e-9,
          limit,
          remaining,
          resetAt: now + level / perMs,
          retryInMs: over <= 1e-9 ? 0 : over / perMs,
        };
      };
      return { peek: (now) => read(now, 0), take: (now) => read(now, 1) };
    }
  }
}
