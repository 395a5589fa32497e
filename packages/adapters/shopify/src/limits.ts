import type { BucketDefinition, BucketState, LimitRequest, LimitResponse } from '@rosetta/core';
import { readCallLimit, readCost } from './shopify-error-body';

// "Standard limit: 2 requests/second · Advanced Shopify limit: 4 requests/second · Shopify Plus limit: 20
// requests/second"; the classic page: "Bucket size: 40 ... Leak rate: 2/second", per app and store.
const REST_DOCS =
  'https://shopify.dev/docs/api/admin-rest/usage/rate-limits; https://help.shopify.com/en/api/reference/rest-admin-api-rate-limits';
// "Standard 100 points/second · Advanced 200 · Shopify Plus 1000"; "the app's bucket must have enough room for
// the requested cost of the query ... refunded the difference between the requested cost and the actual cost";
// a single query may cost at most 1,000 points, the bucket the older page states ("a bucket of 1000 cost points").
const GRAPHQL_DOCS =
  'https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits; https://help.shopify.com/en/api/graphql-admin-api/graphql-admin-api-rate-limits';

/** `/graphql.json` under the Admin API base path (`/admin/api/2025-10/graphql.json`). */
export const GRAPHQL_PATH = /\/graphql\.json$/;
const isGraphql = (request: LimitRequest): boolean => GRAPHQL_PATH.test(request.path);

/** Connection sizes in a query: `first: 50`, `last: $n` (each a literal or a variable). */
const SIZE_ARG = /\b(?:first|last)\s*:\s*(?:(\d+)|\$(\w+))/g;
const MAX_QUERY_COST = 1_000;

/**
 * A query's cost, guessed before sending it: 1 for a plain object, else 2 plus the objects asked for per
 * connection ("Connection: first or last multiplied by child cost, plus 2 for the connection itself",
 * shopify.dev graphql-admin/rate-limits "Cost calculation"), nesting not multiplied, at most 1,000 points (the
 * single-query maximum). Only a reservation: the state each answer reports replaces it.
 */
export function estimateQueryCost(request: LimitRequest): number {
  const body = request.body as { query?: unknown; variables?: Record<string, unknown> } | null | undefined;
  if (typeof body?.query !== 'string') return 1;
  let cost = 0;
  for (const [, literal, variable] of body.query.matchAll(SIZE_ARG)) {
    const size = Number(literal ?? body.variables?.[variable as string]);
    if (Number.isInteger(size) && size >= 0) cost += 2 + size;
  }
  return Math.min(MAX_QUERY_COST, Math.max(1, cost));
}

/** The REST bucket's state: `X-Shopify-Shop-Api-Call-Limit: used/size` on every REST answer. */
function observeRest(response: LimitResponse): BucketState | undefined {
  const limit = readCallLimit(response.headers['x-shopify-shop-api-call-limit']);
  return limit && { remaining: Math.max(0, limit.size - limit.used), limit: limit.size };
}

/**
 * The GraphQL bucket's state: `extensions.cost.throttleStatus` on every answer, throttled ones included. The
 * points left already have this query's actual cost taken off, so no separate `cost` is reported (the limiter
 * would refund the estimate a second time).
 */
function observeGraphql(response: LimitResponse): BucketState | undefined {
  const status = readCost(response.body)?.throttleStatus;
  if (status?.currentlyAvailable === undefined) return undefined;
  const max = status.maximumAvailable;
  return max === undefined
    ? { remaining: status.currentlyAvailable }
    : { remaining: status.currentlyAvailable, limit: max };
}

/**
 * Shopify's two limits per app and store (one access token): REST's leaky bucket of requests and GraphQL's
 * bucket of query-cost points. Both are declared at the Standard plan's numbers and follow the state every
 * answer reports, so a bigger bucket (Plus) is adopted from the first answer; the refill rate is not in the
 * answers: on Advanced or Plus, raise it (`rateLimit.buckets.rest.ratePerSec: 20`, `graphql.ratePerSec: 1000`).
 * A query reserves its guessed cost (`estimateQueryCost`) and the reported state settles it.
 *
 * @example
 * createClient(shopify, { baseUrl, auth, rateLimit: { buckets: { graphql: { ratePerSec: 1_000 } } } });
 */
export const shopifyLimits: readonly BucketDefinition[] = [
  {
    id: 'rest',
    model: 'token-bucket',
    ratePerSec: 2,
    burst: 40,
    source: REST_DOCS,
    scope: (r) => (isGraphql(r) ? null : r.credentialKey),
    observe: observeRest,
  },
  {
    id: 'graphql',
    model: 'cost-bucket',
    ratePerSec: 100,
    burst: 1_000,
    source: GRAPHQL_DOCS,
    scope: (r) => (isGraphql(r) ? r.credentialKey : null),
    cost: estimateQueryCost,
    observe: observeGraphql,
  },
];
