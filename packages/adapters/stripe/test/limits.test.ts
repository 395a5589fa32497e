import { limiterHarness } from '@rosetta/testkit';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { describe, expect, it } from 'vitest';
import { stripeLimits } from '../src/limits';

const { request, burst } = limiterHarness(stripeLimits, { request: { credentialKey: 'acct' } });

describe('stripeLimits', () => {
  it('every bucket is valid and cites Stripe’s rate-limit page', () => {
    for (const bucket of stripeLimits)
      expect(validateBucket(bucket).source).toBe('https://docs.stripe.com/rate-limits');
  });

  it('live mode: 100 per second; test mode (credentialTag test): 25', () => {
    // Each on a fresh limiter: the tag alone decides the bucket.
    expect(burst([request('GET', '/v1/charges')])).toEqual([100]);
    expect(burst([request('GET', '/v1/charges', { credentialTag: 'live' })])).toEqual([100]);
    expect(burst([request('GET', '/v1/charges', { credentialTag: 'test' })])).toEqual([25]);
  });
});
