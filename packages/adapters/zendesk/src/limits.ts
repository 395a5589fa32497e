import type { BucketDefinition, BucketState, LimitRequest, LimitResponse } from '@rosetta/core';
import { JOBS_HEADER, RECORD_PUT } from './classify-zendesk';
import { readEndpointLimit } from './zendesk-error-body';

// "Support and Help Center API requests per minute: Team 200, Growth 400, Professional 400, Enterprise 700,
// Enterprise Plus 2500" (Suite); Support plans Essential (legacy) 10, Team 200, Professional 400, Enterprise 700;
// High Volume API add-on 2500. "requests to the Help Center API don't count against the rate limit of the Support
// API, and conversely." Endpoint table: Update Ticket "30 updates per 10 minutes per user per ticket ... applies to
// any PUT request that updates tickets", "100 requests per min per account" (300 with High Volume); Incremental
// Exports "10 requests per minute" (30 with High Volume); Update User 5 requests per minute per user. Job limit: "up to 30 queued or running jobs at once".
const DOCS = 'https://developer.zendesk.com/api-reference/introduction/rate-limits/';
// "There is now a rate limit of 5 requests per minute for the Update organizations endpoint ... in alignment with
// similar rate limits already in place for other standard Zendesk objects, such as users" (per user: per organization).
const ORGS = 'https://support.zendesk.com/hc/en-us/articles/4422518967706';

/** A PUT to one ticket or below it (`/tickets/42`, `/tickets/42.json`, `/tickets/42/tags`): its id. */
const TICKET_PUT = /^\/tickets\/(\d+)(?:\.json)?(?:\/|$)/;
const ticketUpdated = (r: LimitRequest): string | undefined =>
  r.method === 'PUT' ? TICKET_PUT.exec(r.path)?.[1] : undefined;
/** `create_many`, `update_many`, `destroy_many`, `create_or_update_many`: the endpoints that queue jobs. */
const QUEUES_JOB = /_many(?:\.json)?$/;

/** The `zendesk-ratelimit-inflight-jobs` header as this bucket's state. */
function observeJobs(response: LimitResponse): BucketState | undefined {
  const limit = readEndpointLimit(response.headers[JOBS_HEADER]);
  if (limit === undefined) return undefined;
  return {
    ...(limit.total === undefined ? {} : { limit: limit.total }),
    ...(limit.remaining === undefined ? {} : { remaining: limit.remaining }),
    ...(limit.resets === undefined ? {} : { resetAt: response.now + limit.resets * 1_000 }),
  };
}

/** Throttle scopes the classify hook names that are not one endpoint's own limit (undefined reads as `account`). */
const ACCOUNT_WIDE: ReadonlySet<string> = new Set(['account', 'inflight-jobs']);

/** Endpoint buckets have no header of their own on most answers: the account's numbers must not be read as theirs. */
const noState = (): undefined => undefined;

/** Update User and Update Organization: 5 PUTs a minute to one record of `resource`, keyed by the record's id. */
const perRecord = (id: string, resource: string, source: string): BucketDefinition => ({
  id,
  model: 'sliding-window',
  limit: 5,
  windowMs: 60_000,
  source,
  scope: (r) => {
    const put = r.method === 'PUT' ? RECORD_PUT.exec(r.path) : null;
    return put?.[1] === resource ? `${r.credentialKey} ${put[2]}` : null;
  },
  observe: noState,
});

/**
 * Zendesk Support's limits at the Team plan's numbers (200 requests a minute, the lowest Suite plan), most specific
 * first, so that a 429 no header explains is taken by the endpoint bucket of its request:
 *
 * - `update-ticket`: 30 updates per 10 minutes per user per ticket (every PUT to a ticket, tags included);
 * - `update-ticket-account`: 100 ticket updates per minute per account;
 * - `incremental-exports`: 10 requests per minute to `/incremental/*`;
 * - `inflight-jobs`: 30 queued or running jobs, read from `zendesk-ratelimit-inflight-jobs`;
 * - `update-user`: 5 updates per minute per user (a PUT to `/users/{id}`); its 429, without Retry-After, pauses it
 *   for the minute rather than the whole account;
 * - `update-organization`: 5 updates per minute per organization (a PUT to `/organizations/{id}`), the same way;
 * - `endpoint`: one endpoint (method and route), paused alone by a 429 whose `zendesk-ratelimit-<name>` header has
 *   nothing left;
 * - `account`: the plan's requests per minute, read from `X-Rate-Limit` / `X-Rate-Limit-Remaining` and
 *   `ratelimit-reset`, so the account's real plan is adopted from the first answer. Help Center paths count apart.
 *
 * @example
 * // Enterprise with the High Volume add-on:
 * createClient(zendesk, { baseUrl, auth, rateLimit: { buckets: { account: { limit: 2_500 },
 *   'update-ticket-account': { limit: 300 }, 'incremental-exports': { limit: 30 } } } });
 */
export const zendeskLimits: readonly BucketDefinition[] = [
  {
    id: 'update-ticket',
    model: 'sliding-window',
    limit: 30,
    windowMs: 600_000,
    source: DOCS,
    scope: (r) => {
      const ticket = ticketUpdated(r);
      return ticket === undefined ? null : `${r.credentialKey} ${ticket}`;
    },
    observe: noState,
  },
  {
    id: 'update-ticket-account',
    model: 'fixed-window',
    limit: 100,
    windowMs: 60_000,
    source: DOCS,
    scope: (r) => (ticketUpdated(r) === undefined ? null : r.credentialKey),
    observe: noState,
  },
  {
    id: 'incremental-exports',
    model: 'fixed-window',
    limit: 10,
    windowMs: 60_000,
    source: DOCS,
    scope: (r) => (r.path.startsWith('/incremental/') ? r.credentialKey : null),
    observe: noState,
  },
  {
    id: 'inflight-jobs',
    model: 'fixed-window',
    limit: 30,
    windowMs: 60_000,
    source: `${DOCS}#job-limit`,
    scope: (r) => (QUEUES_JOB.test(r.path) ? r.credentialKey : null),
    observe: observeJobs,
  },
  perRecord('update-user', 'users', DOCS),
  perRecord('update-organization', 'organizations', `${DOCS} ; ${ORGS}`),
  // An endpoint limit named by its own header (`zendesk-ratelimit-tickets-index: total=100; remaining=0; resets=41`,
  // "If you receive a 429 response, then look for endpoint-specific headers"): the classify hook names it as the scope,
  // and only this endpoint (method and route) pauses, not the account. Its numbers are the highest plan's account
  // limit (High Volume, 2,500 a minute), so it never paces below the account's own bucket.
  {
    id: 'endpoint',
    model: 'fixed-window',
    limit: 2_500,
    windowMs: 60_000,
    source: DOCS,
    scope: (r) => `${r.credentialKey} ${r.method} ${r.route}`,
    observe: noState,
    owns: (response) => !ACCOUNT_WIDE.has(response.throttle?.scope ?? 'account'),
  },
  {
    id: 'account',
    model: 'fixed-window',
    limit: 200,
    windowMs: 60_000,
    source: DOCS,
    scope: (r) => (r.path.startsWith('/help_center/') ? `${r.credentialKey} help_center` : r.credentialKey),
  },
];
