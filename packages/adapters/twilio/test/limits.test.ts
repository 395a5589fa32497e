import type { LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { twilioLimits } from '../src/limits';

const harness = limiterHarness(twilioLimits);
const request = (credentialKey: string) =>
  harness.request('POST', '/2010-04-01/Accounts/ACFAKE/Messages.json', {
    route: '/2010-04-01/Accounts/{sid}/Messages.json',
    credentialKey,
  });

const answer = (status: number, scope?: string): LimitResponse => ({
  status,
  headers: {},
  body: undefined,
  now: 0,
  rateLimit: undefined,
  throttle: status === 429 ? { kind: 'rate_limited', ...(scope === undefined ? {} : { scope }) } : undefined,
});

/** Takes every permit the limiter grants at once for `key`; the call that had to wait is let go. */
function takeAll(limiter: ReturnType<typeof harness.limiter>, key: string) {
  const permits = [];
  for (let got = harness.admit(limiter, request(key)); got !== undefined && permits.length <= 1_000; ) {
    permits.push(got);
    got = harness.admit(limiter, request(key));
  }
  return permits;
}

describe('twilioLimits', () => {
  it('every bucket is valid and cites the 20429 page and the official SDK', () => {
    expect(uncitedBuckets(twilioLimits)).toEqual([]);
    for (const bucket of twilioLimits) {
      expect(validateBucket(bucket).source).toContain('https://www.twilio.com/docs/api/errors/20429');
      expect(bucket.source).toContain('twilio-node');
    }
  });

  it('admits 20 requests in flight per credential, as the official SDK sends them', () => {
    const limiter = harness.limiter();
    expect(takeAll(limiter, 'account-a')).toHaveLength(20);
    expect(takeAll(limiter, 'account-b')).toHaveLength(20);
    void limiter.close();
  });

  it('takes a 20429 (scope concurrency) as its own: its calls are held, the others of the account wait', () => {
    const limiter = harness.limiter();
    const permits = takeAll(limiter, 'account-a');
    expect(permits[0]?.release(answer(429, 'concurrency'))).toBe(true);
    for (const permit of permits.slice(1)) expect(permit.release(answer(200))).toBe(false);
    expect(takeAll(limiter, 'account-a')).toHaveLength(0);
    expect(takeAll(limiter, 'account-b')).toHaveLength(20);
    void limiter.close();
  });
});

describe('twilioLimits ownership', () => {
  it('pauses the account for a 20429 only: a Verify quota answer pauses nothing', async () => {
    const request = harness.request('POST', '/v2/Services/VA1/Verifications', { route: '/', credentialKey: 'ac' });
    const answer = (throttle: { kind: 'rate_limited' | 'quota_exceeded'; scope?: string; retryAfterMs?: number }) => ({
      status: 429,
      headers: {},
      body: undefined,
      now: Date.now(),
      rateLimit: undefined,
      throttle,
    });
    const limiter = harness.limiter();
    expect(harness.take(limiter, request).release(answer({ kind: 'quota_exceeded', retryAfterMs: 600_000 }))).toBe(
      false,
    );
    harness.take(limiter, request).release(answer({ kind: 'rate_limited', scope: 'concurrency', retryAfterMs: 5_000 }));
    expect(harness.admit(limiter, request)).toBeUndefined();
    await limiter.close();
  });
});
