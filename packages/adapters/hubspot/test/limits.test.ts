import type { LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { hubspotLimits } from '../src/limits';

const harness = limiterHarness(hubspotLimits, { request: { credentialKey: 'tok' } });
const contacts = harness.request('GET', '/crm/v3/objects/contacts');
const search = harness.request('POST', '/crm/v3/objects/contacts/search');

const response = (headers: Record<string, string>): LimitResponse => ({
  status: 200,
  headers,
  body: undefined,
  now: 0,
  rateLimit: undefined,
  throttle: undefined,
});
const bucket = (id: string) => hubspotLimits.find((b) => b.id === id);

afterEach(() => {
  vi.useRealTimers();
});

describe('hubspotLimits', () => {
  it('every bucket is valid and cites the usage guidelines', () => {
    expect(uncitedBuckets(hubspotLimits)).toEqual([]);
    for (const b of hubspotLimits) {
      expect(validateBucket(b).source).toContain(
        'https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines',
      );
    }
  });

  it('admits 100 CRM calls per 10 s and 4 searches at once: search is exempt from the burst, not from the day', () => {
    // Each on a fresh limiter: the search calls are not held back by the burst window's count.
    expect(harness.burst([contacts])).toEqual([100]);
    expect(harness.burst([search])).toEqual([4]);
    expect(hubspotLimits.map((b) => [b.id, b.scope?.(contacts) ?? null, b.scope?.(search) ?? null])).toEqual([
      ['burst', 'tok', null],
      ['search', null, 'tok'],
      ['daily', null, null],
    ]);
    // The daily quota has no scope function: one key per credential, for every request.
    expect(bucket('daily')?.model).toBe('quota');
  });

  it('reads the burst from Max/Remaining and the day from Daily/Daily-Remaining, never one as the other', () => {
    const headers = {
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-remaining': '12',
      'x-hubspot-ratelimit-daily': '625000',
      'x-hubspot-ratelimit-daily-remaining': '600000',
    };
    expect(bucket('burst')?.observe?.(response(headers))).toEqual({ limit: 190, remaining: 12 });
    expect(bucket('daily')?.observe?.(response(headers))).toEqual({ limit: 625_000, remaining: 600_000 });
    expect(bucket('search')?.observe?.(response(headers))).toBeUndefined();
    // OAuth calls carry no daily pair; garbage counts as absent.
    expect(bucket('daily')?.observe?.(response({ 'x-hubspot-ratelimit-max': '100' }))).toBeUndefined();
    expect(
      bucket('burst')?.observe?.(response({ 'x-hubspot-ratelimit-max': '1e3', 'x-hubspot-ratelimit-remaining': '-1' })),
    ).toBeUndefined();
  });

  it('burst rolls (TEN_SECONDLY_ROLLING) and rises to the plan its headers state: 190 in any 10 s, none beyond', async () => {
    vi.useFakeTimers({ now: 0 });
    const limiter = harness.limiter();
    const plan = (remaining: number) => ({
      ...response({ 'x-hubspot-ratelimit-max': '190', 'x-hubspot-ratelimit-remaining': String(remaining) }),
      now: Date.now(),
    });
    // The first answer states the Professional plan, above the declared 100.
    harness.take(limiter, contacts).release(plan(189));
    vi.setSystemTime(5_000);
    for (let i = 0; i < 189; i++) harness.take(limiter, contacts).release(plan(188 - i));
    let grantedAt: number | undefined;
    void Promise.resolve(limiter.acquire(contacts)).then((p) => {
      grantedAt = Date.now();
      p.release(plan(0));
    });
    const second = Promise.resolve(limiter.acquire(contacts));
    // The 191st goes when the first call leaves the rolling window; the 192nd waits for the calls of 5 s. A fixed
    // window would let 190 fresh calls through at 10 s, on top of the 189 HubSpot still counts.
    await vi.advanceTimersByTimeAsync(4_999);
    expect(grantedAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(grantedAt).toBe(10_000);
    let secondAt: number | undefined;
    void second.then((p) => {
      secondAt = Date.now();
      p.release(plan(0));
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(secondAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(secondAt).toBe(15_000);
    void limiter.close();
  });
});
