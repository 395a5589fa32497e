import type { BucketDefinition, BucketState, LimitRequest, LimitResponse } from '@rosetta/core';

// Buckets a user of the generic adapter declares (`rateLimit.extra`) for the providers the
// benchmark simulates, with the numbers of the simulated model: what a user who knows their plan
// writes. Header and body shapes are the providers' (sources on each bucket and in
// packages/testkit/src/simulator/limits).

const SHOPIFY_REST_DOCS = 'https://shopify.dev/docs/api/admin-rest/usage/rate-limits';
const SHOPIFY_GRAPHQL_DOCS = 'https://shopify.dev/docs/api/usage/rate-limits';
const TWILIO_DOCS = 'https://www.twilio.com/docs/errors/20429';
const HUBSPOT_DOCS = 'https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines';

/** A header as a non-negative number, or undefined. */
function numberHeader(response: LimitResponse, name: string): number | undefined {
  const raw = response.headers[name];
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Shopify REST's leaky bucket seen as a token bucket: `X-Shopify-Shop-Api-Call-Limit: 32/40` is
 * used/capacity, so remaining = capacity - used.
 */
export function shopifyRestBucket(leakPerSec: number, capacity: number): BucketDefinition {
  return {
    id: 'shopify-rest',
    model: 'token-bucket',
    ratePerSec: leakPerSec,
    burst: capacity,
    source: SHOPIFY_REST_DOCS,
    observe: (response): BucketState | undefined => {
      const match = /^(\d+)\/(\d+)$/.exec(response.headers['x-shopify-shop-api-call-limit'] ?? '');
      if (match === null) return undefined;
      const used = Number(match[1]);
      const limit = Number(match[2]);
      return { remaining: Math.max(0, limit - used), limit };
    },
  };
}

interface ShopifyCost {
  readonly requestedQueryCost?: unknown;
  readonly actualQueryCost?: unknown;
  readonly throttleStatus?: { readonly maximumAvailable?: unknown; readonly currentlyAvailable?: unknown };
}

/**
 * Shopify GraphQL's cost bucket: a query reserves its requested cost (a connection costs "two
 * points plus the number of objects", so 2 + `first`), and every answer, a throttled 200 included,
 * carries `extensions.cost` with the actual cost and `throttleStatus`.
 */
export function shopifyGraphqlBucket(restorePerSec: number, maximum: number): BucketDefinition {
  return {
    id: 'shopify-graphql',
    model: 'cost-bucket',
    ratePerSec: restorePerSec,
    burst: maximum,
    source: SHOPIFY_GRAPHQL_DOCS,
    cost: (request: LimitRequest) => {
      const first = (request.body as { variables?: { first?: unknown } } | undefined)?.variables?.first;
      return typeof first === 'number' && first >= 0 ? 2 + first : 1;
    },
    observe: (response): BucketState | undefined => {
      const cost = (response.body as { extensions?: { cost?: ShopifyCost } } | undefined)?.extensions?.cost;
      const status = cost?.throttleStatus;
      if (status === undefined) return undefined;
      const state: { remaining?: number; limit?: number; cost?: number } = {};
      if (typeof status.currentlyAvailable === 'number') state.remaining = status.currentlyAvailable;
      if (typeof status.maximumAvailable === 'number') state.limit = status.maximumAvailable;
      if (typeof cost?.actualQueryCost === 'number') state.cost = cost.actualQueryCost;
      return state;
    },
  };
}

/** Twilio-style concurrency cap (the number comes from the account, Twilio does not publish it). */
export function concurrencyBucket(maxInFlight: number): BucketDefinition {
  return { id: 'concurrency', model: 'concurrency', maxInFlight, source: TWILIO_DOCS };
}

const policyOf = (response: LimitResponse): unknown => (response.body as { policyName?: unknown } | null)?.policyName;

/**
 * HubSpot's two limits: the rolling burst window (`X-HubSpot-RateLimit-Max` per
 * `-Interval-Milliseconds`, policy `TEN_SECONDLY_ROLLING`) and the daily quota
 * (`X-HubSpot-RateLimit-Daily` / `-Daily-Remaining`, policy `DAILY`), never waited out.
 */
export function hubspotBuckets(burst: { limit: number; windowMs: number }, daily: number): BucketDefinition[] {
  return [
    {
      id: 'burst',
      model: 'sliding-window',
      limit: burst.limit,
      windowMs: burst.windowMs,
      source: HUBSPOT_DOCS,
      observe: (response) => {
        const limit = numberHeader(response, 'x-hubspot-ratelimit-max');
        return limit === undefined ? undefined : { limit };
      },
      owns: (response) => policyOf(response) === 'TEN_SECONDLY_ROLLING',
    },
    {
      id: 'daily',
      model: 'quota',
      limit: daily,
      windowMs: 86_400_000,
      source: HUBSPOT_DOCS,
      observe: (response) => {
        const remaining = numberHeader(response, 'x-hubspot-ratelimit-daily-remaining');
        const limit = numberHeader(response, 'x-hubspot-ratelimit-daily');
        if (remaining === undefined) return undefined;
        return limit === undefined ? { remaining } : { remaining, limit };
      },
      owns: (response) => policyOf(response) === 'DAILY',
    },
  ];
}
