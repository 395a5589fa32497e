import type { BucketDefinition, LimitRequest } from '@rosetta/core';

// "Live mode: 100 operations · Sandbox: 25 operations" per second, per account.
const DOCS = 'https://docs.stripe.com/rate-limits';

/** Test-mode keys (`sk_test_`, `rk_test_`) are tagged `'test'` by the client (`LimitRequest.credentialTag`). */
const isTestMode = (request: LimitRequest): boolean => request.credentialTag === 'test';

/**
 * Stripe's global rate limiter, per account: a token bucket of 100 operations per second in live
 * mode and 25 in test mode (sandbox). Stripe sends no state headers, so these numbers are all the
 * client knows until a 429 pauses the bucket. The capacity is one second of tokens.
 *
 * @example
 * createClient(stripe, { rateLimit: { buckets: { live: { ratePerSec: 50, burst: 50 } } } });
 */
export const stripeLimits: readonly BucketDefinition[] = [
  {
    id: 'live',
    model: 'token-bucket',
    ratePerSec: 100,
    burst: 100,
    source: DOCS,
    scope: (r) => (isTestMode(r) ? null : r.credentialKey),
  },
  {
    id: 'test',
    model: 'token-bucket',
    ratePerSec: 25,
    burst: 25,
    source: DOCS,
    scope: (r) => (isTestMode(r) ? r.credentialKey : null),
  },
];
