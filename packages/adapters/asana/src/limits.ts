import type { BucketDefinition, LimitRequest } from '@rosetta/core';

// "Limits are allocated per authorization token." Standard: a quota per minute-long window, "evaluated more
// frequently than once per minute", Free 150 and Paid 1,500 requests per minute; search 60 per minute; concurrent:
// 50 reads (GET) and 15 writes (POST, PUT, PATCH, DELETE) in flight, independent of each other. Every limiter answers
// 429 with Retry-After in seconds; rejected requests "still count against the quotas". Asana sends no state headers.
const DOCS = 'https://developers.asana.com/docs/rate-limits';

// Search tasks in a workspace: GET /workspaces/{workspace_gid}/tasks/search (developer-docs defs/asana_oas.yaml).
const SEARCH = /^\/workspaces\/[^/]+\/tasks\/search\/?$/;
const isRead = (r: LimitRequest): boolean => r.method === 'GET' || r.method === 'HEAD' || r.method === 'OPTIONS';

/**
 * Asana's documented limits per token, at the free domain's numbers (the safe default; a paid domain raises
 * `standard` to 1,500):
 *
 * - `standard`: 150 requests a minute, a sliding window, since Asana re-evaluates its per-minute quota continuously;
 * - `search`: 60 searches a minute on top of it; a search's 429 pauses searches, not the token's other calls;
 * - `concurrent-reads` / `concurrent-writes`: 50 GETs and 15 writes in flight.
 *
 * The cost limiter has no published number and the duplication endpoints' 5 concurrent jobs count jobs, not
 * requests: both are learned from their 429s, which pause `standard` until Retry-After.
 *
 * @example
 * // A paid (premium) domain:
 * createClient(asana, { auth: { token }, rateLimit: { buckets: { standard: { limit: 1_500 } } } });
 */
export const asanaLimits: readonly BucketDefinition[] = [
  { id: 'standard', model: 'sliding-window', limit: 150, windowMs: 60_000, source: DOCS },
  {
    id: 'search',
    model: 'sliding-window',
    limit: 60,
    windowMs: 60_000,
    source: DOCS,
    scope: (r) => (SEARCH.test(r.path) ? r.credentialKey : null),
    // Every limiter answers the same 429: on a search it is most likely the search limit (60, under the standard
    // 150), so it pauses searches only. Were it the standard quota, the next other call's 429 pauses `standard`.
    owns: (response) => response.throttle !== undefined,
  },
  {
    id: 'concurrent-reads',
    model: 'concurrency',
    maxInFlight: 50,
    source: DOCS,
    scope: (r) => (isRead(r) ? r.credentialKey : null),
  },
  {
    id: 'concurrent-writes',
    model: 'concurrency',
    maxInFlight: 15,
    source: DOCS,
    scope: (r) => (isRead(r) ? null : r.credentialKey),
  },
];
