import type { BucketDefinition, BucketState, LimitRequest, LimitResponse } from '@rosetta/core';

// "Per 10 Seconds ... (Any Hub) Free and Starter: 100 / app; Per Day: 250,000 / account"; Professional 190 and
// 625,000; Enterprise 190 and 1,000,000; "Apps with API Limit Increase" 250 and +1,000,000 per increase.
const USAGE = 'https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines';
// The burst's 429 names its policy `TEN_SECONDLY_ROLLING`: a rolling window.
const ROLLING = 'https://github.com/HubSpot/hubspot-api-nodejs/blob/master/src/services/decorators/RetryDecorator.ts';
// "The Search API endpoints are rate limited to four requests per second per authentication token."
const SEARCH = `${USAGE} ; https://developers.hubspot.com/changelog/crm-search-api-rate-limit-increase`;

/** CRM search (`POST /crm/v3/objects/{type}/search`, and the date-versioned `/crm/objects/{v}/{type}/search`). */
export const SEARCH_PATH = /^\/crm\/.+\/search\/?$/;
const isSearch = (request: LimitRequest): boolean => SEARCH_PATH.test(request.path);

/** A whole, non-negative header number (`X-HubSpot-RateLimit-*` are plain integers). */
export function count(value: string | undefined): number | undefined {
  return value !== undefined && /^\s*\d{1,12}\s*$/.test(value) ? Number(value) : undefined;
}

/** `limit`/`remaining` of one header pair, or undefined when the response carries neither. */
function stateOf(response: LimitResponse, limit: string, remaining: string): BucketState | undefined {
  const l = count(response.headers[limit]);
  const r = count(response.headers[remaining]);
  if (l === undefined && r === undefined) return undefined;
  return { ...(l === undefined ? {} : { limit: l }), ...(r === undefined ? {} : { remaining: r }) };
}

/**
 * HubSpot's limits for the lowest published tier (Free and Starter, and every OAuth app), with the headers that
 * raise them to the account's real plan:
 *
 * - `burst`: 100 calls per 10 s per app, a rolling window (the 429's policy is named `TEN_SECONDLY_ROLLING`, as
 *   `@hubspot/api-client`'s `RetryDecorator.ts` matches it), so a sliding window: the headers give no reset a fixed
 *   window could align to. Its size is read from `X-HubSpot-RateLimit-Max` on every non-search response (a stated
 *   limit overrides the declared 100, upwards too); search requests are exempt ("This excludes the Search API").
 * - `search`: 4 calls per second per token, a token bucket; search responses carry no rate-limit headers.
 * - `daily`: 250,000 calls per day per account, a quota (never waited out), read from `X-HubSpot-RateLimit-Daily`
 *   and `-Daily-Remaining` (absent on OAuth calls). It resets at midnight in the account's time zone, which no
 *   response names: after a `DAILY` 429 the classify hook sets the wait to the next quarter hour, the earliest
 *   moment any time zone's midnight can fall on.
 *
 * @example
 * // Professional: 190 per 10 s and 625,000 a day (the headers say so too, after the first response).
 * createClient(hubspot, { rateLimit: { buckets: { burst: { limit: 190 }, daily: { limit: 625_000 } } } });
 */
export const hubspotLimits: readonly BucketDefinition[] = [
  {
    id: 'burst',
    model: 'sliding-window',
    limit: 100,
    windowMs: 10_000,
    source: `${USAGE} ; ${ROLLING}`,
    scope: (r) => (isSearch(r) ? null : r.credentialKey),
    observe: (response) => stateOf(response, 'x-hubspot-ratelimit-max', 'x-hubspot-ratelimit-remaining'),
  },
  {
    id: 'search',
    model: 'token-bucket',
    ratePerSec: 4,
    burst: 4,
    source: SEARCH,
    scope: (r) => (isSearch(r) ? r.credentialKey : null),
    // Search answers carry no state of this bucket (and the burst headers must not be read as it).
    observe: () => undefined,
  },
  {
    id: 'daily',
    model: 'quota',
    limit: 250_000,
    windowMs: 86_400_000,
    source: USAGE,
    observe: (response) => stateOf(response, 'x-hubspot-ratelimit-daily', 'x-hubspot-ratelimit-daily-remaining'),
  },
];
