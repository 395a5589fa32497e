import type { Meter, Observation } from './meter';

/**
 * Token bucket (Stripe, Shopify REST, Airtable): `burst` tokens, refilled continuously at
 * `ratePerSec`. Refill is computed from elapsed time on every use, so no fraction of a token is
 * ever lost to rounding or timer drift (bottleneck's increment-per-heartbeat loses them).
 *
 * A call taken from a full bucket starts our refill at once, while the provider's bucket stays full
 * (refilling nothing) until the call arrives, some time before its answer: when it is answered, the
 * refill of that time is taken off ours too, or we would run ahead of the provider by it after every
 * idle spell and have the last call of the next burst refused.
 *
 * @example
 * const b = new TokenBucket(100, 100);
 * b.take(0, 100);
 * b.wait(0, 1); // 10: one token refills in 10 ms
 */
export class TokenBucket implements Meter {
  tokens: number;
  private at = Number.NEGATIVE_INFINITY;
  /** When the last call that found the bucket full was taken. */
  private fullAt = Number.NEGATIVE_INFINITY;
  private readonly perMs: number;

  constructor(
    ratePerSec: number,
    public burst: number,
    private readonly declaredBurst = burst,
  ) {
    this.perMs = ratePerSec / 1_000;
    this.tokens = burst;
  }

  protected refill(now: number): void {
    if (now > this.at) {
      this.tokens = Math.min(this.burst, this.tokens + (now - this.at) * this.perMs);
      this.at = now;
    }
  }

  wait(now: number, cost: number): number {
    this.refill(now);
    // A cost above the capacity waits for a full bucket, then goes into debt.
    const need = Math.min(cost, this.burst);
    // The tolerance absorbs float error in the refill, so a timer set for the exact wait suffices.
    return this.tokens >= need - 1e-9 ? 0 : (need - this.tokens) / this.perMs;
  }

  take(now: number, cost: number): void {
    this.refill(now);
    if (this.tokens >= this.burst - 1e-9) this.fullAt = now;
    this.tokens -= cost;
  }

  done(now: number, _reserved: number, _actual: number | undefined, takenAt: number): void {
    if (takenAt !== this.fullAt) return;
    this.fullAt = Number.NEGATIVE_INFINITY;
    this.refill(now);
    this.tokens -= (now - takenAt) * this.perMs;
  }

  observe(now: number, state: Observation): void {
    if (state.limit !== undefined && state.limit > 0) this.burst = state.limit;
    if (state.remaining === undefined) return;
    this.refill(now);
    const remaining = state.remaining - (state.startedAfter ?? 0);
    this.tokens = Math.min(this.burst, state.fresh ? remaining : Math.min(this.tokens, remaining));
  }

  throttled(now: number): void {
    // The server says empty: whatever we believed, we had nothing left.
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
  }

  reset(): void {
    this.burst = this.declaredBurst;
    this.tokens = this.burst;
    this.at = Number.NEGATIVE_INFINITY;
  }
}
