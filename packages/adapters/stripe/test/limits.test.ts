import type { LimitResponse } from '@rosetta/core';
import { createClient } from '@rosetta/core';
import { createScriptedFetch, limiterHarness } from '@rosetta/testkit';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { describe, expect, it, vi } from 'vitest';
import { stripe } from '../src/index';
import { stripeLimits } from '../src/limits';

const harness = limiterHarness(stripeLimits, { request: { credentialKey: 'acct' } });
const { request, burst, limiter, take } = harness;

/** How many calls, each to an endpoint of its own (only the account-wide bucket binds), go at once. */
function accountBurst(extra?: Parameters<typeof request>[2]): number {
  const l = limiter();
  let n = 0;
  while (n < 1_000 && harness.admit(l, request('GET', `/v1/e${n}`, extra)) !== undefined) n++;
  void l.close();
  return n;
}

/** A 429 naming the limiter that refused it, as core reads `Stripe-Rate-Limited-Reason`. */
const throttled = (reason: string | undefined): LimitResponse => ({
  status: 429,
  headers: reason === undefined ? {} : { 'stripe-rate-limited-reason': reason },
  body: undefined,
  now: Date.now(),
  rateLimit: reason === undefined ? undefined : { scope: reason },
  throttle: { kind: 'rate_limited', code: 'rate_limit', ...(reason === undefined ? {} : { scope: reason }) },
});

describe('stripeLimits', () => {
  it('every bucket is valid and cites Stripe’s rate-limit page', () => {
    for (const bucket of stripeLimits)
      expect(validateBucket(bucket).source).toBe('https://docs.stripe.com/rate-limits');
  });

  it('live mode: 100 per second; test mode (credentialTag test): 25', () => {
    // Each on a fresh limiter: the tag alone decides the bucket.
    expect(accountBurst()).toBe(100);
    expect(accountBurst({ credentialTag: 'live' })).toBe(100);
    expect(accountBurst({ credentialTag: 'test' })).toBe(25);
  });

  it('one endpoint (method and route): 25 per second, whatever the object', () => {
    const l = limiter();
    let n = 0;
    const get = () => request('GET', `/v1/customers/cus_${n}`, { route: '/v1/customers/{id}' });
    while (n < 1_000 && harness.admit(l, get()) !== undefined) n++;
    void l.close();
    expect(n).toBe(25);
    expect(burst([request('POST', '/v1/customers'), request('GET', '/v1/customers')])).toEqual([25, 25]);
    // Meter events have a limit of their own, far above 25 per second.
    expect(burst([request('POST', '/v1/billing/meter_events')])).toEqual([100]);
  });

  it('Files API: 20 reads and 20 writes per second, shared by its endpoints; Search API: 20 reads', () => {
    const file = request('GET', '/v1/files/file_1', { route: '/v1/files/{id}' });
    const contents = request('GET', '/v1/files/file_1/contents', { route: '/v1/files/{id}/contents' });
    expect(burst([request('GET', '/v1/files'), file, contents, request('POST', '/v1/files')])).toEqual([20, 0, 0, 20]);
    // Other endpoints keep their own 25 and the account's 100 (meter events: no endpoint bucket either).
    expect(burst([file, request('GET', '/v1/file_links'), request('GET', '/v1/customers')])).toEqual([20, 25, 25]);
    const search = ['customers', 'charges', 'invoices'].map((api) => request('GET', `/v1/${api}/search`));
    expect(burst([...search, request('GET', '/v1/customers')])).toEqual([20, 0, 0, 25]);
  });

  it('the Files and Search limits apply per key: a live key and a test key of the account apart', () => {
    for (const path of ['/v1/files', '/v1/customers/search']) {
      const live = request('GET', path, { credentialKey: 'sk_live', credentialTag: 'live' });
      const test = request('GET', path, { credentialKey: 'sk_test', credentialTag: 'test' });
      expect(burst([live, test, request('GET', path, { credentialKey: 'other' })]), path).toEqual([20, 20, 20]);
    }
  });
});

describe('Stripe-Rate-Limited-Reason: the 429 pauses the limiter it names, no other', () => {
  const pi = request('POST', '/v1/payment_intents/pi_1');
  const otherObject = request('POST', '/v1/payment_intents/pi_2');
  const otherEndpoint = request('GET', '/v1/customers');

  it('endpoint-rate and endpoint-concurrency: that endpoint only', () => {
    for (const reason of ['endpoint-rate', 'endpoint-concurrency']) {
      const l = limiter();
      take(l, request('GET', '/v1/charges')).release(throttled(reason));
      expect(harness.admit(l, request('GET', '/v1/charges')), reason).toBeUndefined();
      expect(harness.admit(l, otherEndpoint), reason).toBeDefined();
      expect(harness.admit(l, request('POST', '/v1/charges')), reason).toBeDefined();
    }
  });

  it('resource-specific: that object only', () => {
    const l = limiter();
    take(l, pi).release(throttled('resource-specific'));
    expect(harness.admit(l, pi)).toBeUndefined();
    expect(harness.admit(l, otherObject)).toBeDefined();
    expect(harness.admit(l, otherEndpoint)).toBeDefined();
  });

  it('global-rate, global-concurrency, an unknown or no reason: the whole account', () => {
    for (const reason of ['global-rate', 'global-concurrency', 'something-new', undefined]) {
      const l = limiter();
      take(l, pi).release(throttled(reason));
      expect(harness.admit(l, otherEndpoint), String(reason)).toBeUndefined();
      expect(
        harness.admit(l, request('GET', '/v1/customers', { credentialKey: 'other' })),
        String(reason),
      ).toBeDefined();
    }
  });

  it('through a client: the header reaches the limiter as the throttle scope', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const t = createScriptedFetch([
        {
          status: 429,
          headers: { 'stripe-rate-limited-reason': 'endpoint-rate' },
          body: { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' } },
        },
        { status: 200, body: { object: 'list', data: [], has_more: false } },
      ]);
      const client = createClient(stripe, { auth: { apiKey: 'sk_live_limits_test' }, fetch: t.fetch, retry: false });
      await expect(client.get('/v1/charges')).rejects.toMatchObject({ kind: 'rate_limited', code: 'rate_limit' });
      const other = client.get('/v1/customers').catch((e: unknown) => e);
      // Not a second: the account-wide bucket, paused, would hold it a whole second.
      await vi.advanceTimersByTimeAsync(10);
      expect(t.log).toEqual(['START GET /v1/charges', 'START GET /v1/customers']);
      await other;
      await client.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
