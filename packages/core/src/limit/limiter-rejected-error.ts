/**
 * Why the limiter refused or gave up on a call before running it.
 *
 * - `queue_full`: the queue already holds `maxQueued` calls.
 * - `closed`: the limiter was closed while the call waited (or before it arrived).
 * - `aborted`: the call's `AbortSignal` fired while it waited.
 * - `hold_exceeded`: a pause or an exhausted window would hold the call longer than `maxHoldMs`;
 *   `retryAfterMs` says how long the hold lasts.
 * - `quota`: a long-window quota is used up; `retryAfterMs` says when it resets. Never waited out.
 * - `redis_unavailable`: cluster mode could not reach Redis in time and no local fallback is configured.
 * - `deadline`: the known wait would end past the call's `deadlineAt`, so it is not started; `retryAfterMs`
 *   says how long the wait is.
 */
export type LimiterRejectionReason =
  | 'queue_full'
  | 'closed'
  | 'aborted'
  | 'hold_exceeded'
  | 'quota'
  | 'redis_unavailable'
  | 'deadline';

const BRAND: unique symbol = Symbol.for('rosetta.LimiterRejectedError');

/** Options of {@link LimiterRejectedError}. */
export interface LimiterRejectedErrorOptions extends ErrorOptions {
  /** For `hold_exceeded`, `quota` and `deadline`: how long until the bucket lets calls through again. */
  readonly retryAfterMs?: number;
  /** The id of the bucket that refused the call. */
  readonly bucket?: string;
}

/**
 * The limiter did not run the call. Nothing reached the provider, so the call is always safe to
 * repeat later; `reason` says why.
 *
 * @example
 * try { await limiter.acquire(request); }
 * catch (error) { if (isLimiterRejectedError(error) && error.reason === 'queue_full') shedLoad(); }
 */
export class LimiterRejectedError extends Error {
  override name = 'LimiterRejectedError' as const;
  readonly reason: LimiterRejectionReason;
  // `declare`: only present when known, so logs of other reasons do not show `retryAfterMs: undefined`.
  declare readonly retryAfterMs?: number;
  declare readonly bucket?: string;
  readonly [BRAND] = true;

  constructor(reason: LimiterRejectionReason, message: string, options: LimiterRejectedErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    for (const name of ['retryAfterMs', 'bucket'] as const) {
      if (options[name] !== undefined) Object.defineProperty(this, name, { value: options[name], enumerable: true });
    }
  }
}

// The refusals both engines make (in process and cluster mode), worded once.

/** A call the queue has no room for (`bucket`: the one it would have waited on, when known). */
export function queueFullError(maxQueued: number, bucket?: string): LimiterRejectedError {
  const message = `the rate limiter queue is full (${maxQueued} calls waiting)`;
  return new LimiterRejectedError('queue_full', message, bucket === undefined ? {} : { bucket });
}

/** A call whose signal aborted, before or while it waited. */
export function abortedError(cause: unknown): LimiterRejectedError {
  return new LimiterRejectedError('aborted', 'the call was aborted in the rate limiter', { cause });
}

/** Every call, once the limiter is closed. */
export function closedError(reason?: string): LimiterRejectedError {
  return new LimiterRejectedError('closed', `the limiter was closed${reason === undefined ? '' : `: ${reason}`}`);
}

/** A bucket's wait not started: a used-up quota, a hold longer than `maxHoldMs`, or a wait past the call's deadline. */
export function waitRefusedError(
  reason: 'quota' | 'hold_exceeded' | 'deadline',
  bucket: string,
  retryAfterMs: number,
  maxHoldMs: number,
): LimiterRejectedError {
  const message =
    reason === 'quota'
      ? `the ${bucket} quota is used up until it resets in ${retryAfterMs} ms`
      : `the ${bucket} rate limit holds calls for ${retryAfterMs} ms, ${reason === 'deadline' ? "past the call's deadline" : `longer than maxHoldMs (${maxHoldMs} ms)`}`;
  return new LimiterRejectedError(reason, message, { retryAfterMs, bucket });
}

/**
 * Type guard for {@link LimiterRejectedError}; holds across duplicate installs of `@rosetta/core`.
 *
 * @example
 * if (isLimiterRejectedError(error)) console.log(error.reason);
 */
export function isLimiterRejectedError(value: unknown): value is LimiterRejectedError {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}
