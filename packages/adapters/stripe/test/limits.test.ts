import type { LimitRequest } from '@rosetta/core';
import { createLimiter } from '../../../core/src/limit/create-limiter';
import { isPermit } from '../../../core/src/limit/types';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { describe, expect, it } from 'vitest';
import { stripeLimits } from '../src/limits';

const request = (credentialTag?: string): LimitRequest => ({
  method: 'GET',
  path: '/v1/charges',
  route: '/v1/charges',
  query: undefined,
  body: undefined,
  credentialKey: 'acct',
  ...(credentialTag === undefined ? {} : { credentialTag }),
});

/** Calls admitted at once (no time passes). */
function burst(tag?: string): number {
  const limiter = createLimiter(stripeLimits, { maxQueued: 1_000, maxHoldMs: 60_000 });
  if (limiter === undefined) throw new Error('no limiter');
  let n = 0;
  let got = limiter.acquire(request(tag));
  for (; isPermit(got); got = limiter.acquire(request(tag))) n++;
  // The call that had to wait is rejected by close(); that is expected here.
  got.catch(() => undefined);
  void limiter.close();
  return n;
}

describe('stripeLimits', () => {
  it('every bucket is valid and cites Stripe’s rate-limit page', () => {
    for (const bucket of stripeLimits)
      expect(validateBucket(bucket).source).toBe('https://docs.stripe.com/rate-limits');
  });

  it('live mode: 100 per second; test mode (credentialTag test): 25', () => {
    expect(burst()).toBe(100);
    expect(burst('live')).toBe(100);
    expect(burst('test')).toBe(25);
  });
});
