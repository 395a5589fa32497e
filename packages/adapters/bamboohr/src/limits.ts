import type { BucketDefinition, LimitResponse } from '@rosetta/core';

// "API requests can be throttled if BambooHR deems them to be too frequent" (api-details); "Beginning September 16,
// 2026, BambooHR API requests that exceed a rate limit will return HTTP 429 ... Every rate-limited response includes
// a Retry-After header ... Rate limits stay the same" (planned-changes-to-the-api). No number is published.
const DOCS = 'https://documentation.bamboohr.com/docs/planned-changes-to-the-api';

/**
 * BambooHR's rate limit, which it does not publish: one bucket per credential whose count never paces (the
 * window's limit is the largest safe integer, not a claimed number), so that a throttled answer's `Retry-After`
 * pauses every call of that credential, not only the one that was refused. It owns throttling answers only: the
 * plan's employee limit (a 429 without `Retry-After`, `quota_exceeded`) blocks nothing else. Users who know their
 * pace set a real one.
 *
 * @example
 * createClient(bamboohr, { rateLimit: { buckets: { api: { limit: 5, windowMs: 1_000 } } } });
 */
export const bamboohrLimits: readonly BucketDefinition[] = [
  {
    id: 'api',
    model: 'fixed-window',
    limit: Number.MAX_SAFE_INTEGER,
    windowMs: 1_000,
    source: DOCS,
    owns: (response: LimitResponse) => response.throttle?.kind === 'rate_limited',
  },
];
