/** A bucket's state as one response states it, as the limiter hands it to a meter. */
export interface Observation {
  /** What the response says is left, as stated. */
  readonly remaining?: number | undefined;
  /**
   * Units this process started after the observed request: the server may not have counted them yet (it
   * may have, when requests overtook each other on the way). @default 0
   */
  readonly startedAfter?: number;
  /** Units the observed call took in this bucket. @default 1 */
  readonly units?: number;
  readonly limit?: number | undefined;
  /** The server's reset on the local clock, as stated (meters add their own guard, {@link resetGuardMs}). */
  readonly resetAt?: number | undefined;
  /**
   * True when the reading comes from the newest request answered so far; a reading from an older
   * request (responses overtake each other) may only lower what the meter believes.
   */
  readonly fresh: boolean;
}

/**
 * The arithmetic of one bucket key. Pure: no timers, no clock of its own, `now` is passed in,
 * so every model is unit-tested with plain numbers.
 */
export interface Meter {
  /** A quota's meter: its key never waits one out (see `BucketKey`). */
  readonly quota?: boolean;
  /** Milliseconds until `cost` fits: 0 now; `Infinity` when only a release frees room. */
  wait(now: number, cost: number): number;
  /** Accounts a call that starts now. Only called when `wait` said 0 (or for a probe). */
  take(now: number, cost: number): void;
  /**
   * The call taken at `takenAt` ended (answered or not); `actual` is its settled cost when the response told it.
   * Called before `observe` and `throttled` for the same response.
   */
  done(now: number, reserved: number, actual: number | undefined, takenAt: number): void;
  /** Server state overrides the declared numbers (after `done`: a state includes the call's settled cost). */
  observe(now: number, state: Observation): void;
  /**
   * A throttling answer belongs to this bucket: learn from it (undisclosed limits). `pauseMs` is
   * how long the provider asked to wait; `takenAt` when the refused call was taken (the provider
   * did not count it).
   */
  throttled(now: number, pauseMs: number | undefined, takenAt: number): void;
  /** Forget everything learned: back to the declared numbers (a probe got through). */
  reset(): void;
  /**
   * True when the current wait comes from what the server said (a reset read from a response)
   * rather than from our own counting: only such a wait can be wrong by days, so only such a
   * wait is probed when it is longer than `maxHoldMs`.
   */
  fromServer?(): boolean;
}

/** Slack for whole-second hints: a Retry-After rounded up may end up to this much after the real end. */
export const SAME_WINDOW_MS = 1_000;

/**
 * Where a bucket carries its own meter factory (`undisclosedWindow()`): a model only some adapters need is then
 * bundled only by them, as `createMeter` never names it.
 */
export const METER_FACTORY: unique symbol = Symbol('rosetta.meterFactory');

/**
 * The most a reset time is pushed back: providers send resets in whole seconds (GitHub epoch seconds), so a
 * call made at the stated second may still land in the old window. Octokit adds this second to every reset.
 * Not added to Retry-After, which is a duration the provider chose.
 */
export const RESET_GUARD_MS = 1_000;
/** Share of the time left until a reset added to it as a guard (see {@link resetGuardMs}). */
const RESET_GUARD_SHARE = 0.02;

/**
 * The guard added to a reset `untilResetMs` away when it is read: 2 % of that time, at most
 * {@link RESET_GUARD_MS}. A whole-second reset may be up to a second early; a full second on every
 * reset doubles each wait of a one-second window, while 2 % of the time left bounds the cost to 2 % of
 * any window and still covers the rounding of a window of a minute or longer whenever it is read early in
 * the window. A call sent too early anyway is refused with the same, now past, reset: that pause gets the
 * whole second (see `pauseMsOf`), so being early costs one refused call, never a run of them.
 *
 * @example
 * resetGuardMs(3_600_000); // 1_000
 * resetGuardMs(800);       // 16
 */
export function resetGuardMs(untilResetMs: number): number {
  return Math.min(RESET_GUARD_MS, Math.ceil(Math.max(0, untilResetMs) * RESET_GUARD_SHARE));
}
