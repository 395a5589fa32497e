import { defineAdapter, isGraphqlQuery } from '@rosetta/core';
import { classifyShopify } from './classify-shopify';
import { GRAPHQL_PATH, shopifyLimits } from './limits';
import { readShopifySdkError } from './shopify-sdk-error';

/**
 * Shopify's Admin API, REST (`/products.json`) and GraphQL (`/graphql.json`), in Rosetta's error model.
 *
 * Every shop has its own host, so `baseUrl` is a placeholder: pass the shop's
 * `https://{shop}.myshopify.com/admin/api/{version}` to `createClient` (`shopifyAdminUrl` builds and checks it).
 * Beyond core's status table it makes GraphQL `errors[]` in HTTP 200 errors (`THROTTLED` waits as long as the
 * cost bucket needs), reads 423 as a locked shop, the daily variant quota as `quota_exceeded`, and follows both
 * buckets' state. Mutation `userErrors` stay data (`shopifyUserErrors`). See `docs/providers/shopify.md`.
 *
 * @example
 * const client = createClient(shopify, {
 *   baseUrl: shopifyAdminUrl('my-shop', '2025-10'),
 *   auth: { token: process.env.SHOPIFY_ACCESS_TOKEN },
 * });
 * const { data } = await client.post('/graphql.json', { body: { query: '{ shop { name } }' } });
 */
export const shopify = defineAdapter({
  id: 'shopify',
  displayName: 'Shopify',
  docsUrl: 'https://shopify.dev/docs/api/admin-graphql',
  baseUrl: 'https://{shop}.myshopify.com/admin/api/2025-10',
  // shopify.dev/docs/api/admin-graphql: "include your token as a X-Shopify-Access-Token header".
  auth: [{ type: 'header', header: 'X-Shopify-Access-Token' }],
  // The OAuth token exchange (`/admin/oauth/access_token`) carries these in its body and answer.
  credentialParams: ['client_secret', 'access_token'],
  // shopify-api lib/clients/common.ts: "If you report this error, please include this id: <x-request-id>".
  requestIdHeaders: ['x-request-id'],
  // REST: "The throttle is a pass or fail operation" (admin-rest rate-limits); GraphQL: "Before execution
  // begins, the app's bucket must have enough room for the requested cost": a throttled call did nothing.
  throttleRefusesRequest: {
    source:
      'https://shopify.dev/docs/api/admin-rest/usage/rate-limits; https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits',
  },
  // "GraphQL queries retrieve data from a server, similar to a GET request for a REST API. However, unlike REST,
  // GraphQL queries are sent to a single endpoint and use the POST HTTP method" (shopify.dev/docs/apps/build/graphql/
  // basics/queries): a query on /graphql.json that met a 5xx or a cut connection is sent again; a mutation is not.
  safeToRepeat: (request) => GRAPHQL_PATH.test(request.path) && isGraphqlQuery(request.body),
  limits: shopifyLimits,
  // REST lists: `Link: <...?page_info=...>; rel="next"` (shopify.dev admin-rest usage/pagination).
  pagination: { type: 'link' },
  classify: classifyShopify,
  sdkError: readShopifySdkError,
});
