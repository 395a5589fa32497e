import { defineAdapter, isGraphqlQuery } from '@rosetta/core';
import { classifyLinear, GRAPHQL_PATH } from './classify-linear';
import { linearLimits } from './limits';
import { readLinearSdkError } from './linear-sdk-error';

/**
 * Linear's GraphQL API (`POST https://api.linear.app/graphql`) in Rosetta's error model: `errors[]` items decide by
 * `extensions.type` as in the official SDK, in HTTP 200 as well as 4xx (a missing entity is a 200 "invalid input");
 * rate limits arrive as HTTP 400 `RATELIMITED` and wait for the spent budget's reset (epoch ms headers); a plan's
 * usage limit is `quota_exceeded`. Follows the requests and complexity budgets every answer reports.
 * See `docs/providers/linear.md`.
 *
 * @example
 * const client = createClient(linear, { auth: { token: process.env.LINEAR_API_KEY } });
 * const answer = await client.post('/graphql', { body: { query: '{ viewer { id name } }' } });
 */
export const linear = defineAdapter({
  id: 'linear',
  displayName: 'Linear',
  docsUrl: 'https://linear.app/developers/graphql',
  baseUrl: 'https://api.linear.app',
  // A personal API key goes as-is in Authorization, an OAuth access token as a bearer token (linear/linear
  // packages/sdk/src/client.ts parseClientOptions). OAuth tokens: `auth: { token, scheme: 'bearer' }`.
  auth: [{ type: 'header', header: 'Authorization' }, { type: 'bearer' }],
  // The OAuth token exchange carries these in its body.
  credentialParams: ['client_secret', 'refresh_token', 'code'],
  // No request-id header is documented; answers carry Cloudflare's id in x-request-id (NangoHQ/nango#3108).
  requestIdHeaders: ['x-request-id', 'cf-ray'],
  // "X-RateLimit-Requests-Reset: The time at which the current rate limit window resets in UTC epoch
  // milliseconds" (linear.app/developers/rate-limiting); the complexity budget is read by the classify hook.
  rateLimitHeaders: {
    limit: 'x-ratelimit-requests-limit',
    remaining: 'x-ratelimit-requests-remaining',
    reset: 'x-ratelimit-requests-reset',
    resetUnit: 'epoch-ms',
  },
  // A throttled call did nothing: the RATELIMITED answer has no `data` ("If an error was raised before execution
  // begins, the data entry should not be present", GraphQL spec §7.1.2), and Linear's own importer sends the same
  // issueCreate mutation again after one (packages/import/src/importIssues.ts createIssueWithRetries).
  throttleRefusesRequest: {
    source:
      'https://linear.app/developers/rate-limiting ; https://spec.graphql.org/October2021/#sec-Data ; linear/linear packages/import/src/importIssues.ts createIssueWithRetries',
  },
  // Every operation is a POST to /graphql (linear.app/developers/graphql); a `query` is "a read-only fetch" (GraphQL
  // spec, https://spec.graphql.org/October2021/#sec-Language.Operations), so one that met a 5xx or a cut connection
  // changed nothing and is sent again. A mutation is not: Linear takes no idempotency key.
  safeToRepeat: (request) => GRAPHQL_PATH.test(request.path) && isGraphqlQuery(request.body),
  limits: linearLimits,
  classify: classifyLinear,
  sdkError: readLinearSdkError,
});
