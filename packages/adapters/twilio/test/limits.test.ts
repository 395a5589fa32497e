import type { LimitRequest, LimitResponse } from '@rosetta/core';
import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../core/src/limit/create-limiter';
import { isPermit, type Permit } from '../../../core/src/limit/types';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { twilioLimits } from '../src/limits';

const request = (credentialKey: string): LimitRequest => ({
  method: 'POST',
  path: '/2010-04-01/Accounts/ACFAKE/Messages.json',
  route: '/2010-04-01/Accounts/{sid}/Messages.json',
  query: undefined,
  body: undefined,
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

/** Takes every permit the limiter grants at once for `key`; the call that had to wait is dropped. */
function takeAll(limiter: NonNullable<ReturnType<typeof createLimiter>>, key: string): Permit[] {
  const permits: Permit[] = [];
  for (let got = limiter.acquire(request(key)); ; got = limiter.acquire(request(key))) {
    if (!isPermit(got)) {
      got.catch(() => undefined);
      return permits;
    }
    permits.push(got);
    if (permits.length > 1_000) return permits;
  }
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
    const limiter = createLimiter(twilioLimits, { maxQueued: 1_000, maxHoldMs: 60_000 });
    if (limiter === undefined) throw new Error('no limiter');
    expect(takeAll(limiter, 'account-a')).toHaveLength(20);
    expect(takeAll(limiter, 'account-b')).toHaveLength(20);
    void limiter.close();
  });

  it('takes a 20429 (scope concurrency) as its own: its calls are held, the others of the account wait', () => {
    const limiter = createLimiter(twilioLimits, { maxQueued: 1_000, maxHoldMs: 60_000 });
    if (limiter === undefined) throw new Error('no limiter');
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
    const request = {
      method: 'POST',
      path: '/v2/Services/VA1/Verifications',
      route: '/',
      query: undefined,
      body: undefined,
      credentialKey: 'ac',
    };
    const answer = (throttle: { kind: 'rate_limited' | 'quota_exceeded'; scope?: string; retryAfterMs?: number }) => ({
      status: 429,
      headers: {},
      body: undefined,
      now: Date.now(),
      rateLimit: undefined,
      throttle,
    });
    const limiter = createLimiter(twilioLimits, { maxQueued: 10, maxHoldMs: 60_000 });
    if (limiter === undefined) throw new Error('no limiter');
    const first = limiter.acquire(request);
    if (!isPermit(first)) throw new Error('waited');
    expect(first.release(answer({ kind: 'quota_exceeded', retryAfterMs: 600_000 }))).toBe(false);
    const second = limiter.acquire(request);
    expect(isPermit(second)).toBe(true);
    if (isPermit(second)) second.release(answer({ kind: 'rate_limited', scope: 'concurrency', retryAfterMs: 5_000 }));
    const third = limiter.acquire(request);
    expect(isPermit(third)).toBe(false);
    if (!isPermit(third)) third.catch(() => undefined);
    await limiter.close();
  });
});
