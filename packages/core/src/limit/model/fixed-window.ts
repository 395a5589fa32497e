import { type Meter, type Observation, resetGuardMs } from './meter';

/**
 * Resets of one window read from different responses differ by less than this: an epoch reset not at all, a
 * reset stated as whole seconds from now by under a second. Consecutive windows of the shortest providers
 * (one second, stated in epoch seconds) differ by a whole second, so half of one tells them apart.
 */
export const SAME_RESET_MS = 500;

/**
 * `limit` calls per window that resets at a time the server decides (GitHub core, Zendesk,
 * quotas). Without server state a window starts with the first call after the previous reset;
 * with state the server's `remaining` and `resetAt` are the truth.
 *
 * Slow start (when asked): the declared numbers are a prior (GitHub's 5,000 per hour, while the token may
 * have 10 left), so until the first call of a key is answered the others wait for what it says. Any end
 * of that call ends the slow start, an error or no answer at all (`done` runs on every release), so no
 * call waits longer than the first one takes.
 *
 * A server reset is kept as stated (the earliest of a window's readings: one stated as time left is read late by
 * the answer's way back, by a different time each); the next window is trusted to have begun only after a guard
 * ({@link resetGuardMs}, fixed when the window is first read) for whole-second rounding.
 *
 * Which answer is newest is the server's order, not ours: requests overtake each other on the way (a call
 * granted from a queue is sent after one granted at once), so the answer to our latest request may have been
 * counted first. Within a window the server's count only grows, so the lowest `remaining` it stated is its
 * latest word; from it, every call of ours still unanswered may be uncounted. An answer stating more was
 * counted before that word: its call is no longer among the uncounted.
 *
 * A quota (`quota`: HubSpot daily, Salesforce 24 h) has this arithmetic, but the limiter never waits one out (see
 * `BucketKey`): used up, calls fail at once until the reset. Used up means the server said so, or our own count
 * says so: an estimate at 0 only because calls of ours are unanswered (the server may have counted them in what it
 * stated) holds new calls until those answers come, rather than refusing calls the allowance still has room for.
 *
 * @example
 * const w = new FixedWindow(5_000, 3_600_000);
 * w.observe(now, { remaining: 0, resetAt: now + 60_000, fresh: true });
 * w.wait(now, 1); // 60_000
 */
export class FixedWindow implements Meter {
  remaining: number;
  /** End of the current window on the local clock (as the server states it, once aligned); 0 before the first call. */
  resetAt = 0;
  /** Waited beyond a server's `resetAt` before the next window is trusted to have begun. */
  #guard = 0;
  /** `resetAt` came from the server (else it is our guess: the window began with our first call). */
  #aligned = false;
  /** Units of ours not answered yet: while they fly, an answer with the server's reset is on its way. */
  #inFlight = 0;
  /** The lowest `remaining` the server stated in the current window. */
  #low = Infinity;
  /** A call of this key has ended (or no slow start was asked for). */
  #answered: boolean;
  /** The declared limit, which `reset()` goes back to. */
  readonly #declared: number;

  constructor(
    public limit: number,
    readonly windowMs: number,
    slowStart = false,
    readonly quota = false,
  ) {
    this.#declared = limit;
    this.remaining = limit;
    this.#answered = !slowStart;
  }

  wait(now: number, cost: number): number {
    if (!this.#answered && this.#inFlight > 0) return Infinity;
    // Past the reset a new window begins with this call. A call costing more than a whole
    // window still goes when the window is untouched, or it could never go.
    const opensAt = this.resetAt + this.#guard;
    if (now >= opensAt || this.remaining >= cost || this.remaining >= this.limit) return 0;
    // Our own guess of the reset (the declared window from our first call) is not waited out while an answer
    // carrying the server's reset is on its way: the provider's real window may be far shorter.
    if (!this.#aligned && this.#inFlight > 0) return Infinity;
    // A quota whose server's latest word leaves room for `cost`, filled only by our unanswered calls: many of them
    // may have been counted already (the estimate assumes none was), so their answers will tell.
    if (this.quota && this.#inFlight > 0 && this.#low >= cost) return Infinity;
    return opensAt - now;
  }

  take(now: number, cost: number): void {
    if (now >= this.resetAt + this.#guard) {
      // Calls of ours still in flight may land in the new window (sent late, or the reset came early): they are
      // counted there until an answer from the new window says how many it holds.
      this.remaining = this.limit - this.#inFlight;
      this.resetAt = now + this.windowMs;
      this.#guard = 0;
      this.#aligned = false;
      this.#low = Infinity;
    }
    this.remaining -= cost;
    this.#inFlight += cost;
  }

  done(_now?: number, reserved = 1): void {
    this.#inFlight = Math.max(0, this.#inFlight - reserved);
    this.#answered = true;
  }

  observe(now: number, state: Observation): void {
    if (state.limit !== undefined && state.limit > 0) this.limit = state.limit;
    const { remaining, resetAt } = state;
    if (remaining === undefined) return;
    if (resetAt !== undefined) {
      if (resetAt <= now) return;
      const current = this.#aligned && this.resetAt > now;
      const same = current && Math.abs(resetAt - this.resetAt) < SAME_RESET_MS;
      // An older response from before the window rolled over says nothing about the new window;
      // the newest response is the truth even when the reset moved earlier (a bogus reset corrected).
      if (current && resetAt <= this.resetAt - SAME_RESET_MS && !state.fresh) return;
      if (!same) {
        // Another window (or the first reading of one): ours in flight may all land in it.
        this.#guard = resetGuardMs(resetAt - now);
        this.resetAt = resetAt;
        this.#aligned = true;
        this.#low = remaining;
        this.remaining = remaining - this.#inFlight;
        return;
      }
      // The guard is fixed when a window is first read: later readings have less time left, not less rounding.
      this.#guard = Math.max(this.#guard, resetGuardMs(resetAt - now));
      // A reset stated as time left (Zendesk's seconds) is read some time after the server stated it, rounded up:
      // each reading is a bound from above, the earliest is the closest (epoch resets read alike).
      if (resetAt < this.resetAt) this.resetAt = resetAt;
    } else if (this.resetAt + this.#guard <= now) {
      // State without a reset: it describes a window we have not seen start.
      this.resetAt = now + this.windowMs;
      this.#low = remaining;
      this.remaining = remaining - this.#inFlight;
      return;
    }
    if (remaining > this.#low) {
      this.remaining += state.units ?? 1;
      return;
    }
    this.#low = remaining;
    this.remaining = remaining - this.#inFlight;
  }

  throttled(): void {}

  fromServer(): boolean {
    return this.#aligned;
  }

  reset(): void {
    this.limit = this.#declared;
    this.remaining = this.#declared;
    this.resetAt = 0;
    this.#guard = 0;
    this.#aligned = false;
    this.#inFlight = 0;
    this.#low = Infinity;
  }
}
