import type { BucketDefinition, BucketState, LimitResponse } from '@rosetta/core';

// "Total Calls Per 24-Hour Period: Developer Edition 15,000"; Enterprise/Unlimited: "100,000 + (number of licenses x
// calls per license type)". The window rolls: "a Developer Edition org that made 14,500 calls at 5:00 AM Wednesday,
// 499 calls at 11:00 PM Wednesday, only one more call can successfully be made until 5:00 AM Thursday."
const LIMITS =
  'https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm';
// "Sforce-Limit-Info: api-usage=10018/100000" on every REST response (the Versions URI `/` excepted).
const HEADER = 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm';

/**
 * How long the allocation's state read from a response is taken to hold, and so how long a spent allocation refuses
 * calls before one probe asks again. Rosetta's choice, not a Salesforce number: the window rolls (each call leaves it
 * 24 hours after it was made) and no response says when enough calls will have left it, so a spent allocation is
 * probed every 5 minutes (at most 288 refused probes a day) instead of being waited out for 24 hours.
 */
export const ALLOCATION_PROBE_MS = 300_000;

/** `api-usage=used/max` of a `Sforce-Limit-Info` header (jsforce src/connection.ts reads `/api-usage=(\d+)\/(\d+)/`). */
export function readApiUsage(header: string | undefined): { used: number; max: number } | undefined {
  const match = header === undefined ? null : /(?:^|[;,\s])api-usage=(\d{1,12})\/(\d{1,12})\b/.exec(header);
  if (match === null) return undefined;
  const max = Number(match[2]);
  return max > 0 ? { used: Number(match[1]), max } : undefined;
}

/**
 * The allocation's state: its size, what is left (never below 0: usage may exceed the allocation, "api-usage=110018/
 * 100000", when a paid org runs over), and a reset {@link ALLOCATION_PROBE_MS} ahead, since a rolling window has none.
 */
function observeUsage(response: LimitResponse): BucketState | undefined {
  const usage = readApiUsage(response.headers['sforce-limit-info']);
  if (usage === undefined) return undefined;
  return {
    limit: usage.max,
    remaining: Math.max(0, usage.max - usage.used),
    resetAt: response.now + ALLOCATION_PROBE_MS,
  };
}

/**
 * Salesforce's total API request allocation, per org: a quota of 15,000 calls per rolling 24 hours (Developer
 * Edition, the smallest published allocation), resized and refilled by every response's `Sforce-Limit-Info`. Calls
 * are refused before they are sent once the header says the allocation is spent; paid orgs that may run over it
 * ("Salesforce still lets the operations proceed by a certain amount") can drop the bucket and let the 403 decide.
 *
 * The concurrent limit on requests of 20 seconds or more (5, or 25 in production) has no bucket: no client knows
 * beforehand which of its requests will run that long, and shorter requests have no limit. Its 403 is not this
 * bucket's: only a spent allocation (`quota_exceeded`) stops the org's calls.
 *
 * @example
 * createClient(salesforce, { baseUrl, rateLimit: { buckets: { daily: { limit: 115_000 } } } });
 * createClient(salesforce, { baseUrl, rateLimit: { buckets: { daily: false } } }); // use the overage, if any
 */
export const salesforceLimits: readonly BucketDefinition[] = [
  {
    id: 'daily',
    model: 'quota',
    limit: 15_000,
    windowMs: 86_400_000,
    source: `${LIMITS} ; ${HEADER}`,
    observe: observeUsage,
    // Else the concurrent cap's 403 (rate_limited) would pause the quota for its 24-hour window.
    owns: (response) => response.throttle?.kind === 'quota_exceeded',
  },
];
