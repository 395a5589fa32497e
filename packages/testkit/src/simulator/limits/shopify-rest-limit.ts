import type { ShopifyRestLimitModel } from '../types';
import { createLeakyBucket } from './leaky-bucket';
import type { LimitRuntime } from './limit-runtime';

// https://help.shopify.com/en/api/reference/rest-admin-api-rate-limits: "Limits are calculated
// using the leaky bucket algorithm ... Bucket size: 40, Leak rate: 2/second ... The throttle is a
// pass or fail operation ... HTTP 429 Too Many Requests"; the state header
// `X-Shopify-Shop-Api-Call-Limit: 32/40` and `Retry-After: 2.0` are the shapes
// https://shopify.dev/docs/api/admin-rest/usage/rate-limits shows, and Shopify's own app library
// reads the hint with parseFloat (Shopify/shopify-app-js packages/apps/shopify-api/lib/clients/common.ts).
const BODY = {
  errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
};

/**
 * Shopify REST's leaky bucket of requests per app and store.
 *
 * @example
 * createShopifyRestLimit({ model: 'shopify-rest', capacity: 40, leakPerSec: 2 });
 */
export function createShopifyRestLimit(spec: ShopifyRestLimitModel): LimitRuntime {
  const bucket = createLeakyBucket(spec.capacity, spec.leakPerSec);
  const retryAfter = (spec.retryAfterSec ?? 2).toFixed(1);
  return {
    admit(_request, now) {
      const reading = bucket.take(now);
      const headers = { 'x-shopify-shop-api-call-limit': `${Math.ceil(reading.level - 1e-9)}/${spec.capacity}` };
      if (reading.allowed) return { headers };
      const refused = { ...headers, 'retry-after': retryAfter };
      return { headers: refused, refusal: { answer: { status: 429, headers: refused, body: BODY }, by: 'rest' } };
    },
  };
}
