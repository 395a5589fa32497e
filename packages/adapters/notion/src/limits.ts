import type { BucketDefinition } from '@rosetta/core';

// "The rate limit for incoming requests per connection is an average of three requests per second. Some bursts
// beyond the average rate are allowed." Notion sends no rate-limit state headers, only Retry-After on a 429.
const DOCS = 'https://developers.notion.com/reference/request-limits';

/**
 * Notion's per-connection limit (one bucket per token): a token bucket refilled at the documented average of 3
 * requests per second. The size of the allowed bursts is not documented, so the capacity is one second of tokens;
 * a workspace-wide limit shared by all connections has no published number and is learned from its 429s, which
 * pause this bucket until Retry-After.
 *
 * @example
 * createClient(notion, { rateLimit: { buckets: { connection: { ratePerSec: 2, burst: 2 } } } });
 */
export const notionLimits: readonly BucketDefinition[] = [
  { id: 'connection', model: 'token-bucket', ratePerSec: 3, burst: 3, source: DOCS },
];
