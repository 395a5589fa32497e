import { type BucketDefinition, isGraphqlQuery, type LimitRequest, type LimitResponse } from '@rosetta/core';

const MINUTE = 60_000;
const HOUR = 3_600_000;
// github/docs content/rest/using-the-rest-api/rate-limits-for-the-rest-api.md and
// data/reusables/rest-api/secondary-rate-limit-rest-graphql.md (the secondary limits).
const REST_DOCS = 'https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api';
const SEARCH_DOCS = 'https://docs.github.com/en/rest/search/search#rate-limit';
const GRAPHQL_DOCS = 'https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api';
const SECONDARY_DOCS = `${REST_DOCS}#about-secondary-rate-limits`;

/** Docs: "most REST API GET, HEAD, and OPTIONS requests" cost 1 point, most others 5. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The rate-limit resource (`x-ratelimit-resource`) a request counts against, known before it is sent. */
function resourceOf(request: LimitRequest): 'core' | 'search' | 'code_search' | 'graphql' {
  const { path } = request;
  if (path === '/graphql' || path.endsWith('/api/graphql')) return 'graphql';
  if (path === '/search/code') return 'code_search';
  return path.startsWith('/search/') ? 'search' : 'core';
}

const forResource =
  (resource: ReturnType<typeof resourceOf>) =>
  (request: LimitRequest): string | null =>
    resourceOf(request) === resource ? request.credentialKey : null;

/**
 * Content-generating requests: REST creations (POST) and GraphQL mutations. Anything not surely a query counts as a
 * mutation (a comment or a fragment before `mutation`, a persisted query): pacing one read too many costs a wait, one
 * write too few a secondary-limit 403.
 */
function createsContent(request: LimitRequest): boolean {
  return resourceOf(request) === 'graphql' ? !isGraphqlQuery(request.body) : request.method === 'POST';
}

/** The classify hook tells a secondary-limit answer by its message (as octokit/plugin-throttling does). */
const isSecondary = (response: LimitResponse): boolean => response.throttle?.code === 'secondary_rate_limit';

// The primary windows slow-start: "all of these requests count towards your personal rate limit" (every app and
// token of the user shares it, REST_DOCS), so the declared 5,000 is only a prior; the first answer's headers tell
// what is left before the rest of a first wave goes.
export const githubLimits: readonly BucketDefinition[] = [
  // Declared in this order: a primary-limit answer without a named resource pauses the first
  // applicable bucket, which is the one resource the request counts against.
  {
    id: 'core',
    model: 'fixed-window',
    limit: 5_000,
    windowMs: HOUR,
    source: REST_DOCS,
    scope: forResource('core'),
    slowStart: true,
  },
  // "up to 30 requests per minute for all search endpoints except for the Search code endpoint".
  {
    id: 'search',
    model: 'fixed-window',
    limit: 30,
    windowMs: MINUTE,
    source: SEARCH_DOCS,
    scope: forResource('search'),
    slowStart: true,
  },
  // "The Search code endpoint ... limits you to 9 requests per minute".
  {
    id: 'code_search',
    model: 'fixed-window',
    limit: 9,
    windowMs: MINUTE,
    source: SEARCH_DOCS,
    scope: forResource('code_search'),
    slowStart: true,
  },
  // 5,000 points per hour; the headers carry the points left, so each query is estimated at 1.
  {
    id: 'graphql',
    model: 'fixed-window',
    limit: 5_000,
    windowMs: HOUR,
    source: GRAPHQL_DOCS,
    scope: forResource('graphql'),
    slowStart: true,
  },
  {
    id: 'secondary-points',
    model: 'sliding-window',
    limit: 900,
    windowMs: MINUTE,
    source: SECONDARY_DOCS,
    scope: (r) => (resourceOf(r) === 'graphql' ? null : `${r.credentialKey} ${r.route}`),
    cost: (r) => (READS.has(r.method) ? 1 : 5),
  },
  {
    id: 'secondary-graphql-points',
    model: 'sliding-window',
    limit: 2_000,
    windowMs: MINUTE,
    source: SECONDARY_DOCS,
    scope: forResource('graphql'),
    cost: (r) => (createsContent(r) ? 5 : 1),
  },
  {
    id: 'content-creation',
    model: 'sliding-window',
    limit: 80,
    windowMs: MINUTE,
    source: SECONDARY_DOCS,
    scope: (r) => (createsContent(r) ? r.credentialKey : null),
  },
  {
    id: 'content-creation-hourly',
    model: 'sliding-window',
    limit: 500,
    windowMs: HOUR,
    source: SECONDARY_DOCS,
    scope: (r) => (createsContent(r) ? r.credentialKey : null),
  },
  // "No more than 100 concurrent requests are allowed ... shared across the REST API and GraphQL API."
  { id: 'secondary-concurrency', model: 'concurrency', maxInFlight: 100, source: SECONDARY_DOCS, owns: isSecondary },
];
