import type { RateLimitInfo } from '../errors/types';
import type { LimiterEngineFactory } from './engine';

/**
 * Client-side rate limiting, as `createClient(adapter, { rateLimit })` takes it. Adapter defaults
 * are merged under these; `null` lifts an adapter default.
 *
 * @example
 * createClient(stripe, { rateLimit: { maxConcurrent: 10, reservoir: { size: 100, refreshIntervalMs: 1_000 } } });
 */
export interface RateLimitOptions {
  /**
   * At most this many calls in flight at once.
   * @default unlimited
   */
  readonly maxConcurrent?: number | null;
  /**
   * At least this many milliseconds between the starts of two calls.
   * @default 0
   */
  readonly minTimeMs?: number | null;
  /**
   * At most `size` calls per fixed window of `refreshIntervalMs` (the budget refills at each window).
   * @example { size: 100, refreshIntervalMs: 1_000 }
   */
  readonly reservoir?: { readonly size: number; readonly refreshIntervalMs: number } | null;
  /**
   * Calls that may wait for a slot or a pause (beyond the concurrency slots free right now); the
   * next one is rejected at once with reason `queue_full`.
   * @default 10_000
   */
  readonly maxQueued?: number;
  /**
   * Follow the provider's rate-limit headers (`observe()`): hold every call until the window
   * resets when `remaining` is 0, and spread what remains of the window once half of it is used.
   * @default true
   */
  readonly adaptive?: boolean;
  /**
   * Longest a pause (a 429's Retry-After) or an exhausted window may hold calls. A call that
   * would wait longer is rejected at once with reason `hold_exceeded` and `retryAfterMs`,
   * instead of sleeping for an hour.
   * @default 60_000
   */
  readonly maxHoldMs?: number;
  /**
   * The engine behind the limiter. Set by `redisRateLimit()` from `@rosetta/core/redis`; leave
   * it out for the in-process engine.
   */
  readonly engine?: LimiterEngineFactory;
}

/** Why a call waited in the limiter: a pause or exhausted window, pacing, or a full engine. */
export type LimiterWaitReason = 'paused' | 'paced' | 'queued';

/** Observability hooks of a limiter. */
export interface LimiterHooks {
  /**
   * Called when a call starts after waiting at least 10 ms in the limiter, with how long it
   * waited and why: `paused` (a pause or exhausted window held it), `paced` (`minTimeMs` or
   * adaptive pacing spaced it), `queued` (concurrency or reservoir were full).
   */
  onWait?(ms: number, reason: LimiterWaitReason): void;
}

/** Per-call options of {@link Limiter.schedule}. */
export interface ScheduleOptions {
  /** Cancels the call while it waits: rejected at once with reason `aborted` and removed from the queue. */
  readonly signal?: AbortSignal;
  /**
   * 0 (first) to 9 (last); calls of equal priority run in arrival order.
   * @default 5
   */
  readonly priority?: number;
}

/**
 * A client's rate limiter: a small policy value wrapped around every attempt.
 *
 * @example
 * const limiter = createLimiter({ maxConcurrent: 4 });
 * const res = await limiter?.schedule(() => fetch(url), { signal });
 */
export interface Limiter {
  /**
   * Runs `job` when the limits allow. The result (or rejection) of `job` passes through unchanged;
   * the limiter's own refusals are {@link LimiterRejectedError}s.
   */
  schedule<T>(job: () => Promise<T>, options?: ScheduleOptions): Promise<T>;
  /** Feeds the rate-limit state a response carried; a no-op unless `adaptive`. */
  observe(info: RateLimitInfo | undefined, now?: number): void;
  /** Holds every call not yet started, queued or new, for `ms` (a 429 pauses the whole limiter). */
  pause(ms: number): void;
  /** Calls waiting or running. */
  readonly pending: number;
  /**
   * Rejects every waiting call with reason `closed`, clears every timer and connection so the
   * process can exit. Calls already running are left to finish.
   */
  close(reason?: string): Promise<void>;
}
