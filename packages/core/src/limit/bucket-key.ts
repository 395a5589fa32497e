import type { Meter } from './model/meter';
import type { JobQueue } from './job-queue';
import { finite } from './read-response';
import type { BucketState, LimitResponse } from './types';

/** `check()` verdicts besides a wait in milliseconds (0 = go now, `Infinity` = wait for a release). */
export const REFUSE = -1;
/** Go now as the one probe of a long hold or of a quota's reset. */
export const PROBE = -2;

/** Probes of a long hold go at most this often (with `maxHoldMs: 0` a probe per call would be no limit). */
const MIN_PROBE_INTERVAL_MS = 1_000;
const NONE = 0;
const RATE = 1;
const QUOTA = 2;

/**
 * One bucket for one scope key: its meter plus the rules no meter knows.
 *
 * - A pause (an owned throttling answer) holds calls until the provider's time; one longer than `maxHoldMs` fails
 *   calls at once (`hold_exceeded`) but lets one probe through per `maxHoldMs`, so a bogus reset 30 days ahead
 *   costs a call a minute, not a month. So does a long meter wait from server state; our own count's fails fast.
 * - A quota refuses at once (`quota`) until its reset, then lets one probe through and holds the rest for its answer.
 */
export class BucketKey<W = unknown> {
  /** Waiting calls blocked on this key (created on demand, dropped when empty). */
  queue: JobQueue<W> | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  timerAt = 0;
  /** Permits holding this key, and waiting calls that will take it (queued here or elsewhere). */
  #held = 0;
  waiting = 0;
  /** Units started so far: a permit's sequence number. */
  #started = 0;
  /** Sequence of the newest permit whose response was observed. */
  #observedSeq = -1;
  #lastUsed = 0;
  #pausedUntil = 0;
  #pauseKind = NONE;
  /** Long hold: no probe before this time (0: not decided yet). */
  #probeAt = 0;
  #probing = false;
  /** Length of the hold behind the last REFUSE, and whether a quota refused. */
  refusedFor = 0;
  refusedQuota = false;
  /** Why the last positive wait: a pause or the meter. */
  pausedWait = false;

  constructor(readonly meter: Meter) {}

  /** Can `cost` go now? A wait in ms, `Infinity`, {@link REFUSE} or {@link PROBE}. */
  check(now: number, cost: number, maxHoldMs: number): number {
    if (this.#pauseKind !== NONE) {
      if (now < this.#pausedUntil) {
        const hold = this.#pausedUntil - now;
        this.pausedWait = true;
        if (this.#pauseKind === QUOTA) return this.#refuse(hold, true);
        return hold <= maxHoldMs ? hold : this.#longHold(now, hold, maxHoldMs);
      }
      // A quota pause: after it ends, one probe first.
      if (this.#pauseKind === QUOTA) return this.#probing ? Infinity : PROBE;
      this.#pauseKind = NONE;
    }
    this.pausedWait = false;
    const wait = this.meter.wait(now, cost);
    if (wait === 0 || wait === Infinity) return wait;
    if (this.meter.quota === true) {
      this.pause(now, wait, true, maxHoldMs);
      return this.#refuse(wait, true);
    }
    if (wait <= maxHoldMs) return wait;
    return this.meter.fromServer?.() === true ? this.#longHold(now, wait, maxHoldMs) : this.#refuse(wait);
  }

  #refuse(hold: number, quota = false): number {
    this.refusedFor = hold;
    this.refusedQuota = quota;
    return REFUSE;
  }

  #longHold(now: number, hold: number, maxHoldMs: number): number {
    if (this.#probing) return this.#refuse(hold);
    if (this.#probeAt === 0) this.#probeAt = now + probeEvery(maxHoldMs);
    return now >= this.#probeAt ? PROBE : this.#refuse(hold);
  }

  /** Accounts a call that starts now; returns its sequence number. */
  take(now: number, cost: number, probe: boolean, maxHoldMs: number): number {
    const seq = this.#started;
    this.meter.take(now, cost);
    this.#started += cost;
    this.#held++;
    this.#lastUsed = now;
    if (probe) {
      this.#probing = true;
      this.#probeAt = now + probeEvery(maxHoldMs);
    } else if (this.#pauseKind === NONE) {
      this.#probeAt = 0;
    }
    return seq;
  }

  /**
   * The permit taken with `seq` ended: settles its `units`, then folds in its response's server state (which
   * overrides them). True when that state told remaining or reset.
   */
  settle(
    now: number,
    units: number,
    seq: number,
    takenAt: number,
    state: BucketState | undefined,
    response: LimitResponse | undefined,
  ): boolean {
    this.#held--;
    this.meter.done(now, units, finite(state?.cost), takenAt);
    if (state === undefined || response === undefined) return false;
    // Units this process started after this request: the server may not have counted them yet.
    const startedAfter = this.#started - seq - units;
    const fresh = seq >= this.#observedSeq;
    if (fresh) this.#observedSeq = seq;
    const remaining = finite(state.remaining);
    const resetAt = finite(state.resetAt);
    this.meter.observe(now, {
      remaining,
      startedAfter,
      units,
      limit: finite(state.limit),
      resetAt: resetAt === undefined ? undefined : now + (resetAt - response.now),
      fresh,
    });
    return remaining !== undefined || resetAt !== undefined;
  }

  /** The probe was answered without a throttle: the hold is over, the meter starts afresh unless told otherwise. */
  probeAnswered(now: number, observed: boolean): void {
    this.#probing = false;
    this.#pauseKind = NONE;
    this.#probeAt = 0;
    this.#pausedUntil = 0;
    const wait = this.meter.wait(now, 1);
    // The provider took the call although we believed the bucket empty for long: our state is wrong.
    if (!observed && wait > 0 && wait !== Infinity) this.meter.reset();
  }

  /** The probe got no answer (network error): the next call may probe at once. */
  probeLost(now: number): void {
    this.#probing = false;
    if (this.#probeAt > now) this.#probeAt = now;
  }

  /** Holds the key for `ms` (a throttling answer, or a quota used up: `quota`, or any pause of a quota's key). */
  pause(now: number, ms: number, quotaExceeded: boolean, maxHoldMs: number): void {
    const until = now + ms;
    const quota = quotaExceeded || this.meter.quota === true;
    this.#probing = false;
    if (this.#pauseKind !== NONE && until <= this.#pausedUntil && !quota) return;
    this.#pausedUntil = until;
    this.#pauseKind = quota ? QUOTA : RATE;
    this.#probeAt = !quota && ms > maxHoldMs ? now + probeEvery(maxHoldMs) : 0;
  }

  /** Nothing here a fresh key would not have, and unused for `idleMs`. */
  idle(now: number, idleMs: number): boolean {
    return (
      this.#held === 0 &&
      this.waiting === 0 &&
      this.#pausedUntil <= now &&
      this.#pauseKind !== QUOTA &&
      now - this.#lastUsed >= idleMs
    );
  }
}

function probeEvery(maxHoldMs: number): number {
  return Math.max(maxHoldMs, MIN_PROBE_INTERVAL_MS);
}
