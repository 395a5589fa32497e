import type { BucketDefinition, LimitRequest, LimitResponse } from '@rosetta/core';

// "Global limits that apply to all services ... Per app across all tenants: 130,000 requests per 10 seconds";
// "Outlook service limits are evaluated for each app ID and mailbox combination": 10,000 API requests in a 10-minute
// period, 4 concurrent requests.
const LIMITS = 'https://learn.microsoft.com/graph/throttling-limits';

/**
 * An Outlook request (mail, calendar, contacts and their settings) and the mailbox it touches: `/me/…` or
 * `/users/{id|userPrincipalName}/…`, with or without the version prefix. Group calendars and conversations live in
 * the group's mailbox (`/groups/{id}/…`).
 */
const OUTLOOK =
  /^(?:\/(?:v1\.0|beta))?\/(me|users\/[^/]+|groups\/[^/]+)\/(?:messages|mailfolders|sendmail|events|calendar|calendars|calendargroups|calendarview|contacts|contactfolders|mailboxsettings|inferenceclassification|outlook|conversations|threads)(?:[/(]|$)/i;

/** `credential|mailbox` for an Outlook request, else null (the bucket does not apply). UPNs are case-insensitive. */
function mailbox(request: LimitRequest): string | null {
  const match = OUTLOOK.exec(request.path);
  return match === null ? null : `${request.credentialKey}|${(match[1] as string).toLowerCase()}`;
}

// The page states "N requests per T" and no algorithm, and Graph sends no state headers: a sliding window never lets
// more than N into any T, so it stays within the limit whatever Graph counts with (fixed windows included), where a
// fixed window of our own phase can put 2N into one of Graph's windows (pnpm bench limits, msgraph: 1.50x and 2.9%
// answered 429 against a rolling model with fixed windows; docs/benchmarks.md).
/**
 * Microsoft Graph's documented limits that a client can pace itself by; every other limit (Identity and access
 * resource units, Teams, SharePoint, ...) is learned from its 429s, which pause the bucket they hit for Retry-After.
 *
 * - `global`: 130,000 requests per 10 s, per app across all tenants (one key per credential).
 * - `mailbox`: 10,000 requests per 10 minutes per app and mailbox, for Outlook resources; it takes the 429s of
 *   Outlook requests, so a throttled mailbox does not hold the others.
 * - `mailbox-concurrency`: 4 requests in flight per app and mailbox ("Application is over its MailboxConcurrency
 *   limit." otherwise). `/me/…` and `/users/{own id}/…` count as two mailboxes here: Graph cannot be asked which id
 *   `me` is without a request.
 *
 * @example
 * // A client shared by several workers on one mailbox: keep one request in flight.
 * createClient(microsoftGraph, { rateLimit: { buckets: { 'mailbox-concurrency': { maxInFlight: 1 } } } });
 */
export const microsoftGraphLimits: readonly BucketDefinition[] = [
  { id: 'global', model: 'sliding-window', limit: 130_000, windowMs: 10_000, source: LIMITS },
  // An Outlook 429 is the app-and-mailbox limit's (Graph names no limit in it): it pauses that mailbox only, never the
  // app's global window, which would hold every other mailbox and workload of the app.
  {
    id: 'mailbox',
    model: 'sliding-window',
    limit: 10_000,
    windowMs: 600_000,
    source: LIMITS,
    scope: mailbox,
    owns: (response: LimitResponse) => response.throttle !== undefined,
  },
  { id: 'mailbox-concurrency', model: 'concurrency', maxInFlight: 4, source: LIMITS, scope: mailbox },
];
