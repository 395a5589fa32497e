import { type Meter, type Observation, resetGuardMs } from './meter';

/** Two readings of one window's reset differ by under a second; consecutive one-second windows by a whole one. */
export const SAME_RESET_MS = 500;

/**
 * `limit` calls per window that resets when the server says (GitHub core, Zendesk, quotas). Without server state a
 * window starts with the first call after the previous reset; with it, `remaining` and `resetAt` are the truth.
 *
 * Slow start: until a key's first call ends (any end: `done` runs on every release) the others wait for its word.
 * A reset is kept as first stated (later readings of time left come back late) and trusted only after its guard
 * ({@link resetGuardMs}). Requests overtake each other, but the server's count only grows within a window: the
 * lowest `remaining` stated is its latest word, and every call of ours unanswered since may be uncounted.
 *
 * A quota (HubSpot daily) is never waited out (`BucketKey` refuses it), but an estimate at 0 only because our calls
 * are unanswered holds new calls until their answers come, rather than refusing them.
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
    // Past the reset a new window begins; a call costing more than a window goes into an untouched one.
    const opensAt = this.resetAt + this.#guard;
    if (now >= opensAt || this.remaining >= cost || this.remaining >= this.limit) return 0;
    // Our own guessed reset is not waited out while an answer with the server's (maybe far sooner) is on its way.
    if (!this.#aligned && this.#inFlight > 0) return Infinity;
    // A quota with room at the server's latest word, filled only by our unanswered calls: their answers will tell.
    if (this.quota && this.#inFlight > 0 && this.#low >= cost) return Infinity;
    return opensAt - now;
  }

  take(now: number, cost: number): void {
    if (now >= this.resetAt + this.#guard) {
      // Ours still in flight may land in the new window: counted there until an answer from it says otherwise.
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
      // An older answer from before the rollover says nothing of the new window; the newest may move it earlier.
      if (current && resetAt <= this.resetAt - SAME_RESET_MS && !state.fresh) return;
      if (!same) {
        // Another window (or the first reading of one): ours in flight may all land in it.
        this.#guard = resetGuardMs(resetAt - now);
        this.resetAt = resetAt;
        this.#aligned = true;
        this.#low = Infinity;
      } else {
        // The guard is fixed when a window is first read: later readings have less time left, not less rounding.
        this.#guard = Math.max(this.#guard, resetGuardMs(resetAt - now));
        // A reset stated as time left (Zendesk's seconds) is read late and rounded up: the earliest is the closest.
        if (resetAt < this.resetAt) this.resetAt = resetAt;
      }
    } else if (this.resetAt + this.#guard <= now) {
      // State without a reset: it describes a window we have not seen start.
      this.resetAt = now + this.windowMs;
      this.#low = Infinity;
    }
    // The server's count only grows within a window: a higher `remaining` than its lowest is older news.
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
