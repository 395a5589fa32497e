// The documented shapes of Shopify's answers. Not run in production (nothing under src/index.ts imports this
// file): core's readGraphqlErrors and `shopify-error-body.ts` read the same members by hand, and
// test/body-schemas.test.ts holds every fixture to these schemas and to those readers (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * A REST error body: `{"errors": "<message>"}` (401, 402, 403, 404, 423, 429, 5xx) or
 * `{"errors": {field: [messages] | message}}` (400, 422, the daily variant 429).
 *
 * @see https://shopify.dev/docs/api/usage/response-codes
 * @see Shopify/shopify-app-js packages/apps/shopify-api/lib/clients/common.ts (`JSON.stringify(body.errors)`)
 */
export const shopifyRestErrorSchema = z.object({
  errors: z.union([z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())]))]),
});

/**
 * `extensions.cost` of a GraphQL Admin answer; `actualQueryCost` is null on a THROTTLED answer.
 *
 * @see https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
export const shopifyCostSchema = z.object({
  requestedQueryCost: z.number(),
  actualQueryCost: z.nullable(z.number()),
  throttleStatus: z.object({
    maximumAvailable: z.number(),
    currentlyAvailable: z.number(),
    restoreRate: z.number(),
  }),
});

/**
 * One item of a GraphQL `errors` list: `extensions.code` is THROTTLED, ACCESS_DENIED (with `requiredAccess`),
 * SHOP_INACTIVE, INTERNAL_SERVER_ERROR (with `requestId`), MAX_COST_EXCEEDED (with `cost`, `maxCost`) or a
 * graphql-ruby validation code.
 *
 * @see https://shopify.dev/docs/api/admin-graphql ("Status and error codes")
 */
export const shopifyGraphqlErrorSchema = z.object({
  message: z.string(),
  locations: z.optional(z.array(z.object({ line: z.number(), column: z.number() }))),
  path: z.optional(z.array(z.union([z.string(), z.number()]))),
  extensions: z.optional(z.looseObject({ code: z.optional(z.string()) })),
});

/**
 * A GraphQL Admin answer: `{ data?, errors?, extensions?: { cost } }`.
 *
 * @see https://spec.graphql.org/October2021/#sec-Response-Format
 */
export const shopifyGraphqlBodySchema = z.object({
  data: z.optional(z.unknown()),
  errors: z.optional(z.array(shopifyGraphqlErrorSchema)),
  extensions: z.optional(z.object({ cost: z.optional(shopifyCostSchema) })),
});

/**
 * One `userErrors` item of a mutation payload: `field` is the input path (`['input', 'title']`) or null.
 *
 * @see https://shopify.dev/docs/api/admin-graphql/latest/objects/UserError
 */
export const shopifyUserErrorSchema = z.object({
  field: z.nullable(z.array(z.string())),
  message: z.string(),
  code: z.optional(z.nullable(z.string())),
});
