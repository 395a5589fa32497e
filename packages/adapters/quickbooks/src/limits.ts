import type { BucketDefinition, LimitRequest } from '@rosetta/core';

// "500 requests per minute per realm ID. 10 requests per second, per realm ID and app." Batch endpoint: "Throttled at
// 40 Batch requests per minute, per realm ID and app" (and 120 per realm ID across apps, which one app cannot
// exceed below its own 40). "You'll see HTTP Status Code 429 when throttling occurs. If you see this, wait 60 seconds
// before retrying the request." Builder-tier apps: "an included limit of 500,000 CorePlus API calls per workspace
// per month. API calls beyond that limit will be throttled and an HTTP 429 error will be returned."
const DOCS = 'https://developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles';
// "Applications making more than 10 concurrent or multi-threaded API requests to the same realmId will get a 429
// response"; "This limit is based on an application and realmId combination".
const CONCURRENCY = 'https://developer.intuit.com/hub/blog/2016/08/08/idg-concurrent-api-use-changes-coming-soon';

/** `/company/{realmId}/...`: the realm, when the path carries it (a base URL without the realm). */
const REALM = /^\/company\/([^/]+)(?:\/|$)/;

/**
 * One key per realm and app. An OAuth access token is issued for one company, so the credential names both; the
 * realm is added when the path carries it.
 */
function realmScope(r: LimitRequest): string {
  const realm = REALM.exec(r.path)?.[1];
  return realm === undefined ? r.credentialKey : `${r.credentialKey} ${realm}`;
}

/** `POST /batch` (or `/company/{realmId}/batch`). */
const isBatch = (r: LimitRequest): boolean => /\/batch\/?$/.test(r.path);

/**
 * QuickBooks Online's limits, per realm (company) and app, at the documented numbers; QuickBooks sends no
 * rate-limit headers, so nothing is read from answers:
 *
 * - `batch`: 40 batch requests a minute;
 * - `realm`: 500 requests a minute, batches included (a 429 elsewhere than a batch holds this bucket: the docs
 *   say to wait 60 seconds, and the answer does not say which limit it was);
 * - `realm-second`: 10 requests a second;
 * - `realm-concurrency`: 10 requests in flight.
 *
 * The monthly CorePlus quota of Builder-tier apps is not among them: see {@link quickbooksBuilderQuota}.
 *
 * @example
 * // Fewer threads than the cap, for a realm shared with another integration:
 * createClient(quickbooks, { baseUrl, auth, rateLimit: { buckets: { 'realm-concurrency': { maxInFlight: 4 } } } });
 */
export const quickbooksLimits: readonly BucketDefinition[] = [
  {
    id: 'batch',
    model: 'fixed-window',
    limit: 40,
    windowMs: 60_000,
    source: DOCS,
    scope: (r) => (isBatch(r) ? realmScope(r) : null),
  },
  { id: 'realm', model: 'fixed-window', limit: 500, windowMs: 60_000, source: DOCS, scope: realmScope },
  { id: 'realm-second', model: 'token-bucket', ratePerSec: 10, burst: 10, source: DOCS, scope: realmScope },
  { id: 'realm-concurrency', model: 'concurrency', maxInFlight: 10, source: CONCURRENCY, scope: realmScope },
];

/**
 * The monthly quota of apps in the Builder tier of the Intuit App Partner Program: 500,000 CorePlus calls per
 * workspace per month, then 429s until the next month. Not declared by default (paid tiers have higher or no caps,
 * and the 429 that enforces it looks like any other); add it to a Builder-tier client so that the client stops
 * itself with a `quota` rejection instead of collecting 429s. It counts every call of the client (QuickBooks does not
 * say which calls are CorePlus in the answer), over 30-day windows, for all realms of the client together.
 *
 * @example
 * createClient(quickbooks, { baseUrl, auth, rateLimit: { extra: [quickbooksBuilderQuota] } });
 */
export const quickbooksBuilderQuota: BucketDefinition = {
  id: 'coreplus-monthly',
  model: 'quota',
  limit: 500_000,
  windowMs: 30 * 86_400_000,
  source: DOCS,
  scope: () => 'workspace',
};
