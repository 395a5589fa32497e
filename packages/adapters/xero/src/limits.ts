import type { BucketDefinition } from '@rosetta/core';

// The page of Xero's docs these numbers come from. test/limits.test.ts fails until it is an https URL
// (`uncitedBuckets`), so that a limit without its source never ships.
const DOCS = 'the https URL of the rate-limit page of the provider';

/**
 * Xero's documented limits, one bucket per limit (docs/writing-an-adapter.md, "Declaring limits"). The
 * scaffold's one bucket stands for the documented default: set its model and numbers from the cited page.
 *
 * @example
 * createClient(xero, { rateLimit: { buckets: { default: { ratePerSec: 5, burst: 5 } } } });
 */
export const xeroLimits: readonly BucketDefinition[] = [
  { id: 'default', model: 'token-bucket', ratePerSec: 10, burst: 10, source: DOCS },
];
