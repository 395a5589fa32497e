import type { RateLimitInfo } from '../errors/types';

/**
 * Pacing starts once no more than this share of a known limit remains: a fresh window is used
 * at full speed (pacing 5,000 requests an hour from the first one would make a burst of 100
 * take over a minute), the second half is spread so the window lasts until its reset.
 */
const PACE_BELOW_SHARE = 0.5;
/** Providers send resets in whole seconds; two readings this close describe the same window. */
const SAME_WINDOW_MS = 1_000;

interface Window {
  readonly resetAt: number;
  readonly remaining: number;
  readonly spacingMs: number;
}

/** Follows provider rate-limit headers: one window per `scope`. */
export interface AdaptivePacer {
  /**
   * Records one response's rate-limit state. Returns the reset time when the window is
   * exhausted (`remaining: 0`), meaning: hold every call until then.
   */
  observe(info: RateLimitInfo, now: number): number | undefined;
  /** Minimum milliseconds between call starts right now (0 = no pacing). */
  spacingMs(now: number): number;
}

/**
 * Creates a pacer. Readings without a future `resetAt` and a `remaining` count are ignored (a 429
 * without them pauses through `Limiter.pause`). Responses come back out of order under
 * concurrency, so within one window the lowest `remaining` wins and an older window never
 * replaces a newer one. When the limit is unknown every reading paces.
 *
 * @example
 * const pacer = createAdaptivePacer(60_000);
 * pacer.observe({ limit: 100, remaining: 10, resetAt: now + 1_000 }, now);
 * pacer.spacingMs(now); // 100: ten calls spread over the second left
 */
export function createAdaptivePacer(maxSpacingMs: number): AdaptivePacer {
  const windows = new Map<string, Window>();

  return {
    observe(info, now) {
      const { limit, scope = '' } = info;
      let { remaining, resetAt } = info;
      if (!isCount(remaining) || resetAt === undefined || !Number.isFinite(resetAt) || resetAt <= now) return undefined;
      const current = windows.get(scope);
      if (current !== undefined && current.resetAt > now) {
        if (resetAt < current.resetAt - SAME_WINDOW_MS) return undefined;
        if (resetAt <= current.resetAt + SAME_WINDOW_MS) {
          remaining = Math.min(remaining, current.remaining);
          resetAt = Math.max(resetAt, current.resetAt);
        }
      }
      if (remaining === 0) {
        windows.set(scope, { resetAt, remaining, spacingMs: 0 });
        return resetAt;
      }
      const pace = !isCount(limit) || limit === 0 || remaining <= limit * PACE_BELOW_SHARE;
      const spacingMs = pace ? Math.min(maxSpacingMs, (resetAt - now) / remaining) : 0;
      windows.set(scope, { resetAt, remaining, spacingMs });
      return undefined;
    },
    spacingMs(now) {
      let spacing = 0;
      for (const [scope, window] of windows) {
        if (window.resetAt <= now) windows.delete(scope);
        else if (window.spacingMs > spacing) spacing = window.spacingMs;
      }
      return spacing;
    },
  };
}

function isCount(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value >= 0;
}
