import type { BucketDefinition, BucketState, LimitRequest, LimitResponse } from '@rosetta/core';
import { QUOTA_REASONS } from './classify-jira';

// Three independent systems, all answering 429 and told apart by `RateLimit-Reason`: an hourly points quota
// (Tier 1 "65,000 point hourly quota across all tenants"), per-endpoint burst token buckets ("GET 100, POST 100,
// PUT 50, DELETE 50" requests per second by default) and per-issue writes ("20 write operations per 2 seconds",
// "100 write operations per 30 seconds").
const DOCS = 'https://developer.atlassian.com/cloud/jira/platform/rate-limiting/';

const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// `/rest/api/3/issue/{issueIdOrKey}[/...]`, also behind the OAuth gateway (`/ex/jira/{cloudId}/rest/...`). Only a
// numeric id or a key (`PROJ-123`) names an issue: `bulk`, `createmeta`, `properties` are not issues.
const ISSUE_PATH = /\/rest\/(?:api\/(?:2|3|latest)|agile\/1\.0)\/issue\/(\d+|[A-Za-z][A-Za-z0-9_]*-\d+)(?:\/|$)/;
const POLICY = /^\s*"?([^";]+)"?((?:\s*;\s*[a-z]+=\d+)*)\s*$/i;

/** The issue a write goes to, upper-cased (`PROJ-1` and `proj-1` are one issue), or null for anything else. */
export function issueOf(request: LimitRequest): string | null {
  if (!WRITES.has(request.method)) return null;
  const id = ISSUE_PATH.exec(request.path)?.[1];
  return id === undefined ? null : `issue:${id.toUpperCase()}`;
}

/**
 * The endpoint a burst bucket belongs to ("per tenant and per API/resource path", "categorised by the HTTP
 * method"): the caller's route template, with concrete ids and keys (any segment holding a digit) folded so that
 * `/issue/PROJ-1` and `/issue/PROJ-2` share one bucket.
 */
export function endpointOf(request: LimitRequest): string {
  const route = request.route.split('?')[0] ?? '';
  return `${request.credentialKey} ${request.method} ${route.replace(/\/[^/]*\d[^/]*(?=\/|$)/g, '/{}')}`;
}

/**
 * The unprefixed `RateLimit` / `RateLimit-Policy` members of the app quota (`"global-app-quota";r=11000;t=600`).
 * `Beta-` headers are skipped: "informational only and do not trigger enforcement". `r` comes only near the limit.
 */
export function quotaState(response: LimitResponse): BucketState | undefined {
  const live = policyOf(response.headers.ratelimit);
  if (live === undefined) return undefined;
  const q = policyOf(response.headers['ratelimit-policy'])?.q;
  const out: { limit?: number; remaining?: number; resetAt?: number } = {};
  if (q !== undefined && q > 0) out.limit = q;
  if (live.r !== undefined) out.remaining = live.r;
  if (live.t !== undefined) out.resetAt = response.now + live.t * 1000;
  return out;
}

/** The parameters of the `*-app-quota` policy in a structured field, or undefined when it names none. */
function policyOf(field: string | undefined): Readonly<Record<string, number>> | undefined {
  for (const member of (field ?? '').split(',', 8)) {
    const m = POLICY.exec(member);
    if (m === null || !(m[1] ?? '').endsWith('-app-quota')) continue;
    const params: Record<string, number> = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(/([a-z]+)=(\d+)/gi))
      params[(key ?? '').toLowerCase()] = Number(value);
    return params;
  }
  return undefined;
}

const reasonIs = (reason: string) => (response: LimitResponse) => response.throttle?.scope === reason;

/**
 * Jira Cloud's documented limits.
 *
 * - `quota`: the Tier 1 hourly pool of 65,000 points, one per client (the app). It applies to apps (OAuth 2.0
 *   bearer tokens), not to API-token traffic ("API token-based traffic is not affected by this change"): basic
 *   credentials (an email) skip it. Each call counts as one point, a floor (reads cost 1 plus 1 or 2 per object
 *   returned); the `RateLimit` header's remaining count corrects it once Jira sends one.
 * - `burst`: per endpoint and method, a token bucket of 100 per second (PUT and DELETE cost 2: their 50 per second).
 *   The bucket size is not published; one second of the steady rate is declared.
 * - `issue-2s` and `issue-30s`: writes to one issue, 20 per 2 s and 100 per 30 s.
 *
 * @example
 * // A Tier 2 (per-tenant) Standard site with 2,000 users: 100,000 + 10 x 2,000 points an hour.
 * createClient(jira, { baseUrl, auth, rateLimit: { buckets: { quota: { limit: 120_000 } } } });
 */
export const jiraLimits: readonly BucketDefinition[] = [
  {
    id: 'quota',
    model: 'quota',
    limit: 65_000,
    windowMs: 3_600_000,
    source: DOCS,
    scope: (r) => (r.credentialTag === 'app' ? 'app' : null),
    observe: quotaState,
    owns: (response) => QUOTA_REASONS.has(response.throttle?.scope ?? ''),
  },
  {
    id: 'burst',
    model: 'token-bucket',
    ratePerSec: 100,
    burst: 100,
    source: DOCS,
    scope: endpointOf,
    cost: (r) => (r.method === 'PUT' || r.method === 'DELETE' ? 2 : 1),
    // X-RateLimit-Limit/-Remaining name no endpoint (on a quota 429 they are the quota's): nothing to read here.
    observe: () => undefined,
    owns: reasonIs('jira-burst-based'),
  },
  {
    id: 'issue-2s',
    model: 'sliding-window',
    limit: 20,
    windowMs: 2_000,
    source: DOCS,
    scope: issueOf,
    observe: () => undefined,
    owns: reasonIs('jira-per-issue-on-write'),
  },
  {
    id: 'issue-30s',
    model: 'sliding-window',
    limit: 100,
    windowMs: 30_000,
    source: DOCS,
    scope: issueOf,
    observe: () => undefined,
  },
];
