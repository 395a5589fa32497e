import type { LimitRequest, LimitResponse } from '@rosetta/core';
import { createClient } from '@rosetta/core';
import { createScriptedFetch, limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { shopify } from '../src/index';
import { estimateQueryCost, shopifyLimits } from '../src/limits';

const { request, limiter, take, admit } = limiterHarness(shopifyLimits, { request: { credentialKey: 'tok' } });
const response = (extra: Partial<LimitResponse>): LimitResponse => ({
  status: 200,
  headers: {},
  body: undefined,
  now: Date.now(),
  rateLimit: undefined,
  throttle: undefined,
  ...extra,
});
const bucket = (id: string) => {
  const found = shopifyLimits.find((b) => b.id === id);
  if (found === undefined) throw new Error(id);
  return found;
};
const ids = (r: LimitRequest) =>
  shopifyLimits.filter((b) => (b.scope === undefined ? r.credentialKey : b.scope(r)) !== null).map((b) => b.id);
const throttled = (requested: number, available: number) => ({
  errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
  extensions: {
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 1000, currentlyAvailable: available, restoreRate: 50 },
    },
  },
});

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('shopifyLimits', () => {
  it('every bucket is valid and cites Shopify', () => {
    expect(uncitedBuckets(shopifyLimits)).toEqual([]);
    for (const b of shopifyLimits) expect(validateBucket(b).source).toMatch(/^https:\/\/shopify\.dev\//);
    expect(bucket('rest')).toMatchObject({ model: 'token-bucket', burst: 40, ratePerSec: 2 });
    expect(bucket('graphql')).toMatchObject({ model: 'cost-bucket', ratePerSec: 100 });
  });

  it('a request takes the GraphQL bucket on /graphql.json and the REST bucket anywhere else', () => {
    expect(ids(request('POST', '/graphql.json'))).toEqual(['graphql']);
    expect(ids(request('POST', '/admin/api/2025-10/graphql.json'))).toEqual(['graphql']);
    expect(ids(request('GET', '/products.json'))).toEqual(['rest']);
    expect(ids(request('GET', '/graphql'))).toEqual(['rest']);
  });

  it('guesses a query cost from its connection sizes, literals and variables, at most 1,000', () => {
    const gql = (query: unknown, variables?: unknown) =>
      estimateQueryCost(request('POST', '/graphql.json', { body: { query, variables } }));
    expect(gql('{ shop { name } }')).toBe(1);
    expect(gql('{ products(first: 10) { nodes { id } } }')).toBe(12);
    expect(
      gql('query($n: Int!) { orders(last: $n) { nodes { id } } customers(first: 3) { nodes { id } } }', { n: 50 }),
    ).toBe(57);
    expect(gql('query($n: Int!) { orders(first: $n) { nodes { id } } }', {})).toBe(1);
    expect(gql('{ a(first: 250) { nodes { b(first: 250) { nodes { id } } } } }', {})).toBe(504);
    expect(gql('{ a(first: 5000) { nodes { id } } }')).toBe(1_000);
    expect(gql(undefined)).toBe(1);
    expect(estimateQueryCost(request('POST', '/graphql.json', { body: null }))).toBe(1);
    expect(bucket('graphql').cost).toBe(estimateQueryCost);
  });

  it('reads the REST bucket from X-Shopify-Shop-Api-Call-Limit (used/size)', () => {
    const observe = bucket('rest').observe;
    expect(observe?.(response({ headers: { 'x-shopify-shop-api-call-limit': '32/40' } }))).toEqual({
      remaining: 8,
      limit: 40,
    });
    expect(observe?.(response({ headers: { 'x-shopify-shop-api-call-limit': '41/40' } }))?.remaining).toBe(0);
    for (const value of ['', '32', '32/0', 'a/b', '-1/40']) {
      expect(observe?.(response({ headers: { 'x-shopify-shop-api-call-limit': value } }))).toBeUndefined();
    }
  });

  it('reads the GraphQL bucket from extensions.cost.throttleStatus, without a second refund', () => {
    const observe = bucket('graphql').observe;
    expect(observe?.(response({ body: throttled(70, 66) }))).toEqual({ remaining: 66, limit: 1000 });
    expect(observe?.(response({ body: { data: {} } }))).toBeUndefined();
  });

  it('a full REST bucket holds REST calls, not GraphQL ones', () => {
    const l = limiter();
    take(l, request('GET', '/products.json')).release(
      response({ headers: { 'x-shopify-shop-api-call-limit': '40/40' } }),
    );
    expect(admit(l, request('GET', '/orders.json'))).toBeUndefined();
    expect(admit(l, request('POST', '/graphql.json'))).toBeDefined();
  });

  it('adopts the bucket size an answer reports (Plus shops have bigger buckets)', () => {
    const l = limiter();
    take(l, request('GET', '/products.json')).release(
      response({ headers: { 'x-shopify-shop-api-call-limit': '1/400' } }),
    );
    for (let i = 0; i < 300; i++) take(l, request('GET', '/products.json')).release(undefined);
  });
});

describe('through a client', () => {
  it('a THROTTLED answer in HTTP 200 is resent, POST or not, after the wait the cost bucket needs', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
      now: 1_000_000,
    });
    const t = createScriptedFetch([
      { status: 200, body: throttled(70, 66) },
      { status: 200, body: { data: { shop: { name: 'FAKE' } } } },
    ]);
    const client = createClient(shopify, {
      baseUrl: 'https://fake-shop.myshopify.com/admin/api/2025-10',
      auth: { token: 'shpat_FAKE' },
      fetch: t.fetch,
    });
    const call = client.post('/graphql.json', { body: { query: '{ shop { name } }' } });
    await vi.advanceTimersByTimeAsync(79);
    expect(t.log).toEqual(['START POST /admin/api/2025-10/graphql.json']);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(call).resolves.toEqual({ data: { shop: { name: 'FAKE' } } });
    expect(t.log).toHaveLength(2);
    await client.close();
  });
});
