import type { LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { ALLOCATION_PROBE_MS, readApiUsage, salesforceLimits } from '../src/limits';

const harness = limiterHarness(salesforceLimits);
const request = harness.request('GET', '/sobjects/Account');
const response = (headers: Record<string, string>, now = 1_000): LimitResponse => ({
  status: 200,
  headers,
  body: undefined,
  now,
  rateLimit: undefined,
  throttle: undefined,
});
const daily = salesforceLimits.find((b) => b.id === 'daily');

describe('salesforceLimits', () => {
  it('one quota bucket of 15,000 calls per 24 h, citing the allocation table and the header page', () => {
    expect(uncitedBuckets(salesforceLimits)).toEqual([]);
    expect(salesforceLimits).toHaveLength(1);
    const b = validateBucket(daily as NonNullable<typeof daily>);
    expect(b).toMatchObject({ model: 'quota', limit: 15_000, windowMs: 86_400_000 });
    expect(b.source).toContain('salesforce_app_limits_platform_api.htm');
    expect(b.source).toContain('headers_api_usage.htm');
  });

  it('reads api-usage=used/max as limit and remaining, with a reset one probe period ahead', () => {
    expect(daily?.observe?.(response({ 'sforce-limit-info': 'api-usage=25/15000' }))).toEqual({
      limit: 15_000,
      remaining: 14_975,
      resetAt: 1_000 + ALLOCATION_PROBE_MS,
    });
    // A paid org over its allocation (the docs' api-bursts example): nothing left, never a negative count.
    expect(
      daily?.observe?.(response({ 'sforce-limit-info': 'api-usage=110018/100000; api-bursts=1/750' }))?.remaining,
    ).toBe(0);
  });

  it('reads api-usage wherever it sits in the header, and nothing else as it', () => {
    expect(readApiUsage('per-app-api-usage=17/250(appName=x); api-usage=25/5000')).toEqual({ used: 25, max: 5000 });
    for (const odd of [undefined, '', 'per-app-api-usage=17/250', 'api-usage=1/0', 'api-usage=a/b', 'api-usage=-1/5'])
      expect(readApiUsage(odd)).toBeUndefined();
  });

  it('refuses calls at once when a response says the allocation is spent', async () => {
    const limiter = harness.limiter();
    harness.take(limiter, request).release(response({ 'sforce-limit-info': 'api-usage=15000/15000' }, Date.now()));
    const second = limiter.acquire(request);
    expect(second).toBeInstanceOf(Promise);
    await expect(second).rejects.toMatchObject({ reason: 'quota' });
    await limiter.close();
  });
});
