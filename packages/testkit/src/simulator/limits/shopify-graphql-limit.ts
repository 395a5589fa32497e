import type { ShopifyGraphqlLimitModel } from '../types';
import { type BucketReading, createLeakyBucket } from './leaky-bucket';
import type { LimitRuntime } from './limit-runtime';

// https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits: cost-based, "enforced with a
// leaky bucket"; the throttled body `errors[{message:"Throttled", extensions:{code:"THROTTLED"}}]`
// with `extensions.cost {requestedQueryCost, actualQueryCost: null, throttleStatus
// {maximumAvailable, currentlyAvailable, restoreRate}}` and HTTP 200 as observed in
// https://community.shopify.com/t/throttled/254776 and https://github.com/Shopify/cli/pull/8317.
// A connection costs "two points plus the number of objects returned", requested up front on
// `first` and settled on what came back (https://shopify.engineering/rate-limiting-graphql-apis-calculating-query-complexity).
const DOCUMENTATION = 'https://shopify.dev/api/usage/rate-limits';

/** Requested and actual cost of a query, from its `variables.first`. */
export function queryCost(body: string, actualShare: number): { requested: number; actual: number } {
  let first: unknown;
  try {
    first = (JSON.parse(body) as { variables?: { first?: unknown } } | null)?.variables?.first;
  } catch {
    first = undefined;
  }
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0) return { requested: 1, actual: 1 };
  return { requested: 2 + first, actual: 2 + Math.ceil(first * actualShare) };
}

/**
 * Shopify GraphQL Admin's cost bucket: the requested cost is charged up front, the unused part
 * refunded; a query that does not fit is throttled with HTTP 200.
 *
 * @example
 * createShopifyGraphqlLimit({ model: 'shopify-graphql', maximumAvailable: 1_000, restoreRate: 50 });
 */
export function createShopifyGraphqlLimit(spec: ShopifyGraphqlLimitModel): LimitRuntime {
  const bucket = createLeakyBucket(spec.maximumAvailable, spec.restoreRate);
  const status = (reading: BucketReading) => ({
    maximumAvailable: spec.maximumAvailable,
    currentlyAvailable: Math.floor(spec.maximumAvailable - reading.level),
    restoreRate: spec.restoreRate,
  });
  return {
    admit(request, now) {
      const cost = queryCost(request.body, spec.actualShare ?? 1);
      const taken = bucket.take(now, cost.requested);
      if (!taken.allowed) {
        const body = {
          errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: DOCUMENTATION } }],
          extensions: {
            cost: { requestedQueryCost: cost.requested, actualQueryCost: null, throttleStatus: status(taken) },
          },
        };
        return { headers: {}, refusal: { answer: { status: 200, headers: {}, body }, by: 'graphql' } };
      }
      const settled = bucket.refund(now, cost.requested - cost.actual);
      const extensions = {
        cost: { requestedQueryCost: cost.requested, actualQueryCost: cost.actual, throttleStatus: status(settled) },
      };
      return { headers: {}, body: (data) => withExtensions(data, extensions) };
    },
  };
}

/** An answer with `extensions.cost`; a GraphQL success always has `data` (an empty one when the fixture had none). */
function withExtensions(data: unknown, extensions: object): unknown {
  const base = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
  return { data: {}, ...base, extensions };
}
