import { readGraphqlErrors } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { readCost, shopifyUserErrors } from '../src/shopify-error-body';
import {
  shopifyCostSchema,
  shopifyGraphqlBodySchema,
  shopifyRestErrorSchema,
  shopifyUserErrorSchema,
} from '../src/schemas';

// src/schemas.ts declares Shopify's answers; core's readGraphqlErrors and src/shopify-error-body.ts read them at
// run time without zod. Every fixture is held to both, so a fixture of the wrong shape, or a reader that drifts
// from the schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

function expectGraphqlBody(body: unknown): void {
  const parsed = shopifyGraphqlBodySchema.parse(body);
  const read = readGraphqlErrors(body);
  expect(read?.data).toEqual(parsed.data);
  expect(read?.errors.map((e) => [e.message, e.path, e.code])).toEqual(
    (parsed.errors ?? []).map((e) => [e.message, e.path, e.extensions?.code]),
  );
  const cost = parsed.extensions?.cost;
  if (cost === undefined) expect(readCost(body)).toBeUndefined();
  else expect(readCost(body)).toEqual({ ...cost, actualQueryCost: cost.actualQueryCost ?? undefined });
  const data = parsed.data as Record<string, { userErrors?: unknown[] } | null> | undefined;
  const items = Object.values(data ?? {}).flatMap((payload) => payload?.userErrors ?? []);
  for (const item of items) shopifyUserErrorSchema.parse(item);
  expect(shopifyUserErrors(body)).toHaveLength(items.length);
}

describe('shopify body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, { request, response }) => {
    const { body, status } = response;
    if (body === undefined) {
      // Status-only answers (406, 430, 540): nothing to read.
      expect(status).toBeGreaterThanOrEqual(400);
    } else if (request.path.endsWith('/graphql.json') && status === 200) {
      expectGraphqlBody(body);
    } else if (status >= 400) {
      shopifyRestErrorSchema.parse(body);
      expect(readGraphqlErrors(body)?.errors).toEqual([]);
    } else {
      // REST successes carry no `errors`.
      expect(shopifyRestErrorSchema.safeParse(body).success).toBe(false);
    }
  });

  it('reads the cost block as the schema declares it, odd members as absent', () => {
    const cost = {
      requestedQueryCost: 70,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 66, restoreRate: 50 },
    };
    expect(shopifyCostSchema.parse(cost)).toEqual(cost);
    expect(readCost({ extensions: { cost: { requestedQueryCost: '70', throttleStatus: [] } } })).toEqual({
      requestedQueryCost: undefined,
      actualQueryCost: undefined,
      throttleStatus: undefined,
    });
    for (const body of [null, 'x', {}, { extensions: [] }, { extensions: { cost: 5 } }])
      expect(readCost(body)).toBeUndefined();
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
