import { type ClassifyContext, normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHeaderMap } from '../../../core/src/classify/header-map';
import { shopify, shopifyAdminUrl, shopifyUserErrors } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function normalize(status: number, body: unknown, options: { path?: string; headers?: Record<string, string> } = {}) {
  return normalizeResponse(shopify, {
    status,
    headers: { ...JSON_TYPE, ...options.headers },
    body,
    method: options.path === undefined ? 'GET' : 'POST',
    url: `https://fake-shop.myshopify.com/admin/api/2025-10${options.path ?? '/products.json'}`,
  });
}
const graphql = (body: unknown, headers: Record<string, string> = {}) =>
  normalize(200, body, { path: '/graphql.json', headers });
const cost = (requested: number, available: number, restoreRate = 50) => ({
  cost: {
    requestedQueryCost: requested,
    actualQueryCost: null,
    throttleStatus: { maximumAvailable: 1000, currentlyAvailable: available, restoreRate },
  },
});

describe('shopify fixtures', () => {
  it('cover every family: REST and GraphQL, successes that look like errors, errors in 200, wait versus quota', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    const kinds = new Set(fixtures.map((f) => f.expected?.kind ?? 'success'));
    for (const kind of ['success', 'authentication', 'permission', 'not_found', 'validation', 'payment_required']) {
      expect(kinds.has(kind as never), kind).toBe(true);
    }
    for (const kind of ['rate_limited', 'quota_exceeded', 'server', 'unavailable'])
      expect(kinds.has(kind as never)).toBe(true);
    const errorsIn200 = fixtures.filter((f) => f.response.status === 200 && f.expected !== null);
    expect(errorsIn200.length).toBeGreaterThanOrEqual(4);
  });

  it('hold no real-looking token and only FAKE request ids', () => {
    for (const fixture of fixtures) {
      const text = JSON.stringify(fixture);
      expect(text).not.toMatch(/shp(at|ca|pa|ss)_[A-Fa-f0-9]{16,}/);
      expect(fixture.response.headers?.['x-request-id']).toMatch(/^FAKE-/);
    }
  });
});

describe('the adapter declaration', () => {
  it('sends the token in X-Shopify-Access-Token, reads X-Request-Id, paginates by Link', () => {
    expect(shopify.auth).toEqual([{ type: 'header', header: 'X-Shopify-Access-Token' }]);
    expect(shopify.requestIdHeaders).toEqual(['x-request-id']);
    expect(shopify.pagination).toEqual({ type: 'link' });
    expect(shopify.throttleRefusesRequest?.source).toMatch(/shopify\.dev/);
    expect(new URL(shopify.baseUrl).pathname).toMatch(/^\/admin\/api\/\d{4}-\d{2}$/);
  });

  it('builds a shop base URL from a name or a myshopify.com domain, and refuses anything else', () => {
    expect(shopifyAdminUrl('my-shop', '2025-10')).toBe('https://my-shop.myshopify.com/admin/api/2025-10');
    expect(shopifyAdminUrl('My-Shop.myshopify.com', 'unstable')).toBe(
      'https://my-shop.myshopify.com/admin/api/unstable',
    );
    for (const shop of ['evil.com/x', 'a.b', '', '-x', 'shop@evil.com', 'x.myshopify.com.evil.com']) {
      expect(() => shopifyAdminUrl(shop, '2025-10'), shop).toThrow(TypeError);
    }
    expect(() => shopifyAdminUrl('shop', '2025-1')).toThrow(TypeError);
  });
});

describe('REST statuses with a Shopify meaning', () => {
  it('reads 423 as a locked shop: permission, never retried (core alone says retryable conflict)', () => {
    expect(normalize(423, { errors: 'This store is unavailable' })).toMatchObject({
      kind: 'permission',
      code: 'shop_locked',
      retryable: false,
    });
  });

  it('reads 430 as a security rejection and 540 as temporarily unavailable', () => {
    expect(normalize(430, '')).toMatchObject({ kind: 'permission', code: 'security_rejection', retryable: false });
    expect(normalize(540, '')).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it('tells the daily variant quota from the leaky bucket on a 429', () => {
    const daily = { errors: { product: ['Daily variant creation limit reached. Please try again later.'] } };
    expect(normalize(429, daily, { headers: { 'retry-after': '2.0' } })).toMatchObject({
      kind: 'quota_exceeded',
      code: 'daily_variant_limit',
      retryable: false,
    });
    const burst = normalize(
      429,
      { errors: 'Exceeded 2 calls per second for api client.' },
      { headers: { 'retry-after': '2.0' } },
    );
    expect(burst).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 2_000 });
    // The words alone, on another status, are just a validation message.
    expect(normalize(422, daily)?.kind).toBe('validation');
  });

  it('reports the REST bucket on errors from X-Shopify-Shop-Api-Call-Limit', () => {
    const err = normalize(404, { errors: 'Not Found' }, { headers: { 'x-shopify-shop-api-call-limit': '32/40' } });
    expect(err?.rateLimit).toEqual({ limit: 40, remaining: 8 });
    expect(normalize(423, {}, { headers: { 'x-shopify-shop-api-call-limit': '40/40' } })).toMatchObject({
      code: 'shop_locked',
      rateLimit: { limit: 40, remaining: 0 },
    });
  });

  it('keeps both REST error shapes: a string, and field errors', () => {
    expect(normalize(402, { errors: 'Unavailable Shop' })).toMatchObject({
      kind: 'payment_required',
      retryable: false,
    });
    expect(normalize(422, { errors: { title: ["can't be blank"] } })?.fieldErrors).toEqual([
      { path: 'title', message: "can't be blank" },
    ]);
  });
});

describe('GraphQL answers in HTTP 200', () => {
  const throttledError = { message: 'Throttled', extensions: { code: 'THROTTLED' } };

  it('are errors on /graphql.json only: a REST 200 is never an error', () => {
    const body = { errors: [throttledError], extensions: cost(70, 66) };
    expect(graphql(body)?.kind).toBe('rate_limited');
    expect(normalize(200, body)).toBeNull();
  });

  it('THROTTLED waits until the bucket holds the requested cost again', () => {
    expect(graphql({ errors: [throttledError], extensions: cost(70, 66) })?.retryAfterMs).toBe(80);
    expect(graphql({ errors: [throttledError], extensions: cost(1000, 0, 100) })?.retryAfterMs).toBe(10_000);
    // Room already there (restored meanwhile): no wait, still a throttle to resend.
    expect(graphql({ errors: [throttledError], extensions: cost(10, 50) })).toMatchObject({
      retryAfterMs: 0,
      retryable: true,
    });
    // Without a cost block, or with a zero restore rate, there is no wait to compute.
    expect(graphql({ errors: [throttledError] })?.retryAfterMs).toBeUndefined();
    expect(graphql({ errors: [throttledError], extensions: cost(70, 66, 0) })?.retryAfterMs).toBeUndefined();
  });

  it('a THROTTLED error anywhere in the list wins over the first error', () => {
    const err = graphql({
      errors: [{ message: 'x', extensions: { code: 'ACCESS_DENIED' } }, throttledError],
      extensions: cost(70, 66),
    });
    expect(err).toMatchObject({ kind: 'rate_limited', code: 'THROTTLED' });
    expect(err?.message).toContain('Throttled (and 1 more)');
  });

  it('maps the documented codes', () => {
    const read = (code: string, data?: unknown) => graphql({ data, errors: [{ message: 'm', extensions: { code } }] });
    expect(read('MAX_COST_EXCEEDED')).toMatchObject({ kind: 'validation', retryable: false });
    expect(read('ACCESS_DENIED', { a: null })).toMatchObject({ kind: 'permission', retryable: false });
    expect(read('SHOP_INACTIVE')).toMatchObject({ kind: 'permission', code: 'SHOP_INACTIVE', retryable: false });
    expect(read('INTERNAL_SERVER_ERROR', null)).toMatchObject({ kind: 'server', retryable: true });
    // Codes Shopify does not document: request errors (no data) are validation, others unknown.
    expect(read('argumentNotAccepted')?.kind).toBe('validation');
    expect(read('SOMETHING_NEW', { a: 1 })).toMatchObject({ kind: 'unknown', code: 'SOMETHING_NEW' });
    expect(read('constructor', { a: 1 })?.kind).toBe('unknown');
    expect(graphql({ errors: [{ message: 'syntax error, unexpected end of file' }] })?.kind).toBe('validation');
  });

  it("takes the error's extensions.requestId only when no X-Request-Id header gave one", () => {
    const body = {
      errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'FAKE-ext' } }],
    };
    expect(graphql(body)?.requestId).toBe('FAKE-ext');
    expect(graphql(body, { 'x-request-id': 'FAKE-header' })?.requestId).toBe('FAKE-header');
  });

  it('an answer with neither data nor errors is unusable, as the official client says', () => {
    expect(graphql({ extensions: cost(1, 999) })).toMatchObject({
      kind: 'invalid_response',
      code: 'no_data_or_errors',
    });
    expect(graphql({ data: null })?.kind).toBe('invalid_response');
    expect(graphql({ data: {} })).toBeNull();
    expect(graphql({ data: { shop: null }, errors: [] })).toBeNull();
  });

  it('leaves mutation userErrors as data, and shopifyUserErrors reads them', () => {
    const body = {
      data: {
        productCreate: { product: null, userErrors: [{ field: ['input', 'title'], message: "Title can't be blank" }] },
        other: { userErrors: [{ field: null, message: 'Nope', code: 'INVALID' }, 'junk', null] },
      },
    };
    expect(graphql(body)).toBeNull();
    expect(shopifyUserErrors(body)).toEqual([
      { path: 'input.title', message: "Title can't be blank" },
      { path: '', message: 'Nope', code: 'INVALID' },
    ]);
    for (const odd of [null, 'x', { data: null }, { data: { a: { userErrors: 'x' } } }])
      expect(shopifyUserErrors(odd)).toEqual([]);
    const many = { data: { m: { userErrors: Array.from({ length: 500 }, () => ({ field: ['a'], message: 'b' })) } } };
    expect(shopifyUserErrors(many)).toHaveLength(50);
  });

  it('non-2xx GraphQL answers are read by their status, REST-shaped bodies included', () => {
    expect(normalize(401, { errors: '[API] Invalid API key' }, { path: '/graphql.json' })?.kind).toBe('authentication');
    expect(
      normalize(503, 'Service Unavailable', { path: '/graphql.json', headers: { 'content-type': 'text/plain' } })?.kind,
    ).toBe('unavailable');
  });
});

describe('robustness', () => {
  const hook = shopify.classify as NonNullable<typeof shopify.classify>;
  const context = (overrides: Partial<ClassifyContext>) =>
    classifyContext({
      url: 'https://fake-shop.myshopify.com/admin/api/2025-10/graphql.json',
      method: 'POST',
      headers: toHeaderMap({}),
      defaults: null,
      ...overrides,
    });

  it(`never throws, whatever the body, status, headers or path (seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.constantFrom(200, 201, 402, 423, 429, 430, 500, 540),
        fc.dictionary(fc.constantFrom('retry-after', 'x-shopify-shop-api-call-limit', 'x-request-id'), fc.string()),
        fc.constantFrom('/admin/api/2025-10/graphql.json', '/admin/api/2025-10/products.json', ''),
        (body, status, headers, path) => {
          const defaults = status < 300 ? null : { kind: 'unknown' as const, retryable: false, fieldErrors: [] };
          expect(() => hook(context({ body, status, headers: toHeaderMap(headers), path, defaults }))).not.toThrow();
        },
      ),
      { seed: SEED },
    );
  });

  it('reads odd GraphQL bodies without inventing an error', () => {
    for (const body of ['text', 42, null, [], { data: 1, errors: 'nope' }, { data: {}, errors: [null, 1, 'x'] }]) {
      expect(hook(context({ body }))).toBeUndefined();
    }
  });
});
