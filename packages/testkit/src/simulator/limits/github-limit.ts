import { createFixedWindow, type FixedWindow, type WindowReading } from '../fixed-window';
import type { GithubLimitModel } from '../types';
import { type LimitRuntime, type LimitVerdict, wholeSeconds } from './limit-runtime';

// Shapes from https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
// ("x-ratelimit-reset: The time at which the current rate limit window resets, in UTC epoch
// seconds"; primary exceeded: "403 or 429 ... x-ratelimit-remaining header will be 0";
// secondary: "403 or 429 ... If the retry-after response header is present, you should not retry
// until after that many seconds"), points "most GET 1, most POST/PATCH/PUT/DELETE 5" from
// github/docs data/reusables/rest-api/secondary-rate-limit-rest-graphql.md, and GraphQL's 200 +
// RATE_LIMITED from https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
// (body as in packages/adapters/github/test/fixtures/graphql-rate-limited.json).
const PRIMARY_BODY = {
  message: 'API rate limit exceeded for user ID 1.',
  documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
};
const SECONDARY_BODY = {
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
};
const GRAPHQL_BODY = { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit already exceeded for user ID 1.' }] };

type Resource = keyof GithubLimitModel['resources'];

/** The resource a path counts against, as `x-ratelimit-resource` names it. */
export function githubResource(path: string): Resource {
  if (path.startsWith('/search/code')) return 'code_search';
  if (path.startsWith('/search/')) return 'search';
  if (path === '/graphql') return 'graphql';
  return 'core';
}

/**
 * GitHub's primary limit (a fixed window per resource) and optional secondary limit (points per
 * endpoint per window).
 *
 * @example
 * createGithubLimit({ model: 'github', resources: { core: { limit: 100, windowMs: 1_000 } } });
 */
export function createGithubLimit(spec: GithubLimitModel): LimitRuntime {
  const windows = new Map<Resource, FixedWindow>();
  for (const [name, size] of Object.entries(spec.resources)) {
    if (size !== undefined) windows.set(name as Resource, createFixedWindow(size.limit, size.windowMs));
  }
  const secondary = new Map<string, FixedWindow>();
  const status = spec.status ?? 403;
  return {
    admit(request, now) {
      const resource = githubResource(request.path);
      const window = windows.get(resource);
      if (spec.secondary !== undefined) {
        const key = `${request.method} ${request.path}`;
        let points = secondary.get(key);
        if (points === undefined) {
          points = createFixedWindow(spec.secondary.points, spec.secondary.windowMs);
          secondary.set(key, points);
        }
        const reading = points.take(now, request.method === 'GET' || request.method === 'HEAD' ? 1 : 5);
        if (!reading.allowed) return secondaryRefusal(spec.secondary.status ?? 403, reading, now);
      }
      if (window === undefined) return undefined;
      const reading = window.take(now);
      const headers = stateHeaders(reading, resource);
      if (reading.allowed) return { headers };
      if (resource === 'graphql')
        return { headers, refusal: { answer: { status: 200, headers, body: GRAPHQL_BODY }, by: resource } };
      // The primary limit carries no Retry-After: clients wait for x-ratelimit-reset.
      return { headers, refusal: { answer: { status, headers, body: PRIMARY_BODY }, by: resource } };
    },
  };
}

function stateHeaders(reading: WindowReading, resource: Resource): Record<string, string> {
  return {
    'x-ratelimit-limit': String(reading.limit),
    'x-ratelimit-remaining': String(reading.remaining),
    'x-ratelimit-used': String(reading.limit - reading.remaining),
    'x-ratelimit-reset': String(Math.ceil(reading.resetAt / 1_000)),
    'x-ratelimit-resource': resource,
  };
}

function secondaryRefusal(status: 403 | 429, reading: WindowReading, now: number): LimitVerdict {
  // The secondary limit is undisclosed: no x-ratelimit-* state for it, only the hint.
  const headers = { 'retry-after': String(wholeSeconds(reading.resetAt - now)) };
  return { headers, refusal: { answer: { status, headers, body: SECONDARY_BODY }, by: 'secondary' } };
}
