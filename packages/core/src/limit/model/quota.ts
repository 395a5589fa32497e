import { FixedWindow } from './fixed-window';

/**
 * A long-window allowance (HubSpot daily, Salesforce 24 h): the arithmetic of a fixed window, but
 * the limiter never waits one out. When it is used up (counted here, read from a response, or
 * answered `quota_exceeded`) calls fail at once with reason `quota` and the time to the reset;
 * after the reset exactly one probe goes first (see `BucketKey`).
 *
 * Used up means the server said so, or our own count says so: an estimate at 0 only because calls
 * of ours are unanswered (the server may have counted them in what it stated) holds new calls until
 * those answers come, rather than refusing calls the allowance still has room for.
 *
 * @example
 * const q = new Quota(250_000, 86_400_000);
 */
export class Quota extends FixedWindow {
  override wait(now: number, cost: number): number {
    const wait = super.wait(now, cost);
    return wait > 0 && this.roomAfterAnswers(cost) ? Infinity : wait;
  }
}
