import type { BucketDefinition } from '@rosetta/core';

// Buckets a user of the generic adapter declares (`rateLimit.extra`) for a provider the benchmark simulates
// without an adapter of its own, with the numbers of the simulated model: what a user who knows their plan writes.

const TWILIO_DOCS = 'https://www.twilio.com/docs/errors/20429';

/** Twilio-style concurrency cap (the number comes from the account, Twilio does not publish it). */
export function concurrencyBucket(maxInFlight: number): BucketDefinition {
  return { id: 'concurrency', model: 'concurrency', maxInFlight, source: TWILIO_DOCS };
}
