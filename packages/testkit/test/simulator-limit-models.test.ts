// The simulator's limit models, pure: every call states its own time, so the clock is fake by construction.
import { describe, expect, it } from 'vitest';
import { createFixedWindow } from '../src/simulator/fixed-window';
import { createLimit } from '../src/simulator/limits/create-limit';
import { createLeakyBucket } from '../src/simulator/limits/leaky-bucket';
import type { LimitedRequest, LimitVerdict } from '../src/simulator/limits/limit-runtime';
import { createSlidingLog } from '../src/simulator/limits/sliding-log';
import type { SimulatedLimit } from '../src/simulator/types';

const get = (path: string): LimitedRequest => ({ method: 'GET', path, body: '' });
const post = (path: string, body = ''): LimitedRequest => ({ method: 'POST', path, body });
// A whole second, so 1 000 ms windows start here.
const T = 1_900_000_000_000;

function admitAll(spec: SimulatedLimit, requests: readonly [LimitedRequest, number][]): LimitVerdict[] {
  const limit = createLimit(spec);
  return requests.map(([request, now]) => {
    const verdict = limit.admit(request, now);
    if (verdict === undefined) throw new Error('limit did not apply');
    return verdict;
  });
}

describe('sliding log', () => {
  it('admits N in any window, refuses the next until the oldest leaves, and logs no refusal', () => {
    const log = createSlidingLog(3, 1_000);
    expect([0, 100, 200].map((t) => log.take(t).allowed)).toEqual([true, true, true]);
    expect(log.take(300)).toEqual({ allowed: false, remaining: 0, retryInMs: 700, resetInMs: 700 });
    // At 999 the call at 0 is still inside the window; at 1 000 it has left.
    expect(log.take(999).allowed).toBe(false);
    expect(log.take(1_000)).toMatchObject({ allowed: true, remaining: 0 });
    // The refusals at 300 and 999 were not logged: the call at 100 leaves at 1 100.
    expect(log.take(1_100).allowed).toBe(true);
  });
});

describe('leaky bucket', () => {
  it('fills by cost, drains continuously, refuses whole and says when the request would fit', () => {
    const bucket = createLeakyBucket(4, 2);
    for (let i = 0; i < 4; i++) expect(bucket.take(0).allowed).toBe(true);
    expect(bucket.take(0)).toEqual({ allowed: false, level: 4, capacity: 4, retryInMs: 500 });
    expect(bucket.take(500)).toMatchObject({ allowed: true, level: 4 });
    expect(bucket.take(500, 3)).toMatchObject({ allowed: false, retryInMs: 1_500 });
    expect(bucket.refund(500, 2).level).toBe(2);
    expect(bucket.take(500, 2)).toMatchObject({ allowed: true, level: 4 });
  });
});

describe('fixed window', () => {
  it('counts costs and refuses what does not fit whole', () => {
    const window = createFixedWindow(10, 1_000);
    expect(window.take(T, 5).remaining).toBe(5);
    expect(window.take(T, 6)).toMatchObject({ allowed: false, remaining: 5 });
    expect(window.take(T + 999, 5)).toMatchObject({ allowed: true, remaining: 0, resetAt: T + 1_000 });
    expect(window.take(T + 1_000).remaining).toBe(9);
  });
});

describe('github', () => {
  const spec: SimulatedLimit = {
    model: 'github',
    resources: {
      core: { limit: 2, windowMs: 1_000 },
      search: { limit: 1, windowMs: 1_000 },
      graphql: { limit: 1, windowMs: 1_000 },
    },
  };

  it('keeps one window per resource with x-ratelimit-* (reset in epoch seconds) and refuses with 403 remaining 0', () => {
    const [a, b, c, s, g, g2] = admitAll(spec, [
      [get('/repos/o/r'), T],
      [get('/repos/o/r/issues'), T + 10],
      [get('/user'), T + 20],
      [get('/search/issues'), T + 30],
      [post('/graphql'), T + 40],
      [post('/graphql'), T + 50],
    ]);
    expect(a?.headers).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '1',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': String((T + 1_000) / 1_000),
      'x-ratelimit-resource': 'core',
    });
    expect(b?.refusal).toBeUndefined();
    expect(c?.refusal?.answer.status).toBe(403);
    expect(c?.refusal?.answer.headers['x-ratelimit-remaining']).toBe('0');
    expect(c?.refusal?.answer.headers['retry-after']).toBeUndefined();
    expect(c?.refusal?.answer.body).toMatchObject({ message: expect.stringContaining('API rate limit exceeded') });
    expect(c?.refusal?.by).toBe('core');
    // core spent does not touch search
    expect(s?.refusal).toBeUndefined();
    expect(s?.headers['x-ratelimit-resource']).toBe('search');
    expect(g?.refusal).toBeUndefined();
    // GraphQL's primary limit answers 200 with a RATE_LIMITED error
    expect(g2?.refusal?.answer.status).toBe(200);
    expect(g2?.refusal?.answer.body).toEqual({ errors: [expect.objectContaining({ type: 'RATE_LIMITED' })] });
  });

  it('answers 429 when told, and the secondary limit counts 5 points per write with a retry-after', () => {
    const minute = Math.ceil(T / 60_000) * 60_000;
    const [first, second] = admitAll(
      {
        model: 'github',
        resources: { core: { limit: 100, windowMs: 1_000 } },
        secondary: { points: 9, windowMs: 60_000, status: 429 },
      },
      [
        [post('/repos/o/r/issues'), minute],
        [post('/repos/o/r/issues'), minute + 1_000],
      ],
    );
    expect(first?.refusal).toBeUndefined();
    expect(second?.refusal?.by).toBe('secondary');
    expect(second?.refusal?.answer.status).toBe(429);
    expect(second?.refusal?.answer.headers).toEqual({ 'retry-after': '59' });
    expect(second?.refusal?.answer.body).toMatchObject({ message: expect.stringContaining('secondary rate limit') });
    const [, primary] = admitAll({ model: 'github', status: 429, resources: { core: { limit: 1, windowMs: 1_000 } } }, [
      [get('/a'), T],
      [get('/a'), T],
    ]);
    expect(primary?.refusal?.answer.status).toBe(429);
  });
});

describe('slack', () => {
  it('limits each method on its own and answers only 429 + Retry-After + ratelimited', () => {
    const [a, b, other, c] = admitAll({ model: 'slack', limit: 2, windowMs: 60_000 }, [
      [post('/conversations.list'), T],
      [post('/conversations.list'), T + 1_000],
      [post('/users.info'), T + 1_500],
      [post('/conversations.list'), T + 2_000],
    ]);
    expect(a?.headers).toEqual({});
    expect(b?.refusal).toBeUndefined();
    expect(other?.refusal).toBeUndefined();
    expect(c?.refusal).toEqual({
      by: 'conversations.list',
      answer: { status: 429, headers: { 'retry-after': '58' }, body: { ok: false, error: 'ratelimited' } },
    });
  });
});

describe('shopify', () => {
  it('REST: X-Shopify-Shop-Api-Call-Limit used/capacity, then 429 with Retry-After "2.0"', () => {
    const verdicts = admitAll(
      { model: 'shopify-rest', capacity: 2, leakPerSec: 2 },
      [T, T, T, T + 500].map((t) => [get('/admin/api/2024-01/products.json'), t]),
    );
    expect(verdicts.map((v) => v.headers['x-shopify-shop-api-call-limit'])).toEqual(['1/2', '2/2', '2/2', '2/2']);
    expect(verdicts[2]?.refusal?.answer).toMatchObject({ status: 429, headers: { 'retry-after': '2.0' } });
    expect(verdicts[3]?.refusal).toBeUndefined();
  });

  it('GraphQL: charges 2 + first up front, refunds to the actual cost, and throttles with HTTP 200 THROTTLED', () => {
    const query = (first: number) =>
      post('/admin/api/2024-01/graphql.json', JSON.stringify({ query: '{}', variables: { first } }));
    const [a, b] = admitAll({ model: 'shopify-graphql', maximumAvailable: 100, restoreRate: 10, actualShare: 0.5 }, [
      [query(60), T],
      [query(70), T],
    ]);
    expect(a?.refusal).toBeUndefined();
    expect(a?.body?.({ data: { products: [] } })).toEqual({
      data: { products: [] },
      extensions: {
        cost: {
          requestedQueryCost: 62,
          actualQueryCost: 32,
          throttleStatus: { maximumAvailable: 100, currentlyAvailable: 68, restoreRate: 10 },
        },
      },
    });
    // 72 requested does not fit in 68: throttled, nothing charged
    expect(b?.refusal?.answer).toEqual({
      status: 200,
      headers: {},
      body: {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: expect.any(String) } }],
        extensions: {
          cost: {
            requestedQueryCost: 72,
            actualQueryCost: null,
            throttleStatus: { maximumAvailable: 100, currentlyAvailable: 68, restoreRate: 10 },
          },
        },
      },
    });
  });
});

describe('concurrency cap', () => {
  it('refuses beyond maxInFlight with an undisclosed 429 until a slot is released', () => {
    const limit = createLimit({ model: 'concurrency', maxInFlight: 2, serviceMs: 20 });
    const a = limit.admit(get('/x'), T);
    const b = limit.admit(get('/x'), T);
    expect(a).toMatchObject({ holdMs: 20, headers: {} });
    expect(limit.admit(get('/x'), T)?.refusal?.answer).toMatchObject({
      status: 429,
      headers: {},
      body: { code: 20429 },
    });
    a?.release?.();
    a?.release?.(); // twice frees one slot only
    expect(limit.admit(get('/x'), T)?.refusal).toBeUndefined();
    expect(limit.admit(get('/x'), T)?.refusal).toBeDefined();
    b?.release?.();
  });
});

describe('hubspot', () => {
  it('DAILY once the day is spent, refusals not counted, burst TEN_SECONDLY_ROLLING, new day resets', () => {
    const spec: SimulatedLimit = {
      model: 'hubspot',
      daily: { limit: 3, windowMs: 10_000 },
      burst: { limit: 2, windowMs: 1_000 },
    };
    const v = admitAll(spec, [
      [get('/crm/v3/objects/contacts'), T],
      [get('/crm/v3/objects/contacts'), T + 1],
      [get('/crm/v3/objects/contacts'), T + 2],
      [get('/crm/v3/objects/contacts'), T + 1_000],
      [get('/crm/v3/objects/contacts'), T + 1_500],
      [get('/crm/v3/objects/contacts'), T + 10_000],
    ]);
    expect(v[0]?.headers).toEqual({
      'x-hubspot-ratelimit-daily': '3',
      'x-hubspot-ratelimit-daily-remaining': '2',
      'x-hubspot-ratelimit-interval-milliseconds': '1000',
      'x-hubspot-ratelimit-max': '2',
      'x-hubspot-ratelimit-remaining': '1',
    });
    expect(v[2]?.refusal?.by).toBe('TEN_SECONDLY_ROLLING');
    expect(v[2]?.refusal?.answer.headers['x-hubspot-ratelimit-daily-remaining']).toBe('1');
    expect(v[3]?.refusal).toBeUndefined();
    expect(v[3]?.headers['x-hubspot-ratelimit-daily-remaining']).toBe('0');
    expect(v[4]?.refusal?.answer).toMatchObject({
      status: 429,
      body: {
        status: 'error',
        errorType: 'RATE_LIMIT',
        policyName: 'DAILY',
        message: 'You have reached your daily limit.',
      },
    });
    expect(v[5]?.refusal).toBeUndefined();
  });
});

describe('stripe', () => {
  it('a token bucket: the burst, then 429 rate_limit with no headers, refilled at the rate', () => {
    const v = admitAll({ model: 'stripe', ratePerSec: 10, burst: 2 }, [
      [get('/v1/customers'), T],
      [get('/v1/customers'), T],
      [get('/v1/customers'), T + 50],
      [get('/v1/customers'), T + 100],
    ]);
    expect(v.map((x) => x.refusal === undefined)).toEqual([true, true, false, true]);
    expect(v[2]?.refusal?.answer).toMatchObject({ status: 429, headers: {}, body: { error: { code: 'rate_limit' } } });
  });
});

describe('createLimit', () => {
  it('applies a limit to its route only', () => {
    const limit = createLimit({
      model: 'stripe',
      ratePerSec: 1,
      burst: 1,
      route: { method: 'POST', pathPrefix: '/v1/charges' },
    });
    expect(limit.admit(get('/v1/charges'), T)).toBeUndefined();
    expect(limit.admit(post('/v1/customers'), T)).toBeUndefined();
    expect(limit.admit(post('/v1/charges/ch_1'), T)?.refusal).toBeUndefined();
    expect(limit.admit(post('/v1/charges'), T)?.refusal).toBeDefined();
  });

  it('refuses malformed specs with a readable message', () => {
    expect(() => createLimit({ model: 'nope' } as unknown as SimulatedLimit)).toThrow(/model must be one of/);
    expect(() => createLimit({ model: 'slack', limit: 0, windowMs: 1 } as SimulatedLimit)).toThrow(
      /limit of a slack limit/,
    );
    expect(() => createLimit({ model: 'github' } as unknown as SimulatedLimit)).toThrow(/resources/);
    expect(() => createLimit({ model: 'hubspot' } as unknown as SimulatedLimit)).toThrow(/daily/);
  });
});
