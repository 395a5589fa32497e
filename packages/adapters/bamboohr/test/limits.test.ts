import type { LimitRequest, LimitResponse, LimitThrottle } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bamboohrLimits } from '../src/limits';

const harness = limiterHarness(bamboohrLimits);
const request = (credentialKey = 'key-a') =>
  harness.request('GET', '/api/gateway.php/acme/v1/employees/1', {
    route: '/api/gateway.php/{company}/v1/employees/{id}',
    credentialKey,
  });
type Limiter = ReturnType<typeof harness.limiter>;

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
  limiter = harness.limiter();
  harness.take(limiter, request()).release(response);
  return limiter;
}

/** Whether a call goes at once (its permit given back with a 200); a held one is let go. */
function goesAtOnce(l: Limiter, r: LimitRequest): boolean {
  const permit = harness.admit(l, r);
  permit?.release(answer(200));
  return permit !== undefined;
}

describe('bamboohrLimits', () => {
  it('every bucket cites the https page its numbers come from', () => {
    expect(uncitedBuckets(bamboohrLimits)).toEqual([]);
  });

  it('never paces by count before a 429 (BambooHR publishes no number), only probes with a few calls in flight', () => {
    const l = after(answer(200));
    expect(Array.from({ length: 5_000 }, () => goesAtOnce(l, request())).every(Boolean)).toBe(true);
    // 5,001 clean answers: the probe allows 250 in flight; the next waits for an answer.
    const held = Array.from({ length: 250 }, () => harness.admit(l, request()));
    expect(held.every((p) => p !== undefined)).toBe(true);
    expect(harness.admit(l, request())).toBeUndefined();
    for (const p of held) p?.release(answer(200));
  });

  it('learns the window from its first 429 and then paces at it', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      limiter = harness.limiter();
      for (let i = 0; i < 3; i++) harness.take(limiter, request()).release(answer(200));
      harness.take(limiter, request()).release(answer(429, { kind: 'rate_limited', retryAfterMs: 1_000 }));
      vi.setSystemTime(1_001_100);
      // Three calls per second learned: after the pause three go at once, the fourth waits for the window.
      const three = [0, 1, 2].map(() => harness.admit(limiter as Limiter, request()));
      expect(three.every((p) => p !== undefined)).toBe(true);
      for (const p of three) p?.release(answer(200));
      expect(harness.admit(limiter, request())).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
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
