import type { LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { airtableLimits, baseOf } from '../src/limits';

const BASE_A = 'appFAKE000000000A';
const BASE_B = 'appFAKE000000000B';

const harness = limiterHarness(airtableLimits);
const { burst } = harness;
const request = (path: string, credentialKey = 'token-a') => harness.request('GET', path, { credentialKey });

afterEach(() => {
  vi.useRealTimers();
});

describe('airtableLimits', () => {
  it('every bucket is valid and cites Airtable’s API call limits page', () => {
    expect(uncitedBuckets(airtableLimits)).toEqual([]);
    for (const bucket of airtableLimits) {
      expect(validateBucket(bucket).source).toBe(
        'https://support.airtable.com/docs/managing-api-call-limits-in-airtable',
      );
    }
  });

  it('finds the base in records, schema and webhook paths, and none in calls that address no base', () => {
    expect(baseOf(request(`/v0/${BASE_A}/Tasks/recFAKE0000000001`))).toBe(BASE_A);
    expect(baseOf(request(`/v0/meta/bases/${BASE_A}/tables`))).toBe(BASE_A);
    expect(baseOf(request(`/v0/bases/${BASE_A}/webhooks`))).toBe(BASE_A);
    expect(baseOf(request(`/v0/${BASE_A}`))).toBe(BASE_A);
    expect(baseOf(request('/v0/meta/bases'))).toBeUndefined();
    expect(baseOf(request('/v0/meta/whoami'))).toBeUndefined();
    // A table named like a base id but of another length is not one.
    expect(baseOf(request('/v0/meta/appTooShort'))).toBeUndefined();
  });

  it('admits 5 calls per base at once, shared by every token, each base apart', () => {
    expect(
      burst([
        request(`/v0/${BASE_A}/Tasks`),
        request(`/v0/${BASE_A}/Tasks`, 'token-b'),
        request(`/v0/${BASE_B}/Tasks`),
      ]),
    ).toEqual([5, 0, 5]);
  });

  it('admits 50 calls per token at once across bases', () => {
    const bases = Array.from({ length: 12 }, (_, i) => `/v0/appFAKE00000000${String(i).padStart(2, '0')}/Tasks`);
    // One limiter: after token-a's 50, token-b still has its own 50.
    const admitted = burst([...bases.map((path) => request(path)), request('/v0/meta/bases', 'token-b')]);
    expect(admitted.slice(0, -1).reduce((a, b) => a + b, 0)).toBe(50);
    expect(admitted.at(-1)).toBe(50);
  });

  it('never sends more than 5 calls per base, nor 50 per token, in any second (a 429 costs 30 s)', async () => {
    vi.useFakeTimers({ now: 0 });
    const on = harness.limiter();
    const ok = (): LimitResponse => ({
      status: 200,
      headers: {},
      body: undefined,
      now: Date.now(),
      rateLimit: undefined,
      throttle: undefined,
    });
    const sent: { at: number; base: string }[] = [];
    // 20 calls on one base and 6 on each of 12 others, all at once; each answered as soon as it is sent.
    const paths = [
      ...Array.from({ length: 20 }, () => BASE_A),
      ...Array.from({ length: 72 }, (_, i) => `appFAKE00000000${String(i % 12).padStart(2, '0')}`),
    ];
    for (const base of paths) {
      void Promise.resolve(on.acquire(request(`/v0/${base}/Tasks`))).then((permit) => {
        sent.push({ at: Date.now(), base });
        permit.release(ok());
      });
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(paths.length);
    const within = (at: number, base?: string): number =>
      sent.filter((s) => s.at > at - 1_000 && s.at <= at && (base === undefined || s.base === base)).length;
    expect(Math.max(...sent.map((s) => within(s.at, s.base)))).toBeLessThanOrEqual(5);
    expect(Math.max(...sent.map((s) => within(s.at)))).toBeLessThanOrEqual(50);
    await on.close();
  });

  it('holds a base for the whole 30-second penalty after its 429, other bases going on', async () => {
    vi.useFakeTimers({ now: 0 });
    const on = harness.limiter();
    const throttled: LimitResponse = {
      status: 429,
      headers: {},
      body: undefined,
      now: Date.now(),
      rateLimit: undefined,
      throttle: { kind: 'rate_limited', retryAfterMs: 30_000 },
    };
    harness.take(on, request(`/v0/${BASE_A}/Tasks`)).release(throttled);
    let resumed = false;
    const next = on.acquire(request(`/v0/${BASE_A}/Tasks`));
    expect(next).toBeInstanceOf(Promise);
    void Promise.resolve(next).then((permit) => {
      resumed = true;
      permit.release(undefined);
    });
    expect(harness.admit(on, request(`/v0/${BASE_B}/Tasks`))).toBeDefined();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(resumed).toBe(false);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(resumed).toBe(true);
    await on.close();
  });
});
