import type { BucketDefinition, BucketState, LimitResponse } from '@rosetta/core';
import { REMAINING_HEADERS, remainingOf } from './classify-xero';

// "Concurrent Limit: 5 calls in progress at one time; Minute Limit: 60 calls per minute; Daily Limit: 5000 calls per
// day" per tenant, and "App Minute Limit: 10,000 calls per minute" across all tenants. "Each API response you receive
// will include the X-DayLimit-Remaining, X-MinLimit-Remaining and X-AppMinLimit-Remaining headers."
const DOCS = 'https://developer.xero.com/faq/limits';

/**
 * A bucket's `X-*Limit-Remaining` header as its state. Xero states no limit, so none is reported: a stated limit
 * overrides the bucket's, and the documented one would undo a user's override (`day: { limit: 1_000 }`).
 */
const remainingState =
  (id: string) =>
  (response: LimitResponse): BucketState | undefined => {
    const header = REMAINING_HEADERS[id];
    const remaining = header === undefined ? undefined : remainingOf(response.headers[header]);
    return remaining === undefined ? undefined : { remaining };
  };

/**
 * Xero's documented limits. Xero counts per tenant (organisation); a request's tenant travels in the `xero-tenant-id`
 * header, which the limiter does not see, so the tenant buckets count per access token: a token used for several
 * tenants shares one budget here, stricter than Xero and never looser (give each tenant its own client to lift it).
 *
 * - `concurrent`: 5 calls in progress at one time;
 * - `minute`: 60 calls in a rolling minute, read from `X-MinLimit-Remaining`;
 * - `day`: 5,000 calls a day (a quota: when spent, calls fail until the window rolls), read from `X-DayLimit-Remaining`;
 * - `app-minute`: 10,000 calls a minute for the whole app, across tenants and tokens, from `X-AppMinLimit-Remaining`.
 *
 * @example
 * // An app on a developer plan with a lower daily limit:
 * createClient(xero, { auth, rateLimit: { buckets: { day: { limit: 1_000 } } } });
 */
export const xeroLimits: readonly BucketDefinition[] = [
  { id: 'concurrent', model: 'concurrency', maxInFlight: 5, source: DOCS },
  {
    id: 'minute',
    model: 'sliding-window',
    limit: 60,
    windowMs: 60_000,
    source: DOCS,
    observe: remainingState('minute'),
  },
  {
    id: 'day',
    model: 'quota',
    limit: 5_000,
    windowMs: 86_400_000,
    source: DOCS,
    observe: remainingState('day'),
  },
  {
    id: 'app-minute',
    model: 'sliding-window',
    limit: 10_000,
    windowMs: 60_000,
    source: DOCS,
    scope: () => 'app',
    observe: remainingState('app-minute'),
  },
];
