import { type BucketDefinition, type LimitResponse, undisclosedWindow } from '@rosetta/core';

// "API requests can be throttled if BambooHR deems them to be too frequent" (api-details); "Beginning September 16,
// 2026, BambooHR API requests that exceed a rate limit will return HTTP 429 ... Every rate-limited response includes
// a Retry-After header ... Rate limits stay the same" (planned-changes-to-the-api). No number is published.
const DOCS = 'https://documentation.bamboohr.com/docs/planned-changes-to-the-api';

/**
 * BambooHR's rate limit, which it does not publish: one undisclosed sliding window per credential (no `limit`, no
 * `windowMs`). Each credential probes with at most 4 calls in flight, growing by one per twenty clean answers, so
 * the first 429 refuses only the few calls in flight with it; that 429 teaches the window (the calls accepted
 * just before it, and the Retry-After) and the key paces at it from then on, pausing every call of the credential
 * for the Retry-After meanwhile. It owns throttling answers only: the plan's employee limit (a 429 without
 * `Retry-After`, `quota_exceeded`) blocks nothing else. Users who know their pace declare it (then nothing is
 * probed); cluster mode (Redis) does not learn undisclosed windows, so declare one there.
 *
 * @example
 * createClient(bamboohr, { rateLimit: { buckets: { api: { limit: 5, windowMs: 1_000 } } } });
 */
export const bamboohrLimits: readonly BucketDefinition[] = [
  undisclosedWindow({
    id: 'api',
    source: DOCS,
    owns: (response: LimitResponse) => response.throttle?.kind === 'rate_limited',
  }),
];
