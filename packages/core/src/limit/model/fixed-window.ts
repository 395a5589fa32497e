import { type Meter, type Observation, SAME_WINDOW_MS } from './meter';

/**
 * `limit` calls per window that resets at a time the server decides (GitHub core, Zendesk,
 * quotas). Without server state a window starts with the first call after the previous reset;
 * with state the server's `remaining` and `resetAt` are the truth.
 *
 * Slow start: the declared numbers are a prior (GitHub's 5,000 per hour, while the token may have 10
 * left), so until the first call of a key is answered the others wait for what it says. Any end of
 * that call ends the slow start, an error or no answer at all (`done` runs on every release), so no
 * call waits longer than the first one takes.
 *
 * @example
 * const w = new FixedWindow(5_000, 3_600_000);
 * w.observe(now, { remaining: 0, resetAt: now + 60_000, fresh: true });
 * w.wait(now, 1); // 60_000
 */
export class FixedWindow implements Meter {
  remaining: number;
  /** End of the current window on the local clock; 0 before the first call. */
  resetAt = 0;
  /** `resetAt` came from the server (else it is our guess: the window began with our first call). */
  private aligned = false;
  /** Calls of ours not answered yet: while they fly, an answer with the server's reset is on its way. */
  private inFlight = 0;
  /** A call of this key has ended: the slow start is over. */
  private answered = false;

  constructor(
    public limit: number,
    readonly windowMs: number,
    private readonly declared = limit,
  ) {
    this.remaining = limit;
  }

  wait(now: number, cost: number): number {
    if (!this.answered && this.inFlight > 0) return Number.POSITIVE_INFINITY;
    // Past the reset a new window begins with this call. A call costing more than a whole
    // window still goes when the window is untouched, or it could never go.
    if (now >= this.resetAt || this.remaining >= cost || this.remaining >= this.limit) return 0;
    // Our own guess of the reset (the declared window from our first call) is not waited out while an answer
    // carrying the server's reset is on its way: the provider's real window may be far shorter.
    if (!this.aligned && this.inFlight > 0) return Number.POSITIVE_INFINITY;
    return this.resetAt - now;
  }

  take(now: number, cost: number): void {
    if (now >= this.resetAt) {
      // Calls of ours still in flight may land in the new window (sent late, or the reset came early): they are
      // counted there until an answer from the new window says how many it holds.
      this.remaining = this.limit - this.inFlight;
      this.resetAt = now + this.windowMs;
      this.aligned = false;
    }
    this.remaining -= cost;
    this.inFlight++;
  }

  done(): void {
    if (this.inFlight > 0) this.inFlight--;
    this.answered = true;
  }

  observe(now: number, state: Observation): void {
    if (state.limit !== undefined && state.limit > 0) this.limit = state.limit;
    const { remaining, resetAt } = state;
    if (remaining === undefined) return;
    if (resetAt !== undefined) {
      if (resetAt <= now) return;
      const current = this.aligned && this.resetAt > now;
      // An older response from before the window rolled over says nothing about the new window;
      // the newest response is the truth even when the reset moved earlier (a bogus reset corrected).
      if (current && resetAt < this.resetAt - SAME_WINDOW_MS && !state.fresh) return;
      if (!current || resetAt > this.resetAt + SAME_WINDOW_MS || state.fresh) {
        this.remaining = remaining;
        this.resetAt = resetAt;
        this.aligned = true;
        return;
      }
    } else if (this.resetAt <= now) {
      // State without a reset: it describes a window we have not seen start.
      this.resetAt = now + this.windowMs;
      this.remaining = remaining;
      return;
    }
    this.remaining = state.fresh ? remaining : Math.min(this.remaining, remaining);
  }

  throttled(): void {}

  fromServer(): boolean {
    return this.aligned;
  }

  reset(): void {
    this.limit = this.declared;
    this.remaining = this.declared;
    this.resetAt = 0;
    this.aligned = false;
    this.inFlight = 0;
  }
}
