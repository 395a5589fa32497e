// How Shopify's Admin API answers read in Rosetta's model beyond core's status table: GraphQL errors in HTTP 200,
// shop states (402 frozen, 423 locked, 430 rejected), the daily variant quota and the REST bucket's state.
import { type ClassifyContext, type ClassifyVerdict, readGraphqlErrors } from '@rosetta/core';
import { graphqlVerdict } from './graphql-verdict';
import { GRAPHQL_PATH } from './limits';
import { readCallLimit } from './shopify-error-body';

// "After this threshold is reached, no more than 1,000 new variants can be created per day" (shopify.dev
// rate-limits, resource-based limits), answered 429 with this text (phpclassic/php-shopify#81).
const DAILY_VARIANT_LIMIT = /\bdaily variant creation limit\b/i;

/** Statuses Shopify gives a meaning of their own (shopify.dev/docs/api/usage/response-codes). */
const STATUS_VERDICTS: Readonly<Record<number, ClassifyVerdict>> = {
  // "The requested shop is currently locked. Shops are locked if they repeatedly exceed their API request limit,
  // or if there is an issue with the account" (contact support): the shop, not a resource, so not a conflict.
  423: { kind: 'permission', code: 'shop_locked', retryable: false },
  // "Shopify Security Rejection": the request was deemed malicious; sending it again will not change that.
  430: { kind: 'permission', code: 'security_rejection', retryable: false },
  // "Temporarily Disabled ... back online shortly".
  540: { kind: 'unavailable', retryable: true },
};

/**
 * Shopify's own reading of a response (Admin REST and GraphQL), on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyShopify });
 */
export function classifyShopify(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) {
    // A REST 2xx is never an error; `userErrors` beside GraphQL `data` are data (see shopifyUserErrors).
    if (!GRAPHQL_PATH.test(ctx.path)) return undefined;
    const envelope = readGraphqlErrors(ctx.body);
    if (envelope === undefined) return undefined;
    if (envelope.errors.length > 0) return graphqlVerdict(envelope, ctx.body, ctx.readings.requestId);
    // "The API did not return a data object or any errors" (graphql-client constants.ts NO_DATA_OR_ERRORS_ERROR).
    if (envelope.data === undefined || envelope.data === null) {
      return { kind: 'invalid_response', code: 'no_data_or_errors', message: 'GraphQL answer without data or errors' };
    }
    return undefined;
  }
  const limit = readCallLimit(ctx.headers['x-shopify-shop-api-call-limit']);
  const rateLimit = limit && { rateLimit: { limit: limit.size, remaining: Math.max(0, limit.size - limit.used) } };
  const verdict = STATUS_VERDICTS[ctx.status] ?? quotaVerdict(ctx);
  return verdict === undefined ? rateLimit : { ...verdict, ...rateLimit };
}

/** A 429 that no wait fixes: the daily variant quota of stores past 50,000 variants. */
function quotaVerdict(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.status !== 429 || !DAILY_VARIANT_LIMIT.test(ctx.defaults?.message ?? '')) return undefined;
  return { kind: 'quota_exceeded', code: 'daily_variant_limit', retryable: false };
}
