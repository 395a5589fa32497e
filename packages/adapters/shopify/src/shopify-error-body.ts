// Shopify's rate-limit state and mutation results, read by hand: zod would put 8 KB gzipped into every app bundle
// for these few members (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their
// sources; test/body-schemas.test.ts holds every fixture to both. GraphQL `errors[]` are read by core's shared
// `readGraphqlErrors`. Every member is read on its own: one odd member costs that member only.
import type { FieldError } from '@rosetta/core';

type JsonObject = Readonly<Record<string, unknown>>;

const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** `X-Shopify-Shop-Api-Call-Limit: 32/40`: 32 requests in the REST bucket of 40. */
export interface ShopifyCallLimit {
  readonly used: number;
  readonly size: number;
}

/** Reads `X-Shopify-Shop-Api-Call-Limit` (`used/size`), or undefined for anything else. */
export function readCallLimit(header: string | undefined): ShopifyCallLimit | undefined {
  const match = header === undefined ? null : /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(header);
  if (match === null) return undefined;
  const size = Number(match[2]);
  return size > 0 ? { used: Number(match[1]), size } : undefined;
}

/** The GraphQL cost bucket's state, `extensions.cost.throttleStatus` (`shopifyCostSchema`). */
export interface ShopifyThrottleStatus {
  readonly maximumAvailable?: number | undefined;
  readonly currentlyAvailable?: number | undefined;
  /** Points restored per second. */
  readonly restoreRate?: number | undefined;
}

/** `extensions.cost` of a GraphQL response (`shopifyCostSchema`); `actualQueryCost` is null when throttled. */
export interface ShopifyCost {
  readonly requestedQueryCost?: number | undefined;
  readonly actualQueryCost?: number | undefined;
  readonly throttleStatus?: ShopifyThrottleStatus | undefined;
}

/** The top-level `extensions.cost` of a GraphQL body, or undefined when it has none. */
export function readCost(body: unknown): ShopifyCost | undefined {
  const cost = object(object(object(body)?.extensions)?.cost);
  if (cost === undefined) return undefined;
  const status = object(cost.throttleStatus);
  return {
    requestedQueryCost: num(cost.requestedQueryCost),
    actualQueryCost: num(cost.actualQueryCost),
    throttleStatus: status && {
      maximumAvailable: num(status.maximumAvailable),
      currentlyAvailable: num(status.currentlyAvailable),
      restoreRate: num(status.restoreRate),
    },
  };
}

/** Root fields looked at, and `userErrors` items read per field: a mutation document has a handful. */
const MAX_SCAN = 50;

/**
 * The `userErrors` of every mutation in a GraphQL answer, as field errors: Shopify reports a mutation's
 * business errors (a blank title, a taken handle) in `data.<mutation>.userErrors` beside HTTP 200. Rosetta
 * returns such an answer as data, as Shopify's own `GraphqlClient` does (docs/providers/shopify.md); call
 * this to decide. `field` (`['input', 'title']`) becomes the dotted `path`; an empty list means success.
 *
 * @example
 * const body = await client.post('/graphql.json', { body: { query: PRODUCT_CREATE, variables } });
 * const problems = shopifyUserErrors(body);
 * if (problems.length > 0) throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
 */
export function shopifyUserErrors(body: unknown): FieldError[] {
  const out: FieldError[] = [];
  const data = object(object(body)?.data);
  if (data === undefined) return out;
  for (const key of Object.keys(data).slice(0, MAX_SCAN)) {
    const list = object(data[key])?.userErrors;
    if (!Array.isArray(list)) continue;
    for (const item of list.slice(0, MAX_SCAN)) {
      const e = object(item);
      if (e === undefined) continue;
      const field = Array.isArray(e.field) ? e.field.filter((s) => typeof s === 'string' || typeof s === 'number') : [];
      const code = typeof e.code === 'string' ? { code: e.code } : {};
      out.push({ path: field.join('.'), message: typeof e.message === 'string' ? e.message : '', ...code });
    }
  }
  return out;
}
