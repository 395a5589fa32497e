import type { BucketDefinition, LimitRequest } from '@rosetta/core';

// "Airtable enforces a rate limit of 5 requests per second (per base) ... Additionally, there is a limit of 50
// requests per second for all traffic using personal access tokens from a given user or service account. If you
// exceed this rate, you will receive a 429 status code and must wait 30 seconds before subsequent requests will
// succeed." Airtable sends no rate-limit state headers and no Retry-After.
const DOCS = 'https://support.airtable.com/docs/managing-api-call-limits-in-airtable';

/**
 * The base a request addresses: records (`/v0/{baseId}/{table}`), schema (`/v0/meta/bases/{baseId}/tables`) and
 * webhooks (`/v0/bases/{baseId}/webhooks`) all name it as a path segment; base ids start with `app`.
 */
const BASE_ID = /\/(app[A-Za-z0-9]{14})(?=\/|$)/;

/** The base of a request, or undefined for calls that address none (`/v0/meta/bases`, `/v0/meta/whoami`). */
export const baseOf = (request: LimitRequest): string | undefined => BASE_ID.exec(request.path)?.[1];

/**
 * Airtable's two documented rate limits, as sliding windows: never more than the number in any second. Airtable
 * names no algorithm, and its 429 costs 30 seconds, so the declaration must hold against any reading of "5 requests
 * per second": a token bucket of 5 refilled at 5 per second sends 10 within the first second (the burst, then the
 * refill), which a fixed or sliding window of 5 refuses.
 *
 * - `base`: 5 requests per second per base, shared by every token that calls it, so its key is the base alone;
 * - `token`: 50 requests per second per credential, across bases.
 *
 * A 429 names neither, so the base bucket of a request takes the 30-second pause (the `token` bucket for calls that
 * address no base). The monthly call allowance of the Free and Team plans is per workspace and plan, which a
 * client cannot know; a spent one reads as `quota_exceeded` (see docs/providers/airtable.md to declare it).
 *
 * @example
 * createClient(airtable, { rateLimit: { buckets: { base: { limit: 4 } } } });
 */
export const airtableLimits: readonly BucketDefinition[] = [
  {
    id: 'base',
    model: 'sliding-window',
    limit: 5,
    windowMs: 1_000,
    source: DOCS,
    scope: (r) => baseOf(r) ?? null,
  },
  { id: 'token', model: 'sliding-window', limit: 50, windowMs: 1_000, source: DOCS },
];
