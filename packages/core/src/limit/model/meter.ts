/** A bucket's state as one response states it, as the limiter hands it to a meter. */
export interface Observation {
  /** What the response says is left, as stated. */
  readonly remaining?: number | undefined;
  /** Units this process started after the observed request: the server may not have counted them yet. @default 0 */
  readonly startedAfter?: number;
  /** Units the observed call took in this bucket. @default 1 */
  readonly units?: number;
  readonly limit?: number | undefined;
  /** The server's reset on the local clock, as stated (meters add their own guard, {@link resetGuardMs}). */
  readonly resetAt?: number | undefined;
  /** From the newest request answered so far; an older one's reading (responses overtake) may only lower. */
  readonly fresh: boolean;
}

/** The arithmetic of one bucket key. Pure (no timers, `now` passed in): unit-tested with plain numbers. */
export interface Meter {
  /** A quota's meter: its key never waits one out (see `BucketKey`). */
  readonly quota?: boolean;
  /** Milliseconds until `cost` fits: 0 now; `Infinity` when only a release frees room. */
  wait(now: number, cost: number): number;
  /** Accounts a call that starts now. Only called when `wait` said 0 (or for a probe). */
  take(now: number, cost: number): void;
  /** The call taken at `takenAt` ended, answered or not (`actual`: its settled cost); before `observe`/`throttled`. */
  done(now: number, reserved: number, actual: number | undefined, takenAt: number): void;
  /** Server state overrides the declared numbers (after `done`: a state includes the call's settled cost). */
  observe(now: number, state: Observation): void;
  /** A throttling answer owned by this bucket (`pauseMs` asked; the call taken at `takenAt` was not counted). */
  throttled(now: number, pauseMs: number | undefined, takenAt: number): void;
  /** Forget everything learned: back to the declared numbers (a probe got through). */
  reset(): void;
  /** The current wait comes from a reset the server stated: only such a wait can be wrong by days (probed). */
  fromServer?(): boolean;
}

/** Slack for whole-second hints: a Retry-After rounded up may end up to this much after the real end. */
export const SAME_WINDOW_MS = 1_000;

/** A bucket's own meter factory (`undisclosedWindow()`): `createMeter` never names that model, so few bundle it. */
export const METER_FACTORY: unique symbol = Symbol('rosetta.meterFactory');

/**
 * The most a reset is pushed back: resets come in whole seconds, so a call at the stated second may still land in
 * the old window (Octokit adds this second to every reset). Never added to Retry-After, the provider's own choice.
 */
export const RESET_GUARD_MS = 1_000;
/** Share of the time left until a reset added to it as a guard (see {@link resetGuardMs}). */
const RESET_GUARD_SHARE = 0.02;

/**
 * The guard added to a reset `untilResetMs` away: 2 % of that time, at most {@link RESET_GUARD_MS}. A full second
 * would double every wait of a one-second window; 2 % still covers the rounding of a minute's window. A call sent
 * too early anyway is refused with a past reset, which gets the whole second (`pauseMsOf`): one refused call.
 *
 * @example
 * resetGuardMs(3_600_000); // 1_000
 * resetGuardMs(800);       // 16
 */
export function resetGuardMs(untilResetMs: number): number {
  return Math.min(RESET_GUARD_MS, Math.ceil(Math.max(0, untilResetMs) * RESET_GUARD_SHARE));
}
