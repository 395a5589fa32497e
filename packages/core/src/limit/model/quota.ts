import { FixedWindow } from './fixed-window';

/**
 * A long-window allowance (HubSpot daily, Salesforce 24 h): the arithmetic of a fixed window, but
 * the limiter never waits one out. When it is used up (counted here, read from a response, or
 * answered `quota_exceeded`) calls fail at once with reason `quota` and the time to the reset;
 * after the reset exactly one probe goes first (see `BucketKey`).
 *
 * @example
 * const q = new Quota(250_000, 86_400_000);
 */
export class Quota extends FixedWindow {}
