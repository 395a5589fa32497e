import { defineAdapter, isGraphqlQuery, type RateLimitHeaderNames } from '@rosetta/core';
import { classifyGitHub, GRAPHQL_PATH } from './classify-github';
import { githubLimits } from './limits';
import { readOctokitError } from './octokit-error';

const RATE_LIMIT_HEADERS: RateLimitHeaderNames = {
  limit: 'x-ratelimit-limit',
  remaining: 'x-ratelimit-remaining',
  reset: 'x-ratelimit-reset',
  resetUnit: 'epoch-seconds',
  scope: 'x-ratelimit-resource',
};

/**
 * GitHub's REST API and GraphQL API (`/graphql`, GHES `/api/graphql`) in Rosetta's error model.
 *
 * Beyond core's status table it reads primary and secondary rate limits on 403/429 (and GraphQL
 * `RATE_LIMITED` inside HTTP 200), names `X-Accepted-GitHub-Permissions` in permission errors, turns
 * 422 `errors[]` into field errors (`already_exists` is a conflict), and makes GraphQL `errors[]`
 * beside HTTP 200 an error of the first error's kind. See `docs/providers/github.md`.
 *
 * @example
 * const client = createClient(github, { auth: { token: process.env.GITHUB_TOKEN } });
 * const repo = await client.get('/repos/octocat/hello-world');
 */
export const github = defineAdapter({
  id: 'github',
  displayName: 'GitHub',
  docsUrl: 'https://docs.github.com/en/rest',
  baseUrl: 'https://api.github.com',
  // GitHub documents `Bearer`; `token <t>` is still accepted and is what older tooling sends.
  auth: [{ type: 'bearer' }, { type: 'header', header: 'Authorization', prefix: 'token ' }],
  // OAuth app endpoints (`/applications/{client_id}/token`) carry these in bodies.
  credentialParams: ['client_secret', 'access_token'],
  requestIdHeaders: ['x-github-request-id'],
  rateLimitHeaders: RATE_LIMIT_HEADERS,
  // `GET /repos/{owner}/{repo}/tarball/{ref}` (and zipball) answers 302 to codeload.github.com ("Gets a redirect URL
  // to download a tar archive", docs.github.com/en/rest/repos/contents#download-a-repository-archive-tar; recorded in
  // octokit/fixtures scenarios/api.github.com/get-archive). Followed without credentials: core never sends them there.
  trustedRedirectOrigins: ['https://codeload.github.com'],
  defaultHeaders: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
  // GraphQL operations are POSTs; "The query type defines GraphQL operations that retrieve data from the server"
  // (docs.github.com/en/graphql/reference/queries), where a mutation "is analogous to performing HTTP verbs such as
  // POST, PATCH, and DELETE" (docs.github.com/en/graphql/reference/mutations). So a query that met a 5xx or a cut
  // connection is sent again, a mutation is not (GitHub takes no idempotency key).
  safeToRepeat: (request) => GRAPHQL_PATH.test(request.path) && isGraphqlQuery(request.body),
  // Docs: at most 100 concurrent requests; octokit's global limiter group allows 10 at once.
  limits: githubLimits,
  pagination: { type: 'link' },
  classify: classifyGitHub,
  sdkError: readOctokitError,
});
