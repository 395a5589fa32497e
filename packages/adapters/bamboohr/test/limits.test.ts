import type { LimitRequest, LimitResponse, LimitThrottle } from '@rosetta/core';
import { uncitedBuckets } from '@rosetta/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createLimiter } from '../../../core/src/limit/create-limiter';
import { isPermit, type Limiter } from '../../../core/src/limit/types';
import { bamboohrLimits } from '../src/limits';

const request = (credentialKey = 'key-a'): LimitRequest => ({
  method: 'GET',
  path: '/api/gateway.php/acme/v1/employees/1',
  route: '/api/gateway.php/{company}/v1/employees/{id}',
  query: undefined,
  body: undefined,
  credentialKey,
});

const answer = (status: number, throttle?: LimitThrottle): LimitResponse => ({
  status,
  headers: {},
  body: undefined,
  now: Date.now(),
  rateLimit: undefined,
  throttle,
});

let limiter: Limiter | undefined;
afterEach(async () => {
  await limiter?.close();
});

/** A limiter on BambooHR's buckets whose first call got `response`. */
function after(response: LimitResponse): Limiter {
  limiter = createLimiter(bamboohrLimits, { maxQueued: 100, maxHoldMs: 600_000 });
  if (limiter === undefined) throw new Error('no limiter');
  const first = limiter.acquire(request());
  if (!isPermit(first)) throw new Error('the first call waited');
  first.release(response);
  return limiter;
}

/** Whether a call goes at once; a held one is let go (the limiter's close rejects it). */
function goesAtOnce(l: Limiter, r: LimitRequest): boolean {
  const got = l.acquire(r);
  if (isPermit(got)) {
    got.release(answer(200));
    return true;
  }
  got.catch(() => undefined);
  return false;
}

describe('bamboohrLimits', () => {
  it('every bucket cites the https page its numbers come from', () => {
    expect(uncitedBuckets(bamboohrLimits)).toEqual([]);
  });

  it('never paces by count: BambooHR publishes no number', () => {
    const l = after(answer(200));
    expect(Array.from({ length: 5_000 }, () => goesAtOnce(l, request())).every(Boolean)).toBe(true);
  });

  it("pauses every call of the credential for a throttled answer's Retry-After, not another credential's", () => {
    const l = after(answer(429, { kind: 'rate_limited', retryAfterMs: 30_000 }));
    expect(goesAtOnce(l, request())).toBe(false);
    expect(goesAtOnce(l, request('key-b'))).toBe(true);
  });

  it("blocks nothing for the plan's employee limit (a quota, not throttling)", () => {
    const l = after(answer(429, { kind: 'quota_exceeded' }));
    expect(goesAtOnce(l, request())).toBe(true);
  });
});
