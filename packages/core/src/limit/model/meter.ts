/**
 * A bucket's state as the limiter folds it into a meter: `remaining` already excludes what this
 * process started after the request that carried it, `resetAt` is on the limiter's clock.
 */
export interface Observation {
  readonly remaining?: number | undefined;
  readonly limit?: number | undefined;
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

/** Two resets this close (providers send whole seconds) describe the same window. */
export const SAME_WINDOW_MS = 1_000;
