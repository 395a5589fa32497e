import { defineAdapter } from '@rosetta/core';
import { classifyStripe } from './classify-stripe';
import { stripeLimits } from './limits';
import { readStripeSdkError } from './stripe-sdk-error';

/**
 * The Stripe adapter: form-encoded bodies, an `Idempotency-Key` on every POST, `Stripe-Should-Retry`
 * as the last word on retrying, and Stripe's status/type/code rules as the official SDKs apply them.
 *
 * @example
 * const client = createClient(stripe, { auth: { apiKey: process.env.STRIPE_API_KEY } });
 * await client.post('/v1/customers', { body: { email: 'a@b.co', metadata: { plan: 'pro' } } });
 */
export const stripe = defineAdapter({
  id: 'stripe',
  displayName: 'Stripe',
  docsUrl: 'https://docs.stripe.com/api',
  baseUrl: 'https://api.stripe.com',
  // Bearer is what the SDKs send; Stripe also takes the key as the basic-auth username (`curl -u sk_...:`).
  auth: [{ type: 'bearer' }, { type: 'basic' }],
  requestIdHeaders: ['request-id'],
  retryHintHeaders: ['stripe-should-retry'],
  // Which limiter refused a 429 (docs.stripe.com/rate-limits): the limits' `owns` pause that bucket alone.
  rateLimitHeaders: { scope: 'stripe-rate-limited-reason' },
  bodyEncoding: 'form',
  idempotency: { header: 'Idempotency-Key', methods: ['POST'], generate: true },
  // stripe-node src/stripe.core.ts: INITIAL_NETWORK_RETRY_DELAY_SEC 0.5, MAX_NETWORK_RETRY_DELAY_SEC 5.
  retry: { baseDelayMs: 500, maxDelayMs: 5_000 },
  // docs.stripe.com/rate-limits: 100 req/s live, 25 in sandboxes, and 25 req/s per endpoint by default.
  limits: stripeLimits,
  // Test-mode keys have their own, lower limits (docs.stripe.com/rate-limits).
  credentialTag: (key) => (/^[rs]k_test_/.test(key) ? 'test' : 'live'),
  pagination: {
    type: 'has-more',
    hasMorePath: ['has_more'],
    itemsPath: ['data'],
    idField: 'id',
    cursorParam: 'starting_after',
  },
  classify: classifyStripe,
  sdkError: readStripeSdkError,
});
