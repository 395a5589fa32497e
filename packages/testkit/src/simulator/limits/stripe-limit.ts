import type { StripeLimitModel } from '../types';
import { createLeakyBucket } from './leaky-bucket';
import type { LimitRuntime } from './limit-runtime';

// https://docs.stripe.com/rate-limits: "Live mode: 100 operations" per second, "We enforce several
// API limiters, including rate and concurrency limiters"; a limited request gets HTTP 429 with
// error code `rate_limit` (https://docs.stripe.com/error-codes#rate-limit) and no rate-limit
// headers or Retry-After. The algorithm is not published: a token bucket models "N per second
// with some burst".
const BODY = {
  error: {
    type: 'invalid_request_error',
    code: 'rate_limit',
    message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
  },
};

/**
 * Stripe's per-account rate limiter as a token bucket (burst `burst`, refilling `ratePerSec`).
 *
 * @example
 * createStripeLimit({ model: 'stripe', ratePerSec: 100, burst: 10 });
 */
export function createStripeLimit(spec: StripeLimitModel): LimitRuntime {
  const bucket = createLeakyBucket(spec.burst, spec.ratePerSec);
  return {
    admit(_request, now) {
      if (bucket.take(now).allowed) return { headers: {} };
      return { headers: {}, refusal: { answer: { status: 429, headers: {}, body: BODY }, by: 'rate' } };
    },
  };
}
