import { defineAdapter } from '@rosetta/core';
import { classifyJira } from './classify-jira';
import { jiraWarnings } from './jira-warnings';
import { readJiraSdkError } from './jira-sdk-error';
import { jiraLimits } from './limits';

/**
 * Jira Cloud's REST API v3 (and v2, the Agile API) in Rosetta's error model: `ErrorCollection` bodies
 * (`errorMessages` plus `errors: {field: message}`), the hourly points quota (`quota_exceeded`) told apart from the
 * per-second and per-issue limits (`rate_limited`) by `RateLimit-Reason`, CAPTCHA lockouts, credentials refused but
 * answered anonymously in a 2xx, failed long-running tasks, and partial failures of bulk answers as warnings.
 *
 * Every site has its own host, so `baseUrl` is a placeholder: pass `https://{site}.atlassian.net` with an account
 * email and API token (basic auth), or `https://api.atlassian.com/ex/jira/{cloudId}` with an OAuth 2.0 access token
 * (`scheme: 'bearer'`) or a scoped API token. See `docs/providers/jira.md`.
 *
 * @example
 * const client = createClient(jira, {
 *   baseUrl: 'https://your-site.atlassian.net',
 *   auth: { username: 'you@example.com', password: process.env.JIRA_API_TOKEN },
 * });
 * const issue = await client.get('/rest/api/3/issue/{key}', { params: { key: 'PROJ-1' } });
 */
export const jira = defineAdapter({
  id: 'jira',
  displayName: 'Jira Cloud',
  docsUrl: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/',
  baseUrl: 'https://{site}.atlassian.net',
  // basic-auth-for-rest-apis: "an Atlassian account email address and API token"; OAuth 2.0 (3LO) apps send a
  // bearer token to api.atlassian.com/ex/jira/{cloudId}.
  auth: [{ type: 'basic' }, { type: 'bearer' }],
  // Basic credentials are an account email: API-token traffic, outside the apps' points quota (limits.ts).
  credentialTag: (credential) => (credential.includes('@') ? 'api-token' : 'app'),
  // Jira's request id, then the edge's ids (both seen on a 401 from /rest/api/3/myself, atlassian/gajira-login#59).
  requestIdHeaders: ['x-arequestid', 'atl-request-id', 'atl-traceid'],
  // `RateLimit-Reason` names the limit a 429 hit; `X-RateLimit-Reset` is an ISO 8601 time, read by core as such.
  rateLimitHeaders: { scope: 'RateLimit-Reason', resetUnit: 'iso-8601' },
  // rate-limiting "Implementing retry logic": start at 2 s, double, cap (the pseudocode's 30 s), about 4 attempts.
  // No `throttleRefusesRequest`: Atlassian says "Only retry if the API is idempotent", so a throttled POST is not
  // resent.
  retry: { maxRetries: 4, baseDelayMs: 2_000, maxDelayMs: 30_000 },
  limits: jiraLimits,
  // GET /rest/api/3/search/jql: `nextPageToken` back as a query parameter until `isLast`. Endpoints paged by
  // `startAt` (PageBean `values`) are not walked by `client.paginate` (docs/providers/jira.md).
  pagination: { type: 'cursor', cursorPath: ['nextPageToken'], cursorParam: 'nextPageToken', itemsPath: ['issues'] },
  warnings: jiraWarnings,
  classify: classifyJira,
  sdkError: readJiraSdkError,
});
