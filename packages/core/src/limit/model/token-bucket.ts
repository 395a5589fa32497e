import type { Meter, Observation } from './meter';

/**
 * Token bucket (Stripe, Shopify REST, Airtable): `burst` tokens, refilled continuously at
 * `ratePerSec`. Refill is computed from elapsed time on every use, so no fraction of a token is
 * ever lost to rounding or timer drift (bottleneck's increment-per-heartbeat loses them).
 *
 * @example
 * const b = new TokenBucket(100, 100);
 * b.take(0, 100);
 * b.wait(0, 1); // 10: one token refills in 10 ms
 */
export class TokenBucket implements Meter {
  tokens: number;
  private at = Number.NEGATIVE_INFINITY;
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
    this.tokens -= cost;
  }

  done(_now: number, _reserved: number, _actual: number | undefined): void {}

  observe(now: number, state: Observation): void {
    if (state.limit !== undefined && state.limit > 0) this.burst = state.limit;
    if (state.remaining === undefined) return;
    this.refill(now);
    this.tokens = Math.min(this.burst, state.fresh ? state.remaining : Math.min(this.tokens, state.remaining));
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
