import type { BucketDefinition } from '@rosetta/core';
import { EXPORT_JOBS, RESOURCE } from './classify-intercom';

// "Private apps have a default rate limit of 10,000 API calls per minute per app and 25,000 API calls per minute per
// workspace"; public apps "10,000 API calls per minute for each app"; the minute is evenly distributed into 10-second
// windows ("a rate limit of 1000 per minute, which is 167 per 10-second window"). Authenticated answers carry
// X-RateLimit-Limit / -Remaining / -Reset (UNIX seconds) for the current window.
const DOCS = 'https://developers.intercom.com/docs/references/2.17/rest-api/errors/rate-limiting';
// "You can only have one active job per workspace. You will receive a HTTP status code of 429 with the message
// Exceeded rate limit of 1 pending message data export jobs if you attempt to create a second concurrent job."
const EXPORT_DOCS =
  'https://github.com/intercom/Intercom-OpenAPI/blob/main/descriptions/2.16/api.intercom.io.yaml (POST /export/content/data, POST /export/reporting_data/enqueue 429)';

const ERROR_CODES = 'https://developers.intercom.com/docs/references/2.17/rest-api/errors/error-codes';

/** The requests that start an export job: content data (one active per workspace) and reporting data (five). */
const STARTS_EXPORT = /^\/export\/(?:content\/data|reporting_data\/enqueue)\/?$/;

/**
 * Intercom's limits:
 *
 * - `app`: the app's 10,000 calls a minute as Intercom enforces them, 1,666 per 10-second window (10,000 / 6,
 *   rounded down), one window per access token; `X-RateLimit-*` on every authenticated answer replaces these numbers
 *   with the app's real ones (a workspace's custom limit, or the 25,000 a minute its private apps share).
 * - `export-jobs`: one export-starting request at a time per token, and the owner of the "pending ... export jobs"
 *   429, so that a job still running pauses only new exports, never the app's window.
 * - `resource`: one key per token and path, paused by a `too_many_requests` 429 ("too many requests for this
 *   resource"), so that only that resource waits.
 *
 * @example
 * // An app whose X-RateLimit-Limit says 167 (1,000 a minute) from the first call on:
 * createClient(intercom, { auth: { token }, rateLimit: { buckets: { app: { limit: 167 } } } });
 */
export const intercomLimits: readonly BucketDefinition[] = [
  {
    id: EXPORT_JOBS,
    model: 'concurrency',
    maxInFlight: 1,
    source: EXPORT_DOCS,
    scope: (r) => (r.method === 'POST' && STARTS_EXPORT.test(r.path) ? r.credentialKey : null),
  },
  { id: 'app', model: 'fixed-window', limit: 1_666, windowMs: 10_000, source: DOCS },
  // No number is published for a resource: the cap never holds a call, only a `too_many_requests` pause does.
  {
    id: RESOURCE,
    model: 'concurrency',
    maxInFlight: Number.MAX_SAFE_INTEGER,
    source: ERROR_CODES,
    scope: (r) => `${r.credentialKey}|${r.path}`,
  },
];
