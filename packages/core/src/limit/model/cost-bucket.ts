import { TokenBucket } from './token-bucket';

/**
 * Cost bucket (Shopify GraphQL, GitHub GraphQL points, Jira points): a token bucket where a call
 * reserves its estimated cost when it starts and settles the actual cost the response reports:
 * the difference is refunded (or charged) at once.
 *
 * @example
 * const b = new CostBucket(50, 1_000);
 * b.take(now, 100);          // estimate
 * b.done(now, 100, 12);      // actual: 88 points come back
 */
export class CostBucket extends TokenBucket {
  protected override readonly costsEstimated = true;

  override done(now: number, reserved: number, actual: number | undefined, takenAt: number): void {
    super.done(now, reserved, actual, takenAt);
    if (actual === undefined || !Number.isFinite(actual) || actual === reserved) return;
    this.refill(now);
    this.tokens = Math.min(this.burst, this.tokens + reserved - actual);
  }
}
