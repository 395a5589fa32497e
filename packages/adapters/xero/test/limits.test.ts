import { createRateLimiter, isPermit, type LimitResponse, normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, limiterHarness, loadFixtures, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE_PAUSE_MS, ownerOf, pauseMsOf } from '../../../core/src/limit/read-response';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { xero } from '../src/index';
import { xeroLimits } from '../src/limits';

const { request: harnessRequest, burst } = limiterHarness(xeroLimits);
const request = (credentialKey = 'token-a') => harnessRequest('GET', '/Invoices', { credentialKey });

const bucket = (id: string) => {
  const found = xeroLimits.find((b) => b.id === id);
  if (found === undefined) throw new Error(`no bucket ${id}`);
  return found;
};

const response = (headers: Record<string, string>): LimitResponse => ({
  status: 200,
  headers,
  body: undefined,
  now: 1_000,
  rateLimit: undefined,
  throttle: undefined,
});

describe('xeroLimits', () => {
  it('every bucket is valid and cites Xero’s limits FAQ', () => {
    expect(uncitedBuckets(xeroLimits)).toEqual([]);
    for (const b of xeroLimits) expect(validateBucket(b).source).toBe('https://developer.xero.com/faq/limits');
  });

  it('holds 5 calls in progress per token, another token goes on', () => {
    expect(burst([request('token-a'), request('token-b')])).toEqual([5, 5]);
  });

  it('admits 60 calls a minute per token once calls end', () => {
    expect(burst([request('token-a'), request('token-b')], { release: true })).toEqual([60, 60]);
  });

  it('shares the 10,000 a minute of the app across tokens', () => {
    expect(bucket('app-minute').scope?.(request('token-a'))).toBe(bucket('app-minute').scope?.(request('token-b')));
    expect(bucket('minute').scope).toBeUndefined();
  });

  it('reads each bucket’s X-*Limit-Remaining header, and nothing from another bucket’s', () => {
    const all = { 'x-minlimit-remaining': '58', 'x-daylimit-remaining': '4998', 'x-appminlimit-remaining': '9988' };
    expect(bucket('minute').observe?.(response(all))).toEqual({ remaining: 58 });
    expect(bucket('day').observe?.(response(all))).toEqual({ remaining: 4998 });
    expect(bucket('app-minute').observe?.(response(all))).toEqual({ remaining: 9988 });
    expect(bucket('minute').observe?.(response({ 'x-daylimit-remaining': '1' }))).toBeUndefined();
    expect(bucket('day').observe?.(response({ 'x-daylimit-remaining': 'many' }))).toBeUndefined();
  });

  it('a user’s minute limit survives Xero’s answers, which state no limit (a stated one would override it)', () => {
    // A tenant whose plan allows 100 a minute; the concurrent cap is dropped to count the window alone.
    const limiter = createRateLimiter(xeroLimits, { buckets: { minute: { limit: 100 }, concurrent: false } });
    let admitted = 0;
    let got = limiter.acquire(request());
    for (; isPermit(got) && admitted < 200; got = limiter.acquire(request())) {
      admitted++;
      got.release(response({ 'x-minlimit-remaining': String(100 - admitted) }));
    }
    if (!isPermit(got)) got.catch(() => undefined);
    void limiter.close();
    expect(admitted).toBe(100);
  });
});

describe('a 429 pauses the bucket of the limit Xero names, for its Retry-After', () => {
  const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
  /** The throttle core hands the limiter for a fixture (client/run-call.ts), from Rosetta's reading of it. */
  const answered = (name: string): LimitResponse => {
    const f = fixtures.find((x) => x.name === name) as AdapterFixture;
    const error = normalizeResponse(xero, { ...f.response, method: 'GET', url: `${xero.baseUrl}${f.request.path}` });
    if (error === null || (error.kind !== 'rate_limited' && error.kind !== 'quota_exceeded')) throw new Error(name);
    const hints = {
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      ...(error.rateLimit?.scope === undefined ? {} : { scope: error.rateLimit.scope }),
      ...(error.code === undefined ? {} : { code: error.code }),
    };
    return {
      ...response(f.response.headers as Record<string, string>),
      status: 429,
      throttle: { kind: error.kind, ...hints },
    };
  };

  // [fixture, bucket, pause]: minute and day send Retry-After ("If you have exceed the minute or daily limit you will
  // also receive a Retry-After"); the app minute limit need not, and core's default pause applies.
  it.each([
    ['rate-limited-minute-429', 'minute', 37_000],
    ['quota-day-spent-429', 'day', 66_975_000],
    ['rate-limited-app-minute-429', 'app-minute', DEFAULT_THROTTLE_PAUSE_MS],
  ] as const)('%s', (name, id, pauseMs) => {
    const throttle = answered(name);
    const owner = xeroLimits[ownerOf(xeroLimits, throttle)];
    expect(owner?.id).toBe(id);
    expect(pauseMsOf(owner ?? bucket(id), throttle)).toBe(pauseMs);
  });
});
