// The data-driven windowed limit and its meters, pure: every call states its own time, so the clock is fake by construction.
import { describe, expect, it } from 'vitest';
import { createLimit } from '../../src/simulator/limits/create-limit';
import type { LimitedRequest, LimitVerdict } from '../../src/simulator/limits/limit-runtime';
import { createMeter } from '../../src/simulator/limits/meter';
import { createSlidingLog } from '../../src/simulator/limits/sliding-log';
import type { WindowedLimitModel, WindowedMeter } from '../../src/simulator/types';

const get = (path: string): LimitedRequest => ({ method: 'GET', path, body: '' });
// A whole second.
const T = 1_900_000_000_000;
const refusal = { status: 429, headers: { 'retry-after': '{retryAfterSeconds}' }, body: { error: 'slow down' } };

function run(spec: WindowedLimitModel, requests: readonly [LimitedRequest, number][]): LimitVerdict[] {
  const limit = createLimit(spec);
  return requests.map(([request, now]) => {
    const verdict = limit.admit(request, now);
    if (verdict === undefined) throw new Error('limit did not apply');
    return verdict;
  });
}
const one = (meter: Omit<WindowedMeter, 'name' | 'refusal'>): WindowedLimitModel => ({
  model: 'windowed',
  meters: [{ name: 'm', refusal, ...meter }],
});

describe('meters', () => {
  it('fixed: peeks without counting, resets on the window boundary', () => {
    const meter = createMeter('fixed', 2, 1_000);
    expect(meter.peek(T)).toEqual({ allowed: true, limit: 2, remaining: 2, resetAt: T + 1_000, retryInMs: 0 });
    meter.take(T);
    expect(meter.take(T + 10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(meter.peek(T + 400)).toEqual({ allowed: false, limit: 2, remaining: 0, resetAt: T + 1_000, retryInMs: 600 });
    expect(meter.peek(T + 1_000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('sliding: a peek logs nothing; the reset is when the oldest leaves', () => {
    const meter = createMeter('sliding', 2, 1_000);
    meter.peek(T);
    meter.take(T + 100);
    expect(meter.take(T + 300)).toMatchObject({ allowed: true, remaining: 0, resetAt: T + 1_100 });
    expect(meter.peek(T + 600)).toMatchObject({ allowed: false, retryInMs: 500 });
    expect(meter.peek(T + 1_100)).toMatchObject({ allowed: true, remaining: 1, resetAt: T + 1_300 });
  });

  it('token: refills limit per windowMs continuously, a burst of limit', () => {
    const meter = createMeter('token', 10, 100); // 100 per second, burst 10
    for (let i = 0; i < 10; i++) meter.take(T);
    expect(meter.peek(T)).toEqual({ allowed: false, limit: 10, remaining: 0, resetAt: T + 100, retryInMs: 10 });
    expect(meter.peek(T + 10)).toMatchObject({ allowed: true, remaining: 1, retryInMs: 0 });
    expect(meter.peek(T + 100)).toMatchObject({ allowed: true, remaining: 10, resetAt: T + 100 });
  });

  it('the sliding log reads with cost 0 and logs nothing', () => {
    const log = createSlidingLog(1, 1_000);
    expect(log.take(0, 0)).toEqual({ allowed: true, remaining: 1, retryInMs: 0, resetInMs: 0 });
    expect(log.take(10).allowed).toBe(true);
    expect(log.take(20, 0)).toEqual({ allowed: false, remaining: 0, retryInMs: 990, resetInMs: 990 });
  });
});

describe('windowed limit', () => {
  it('writes the templated state headers on every answer and the templated refusal over them', () => {
    const headers = {
      'x-rate-limit': '{limit}',
      'x-rate-limit-remaining': '{remaining}',
      'ratelimit-reset': '{resetSeconds}',
      'x-used': '{used}',
      'x-reset-epoch': '{resetEpochSeconds}',
      'x-reset-iso': '{resetIso}',
      'x-unknown': '{nope}',
    };
    // 1 900 000 020 000 is a whole minute: the window runs to 080 000.
    const M = 1_900_000_020_000;
    const minute = M + 60_000;
    const [a, b, c] = run(one({ window: 'fixed', limit: 2, windowMs: 60_000, headers }), [
      [get('/tickets'), M + 100],
      [get('/tickets'), M + 1_000],
      [get('/tickets'), M + 30_500],
    ]);
    expect(a?.headers).toEqual({
      'x-rate-limit': '2',
      'x-rate-limit-remaining': '1',
      'ratelimit-reset': '60',
      'x-used': '1',
      'x-reset-epoch': String(minute / 1_000),
      'x-reset-iso': new Date(minute).toISOString().replace('.000Z', 'Z'),
      'x-unknown': '{nope}',
    });
    expect(b?.refusal).toBeUndefined();
    expect(c?.refusal?.by).toBe('m');
    expect(c?.refusal?.answer).toEqual({
      status: 429,
      headers: expect.objectContaining({
        'x-rate-limit-remaining': '0',
        'retry-after': '30',
      }),
      body: { error: 'slow down' },
    });
  });

  it('sends a decimal Retry-After when asked (retryAfterExact) and at least 1 whole second otherwise', () => {
    const [, refused] = run(
      {
        model: 'windowed',
        meters: [
          {
            name: 'm',
            window: 'token',
            limit: 1,
            windowMs: 250,
            refusal: { status: 429, headers: { 'retry-after': '{retryAfterExact}', 'x-whole': '{retryAfterSeconds}' } },
          },
        ],
      },
      [
        [get('/a'), T],
        [get('/a'), T + 100],
      ],
    );
    expect(refused?.refusal?.answer.headers).toEqual({ 'retry-after': '0.150', 'x-whole': '1' });
  });

  it('states seconds to 1/N of a second for a model N times faster ({resetSeconds:60}: a minute compressed to a second)', () => {
    const headers = { 'ratelimit-reset': '{resetSeconds:60}', 'x-whole': '{resetSeconds}' };
    const refusal60 = { status: 429, headers: { 'retry-after': '{retryAfterSeconds:60}', 'x-no': '{limit:60}' } };
    const spec: WindowedLimitModel = {
      model: 'windowed',
      meters: [{ name: 'm', window: 'fixed', limit: 1, windowMs: 1_000, headers, refusal: refusal60 }],
    };
    // 898 ms to the reset: 53.88 sixtieths, stated as 54 (0.9 s), never earlier than the reset; whole: 1 s.
    const [admitted, refused, late] = run(spec, [
      [get('/a'), T + 102],
      [get('/a'), T + 102],
      [get('/a'), T + 999.5],
    ]);
    expect(admitted?.headers).toEqual({ 'ratelimit-reset': '0.900', 'x-whole': '1' });
    expect(refused?.refusal?.answer.headers).toMatchObject({ 'retry-after': '0.900', 'x-no': '{limit:60}' });
    // Half a millisecond left: one sixtieth (rounded up to the ms), at least one for Retry-After.
    expect(late?.refusal?.answer.headers).toMatchObject({ 'ratelimit-reset': '0.017', 'retry-after': '0.017' });
  });

  it('states the reset in epoch milliseconds when asked (resetEpochMs, as Linear sends it)', () => {
    // A token bucket of 10 refilling 10 per second: after 4 calls at T + 250 it is full again 400 ms later.
    const headers = { 'x-ratelimit-requests-reset': '{resetEpochMs}', 'x-ratelimit-requests-remaining': '{remaining}' };
    const verdicts = run(one({ window: 'token', limit: 10, windowMs: 1_000, headers }), [
      [get('/graphql'), T + 250],
      [get('/graphql'), T + 250],
      [get('/graphql'), T + 250],
      [get('/graphql'), T + 250],
    ]);
    expect(verdicts[3]?.headers).toEqual({
      'x-ratelimit-requests-reset': String(T + 650),
      'x-ratelimit-requests-remaining': '6',
    });
  });

  it('refuses everything for penaltyMs after a refusal, counted from the refusal that started it', () => {
    // 2 per any second, then a 300 ms penalty (Airtable's 30 s after a 429, compressed).
    const verdicts = run(one({ window: 'sliding', limit: 2, windowMs: 1_000, penaltyMs: 300 }), [
      [get('/a'), T],
      [get('/a'), T + 900],
      [get('/a'), T + 950], // refused by the count: the penalty runs to T + 1 250
      [get('/a'), T + 1_100], // the count has room again (the call at T left), the penalty still refuses
      [get('/a'), T + 1_250], // over; the refusal at 1 100 did not prolong it
      [get('/a'), T + 1_260],
    ]);
    expect(verdicts.map((v) => v.refusal?.by ?? 'ok')).toEqual(['ok', 'ok', 'm', 'm', 'ok', 'm']);
    expect(verdicts[3]?.refusal?.answer.headers).toEqual({ 'retry-after': '1' });
    expect(() => createLimit(one({ window: 'fixed', limit: 1, windowMs: 1_000, penaltyMs: 0 }))).toThrow(RangeError);
  });

  it('counts a refused request in no meter: a burst refusal leaves the quota untouched, a quota refusal the burst', () => {
    const spec: WindowedLimitModel = {
      model: 'windowed',
      meters: [
        {
          name: 'DAILY',
          window: 'fixed',
          limit: 3,
          windowMs: 86_400_000,
          headers: { 'x-daily-remaining': '{remaining}' },
          refusal: { status: 429, body: { policyName: 'DAILY' } },
        },
        {
          name: 'BURST',
          window: 'sliding',
          limit: 2,
          windowMs: 1_000,
          headers: { 'x-remaining': '{remaining}' },
          refusal: { status: 429, body: { policyName: 'BURST' } },
        },
      ],
    };
    const verdicts = run(spec, [
      [get('/a'), T],
      [get('/a'), T + 1],
      [get('/a'), T + 2], // burst refuses: the day must not count it
      [get('/a'), T + 1_000],
      [get('/a'), T + 1_001], // the day is spent: the burst must not count it
      [get('/a'), T + 1_900],
    ]);
    expect(verdicts.map((v) => v.refusal?.by ?? 'ok')).toEqual(['ok', 'ok', 'BURST', 'ok', 'DAILY', 'DAILY']);
    expect(verdicts[2]?.headers).toEqual({ 'x-daily-remaining': '1', 'x-remaining': '0' });
    expect(verdicts[3]?.headers).toEqual({ 'x-daily-remaining': '0', 'x-remaining': '0' });
    // At 1 900 only the call at 1 000 is in the burst window: the refused one at 1 001 was not logged.
    expect(verdicts[5]?.headers).toEqual({ 'x-daily-remaining': '0', 'x-remaining': '1' });
  });

  it('keeps a counter per path when perPath, one for all otherwise', () => {
    const perPath = run(one({ window: 'fixed', limit: 1, windowMs: 1_000, perPath: true }), [
      [get('/a'), T],
      [get('/b'), T],
      [get('/a'), T],
    ]);
    expect(perPath.map((v) => v.refusal?.by ?? 'ok')).toEqual(['ok', 'ok', 'm']);
    const shared = run(one({ window: 'fixed', limit: 1, windowMs: 1_000 }), [
      [get('/a'), T],
      [get('/b'), T],
    ]);
    expect(shared.map((v) => v.refusal?.by ?? 'ok')).toEqual(['ok', 'm']);
  });

  it('rejects malformed specs, as the admin route may send them', () => {
    expect(() => createLimit({ model: 'windowed', meters: [] })).toThrow(TypeError);
    expect(() => createLimit(one({ window: 'weekly' as 'fixed', limit: 1, windowMs: 1 }))).toThrow(/window must be/);
    expect(() =>
      createLimit({ model: 'windowed', meters: [{ name: 'm', window: 'fixed', limit: 1, windowMs: 1 }] } as never),
    ).toThrow(/refusal.status/);
    expect(() => createLimit(one({ window: 'fixed', limit: 0, windowMs: 1_000 }))).toThrow(RangeError);
  });
});

describe('shopify graphql', () => {
  it('answers an admitted query with data, even where the fixture had none, and extensions.cost', () => {
    const limit = createLimit({ model: 'shopify-graphql', maximumAvailable: 100, restoreRate: 10 });
    const verdict = limit.admit({ method: 'POST', path: '/graphql.json', body: '{"variables":{"first":3}}' }, T);
    expect(verdict?.body?.({})).toEqual({
      data: {},
      extensions: {
        cost: {
          requestedQueryCost: 5,
          actualQueryCost: 5,
          throttleStatus: { maximumAvailable: 100, currentlyAvailable: 95, restoreRate: 10 },
        },
      },
    });
    expect(verdict?.body?.({ data: { shop: null } })).toMatchObject({ data: { shop: null } });
  });
});
