import { type ClassifyContext, normalizeResponse } from '@rosetta/core';
import { toHeaderMap } from '../../../core/src/classify/header-map';
import { loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { github } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

const NOW = Date.parse('2024-05-01T12:00:00Z');
const RESET = String(NOW / 1000 + 600);
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  return normalizeResponse(github, {
    status,
    headers: { ...JSON_TYPE, ...options.headers },
    body,
    method: options.method ?? 'GET',
    url: `${github.baseUrl}${options.path ?? '/repos/octocat/hello-world'}`,
  });
}

function graphql(status: number, body: unknown, headers: Record<string, string> = {}) {
  return normalize(status, body, { method: 'POST', path: '/graphql', headers });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('github fixtures', () => {
  it('covers every category GitHub documents', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    const kinds = new Set(fixtures.map((fixture) => fixture.expected?.kind ?? 'success'));
    for (const kind of [
      'success',
      'authentication',
      'permission',
      'not_found',
      'validation',
      'conflict',
      'rate_limited',
      'server',
      'unavailable',
    ]) {
      expect(kinds.has(kind as never)).toBe(true);
    }
  });

  it('holds no real-looking token or request id', () => {
    for (const fixture of fixtures) {
      const text = JSON.stringify(fixture, null, 1);
      // Classic, OAuth, app, refresh and fine-grained token prefixes.
      expect(text).not.toMatch(/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/);
      for (const [, id] of text.matchAll(/"x-github-request-id": "([^"]+)"/g)) expect(id).toMatch(/^FAKE:/);
    }
  });
});

describe('the adapter declaration', () => {
  it('pins the API version, the media type, Link pagination and epoch-second resets', () => {
    expect(github.defaultHeaders).toEqual({
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
    });
    expect(github.pagination).toEqual({ type: 'link' });
    expect(github.rateLimitHeaders).toMatchObject({ reset: 'x-ratelimit-reset', resetUnit: 'epoch-seconds' });
    expect(github.requestIdHeaders).toEqual(['x-github-request-id']);
    expect(github.auth?.[0]).toEqual({ type: 'bearer' });
  });

  it('reports the rate-limit window and its resource on errors', () => {
    vi.setSystemTime(NOW);
    const err = normalize(
      404,
      { message: 'Not Found' },
      {
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '4999',
          'x-ratelimit-reset': RESET,
          'x-ratelimit-resource': 'core',
        },
      },
    );
    expect(err?.rateLimit).toEqual({ limit: 5000, remaining: 4999, resetAt: (NOW / 1000 + 600) * 1000, scope: 'core' });
  });
});

describe('one adapter for REST and GraphQL', () => {
  const typed = { data: { repository: null }, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve' }] };

  it('reads errors[] inside HTTP 200 on /graphql only', () => {
    expect(graphql(200, typed)?.kind).toBe('not_found');
    // The same body from a REST endpoint is data: REST 2xx answers are never errors.
    expect(normalize(200, typed)).toBeNull();
  });

  it('routes GitHub Enterprise Server /api/graphql the same way', () => {
    const err = normalizeResponse(github, {
      status: 200,
      headers: JSON_TYPE,
      body: typed,
      method: 'POST',
      url: 'https://ghe.example.test/api/graphql',
    });
    expect(err?.kind).toBe('not_found');
  });

  it('treats a GraphQL 200 without errors, or with an empty list, as a success', () => {
    expect(graphql(200, { data: { viewer: { login: 'octocat' } } })).toBeNull();
    expect(graphql(200, { data: { viewer: null }, errors: [] })).toBeNull();
  });

  it('keeps partial data in the error body', () => {
    const body = {
      data: { a: { id: 'R_1' }, b: null },
      errors: [{ type: 'FORBIDDEN', path: ['b'], message: 'Resource not accessible by integration' }],
    };
    const err = graphql(200, body);
    expect(err).toMatchObject({ kind: 'permission', code: 'FORBIDDEN', retryable: false });
    expect(err?.response?.body).toEqual(body);
  });

  it('lets a RATE_LIMITED error anywhere in the list win over the first error', () => {
    vi.setSystemTime(NOW);
    const err = graphql(
      200,
      {
        errors: [
          { type: 'NOT_FOUND', message: 'x' },
          { type: 'RATE_LIMITED', message: 'API rate limit exceeded' },
        ],
      },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': RESET },
    );
    expect(err).toMatchObject({ kind: 'rate_limited', code: 'RATE_LIMITED', retryAfterMs: 600_000 });
  });

  it('names the first error and counts the others in the message', () => {
    const err = graphql(200, {
      errors: [
        { type: 'NOT_FOUND', message: 'Could not resolve to a Repository' },
        { type: 'NOT_FOUND', message: 'Could not resolve to a User' },
      ],
    });
    expect(err?.message).toContain('Could not resolve to a Repository (and 1 more)');
  });

  it('reads untyped errors: request errors without data are validation, a GitHub crash is a server error', () => {
    expect(graphql(200, { errors: [{ message: 'Parse error on "}" (RCURLY) at [1, 20]' }] })?.kind).toBe('validation');
    const crash = graphql(200, {
      data: null,
      errors: [{ message: 'Something went wrong while executing your query. This may be the result of a timeout.' }],
    });
    expect(crash).toMatchObject({ kind: 'server', retryable: true });
    expect(graphql(200, { data: { a: null }, errors: [{ message: 'odd' }] })?.kind).toBe('unknown');
  });

  it('maps the other documented types', () => {
    expect(graphql(200, { errors: [{ type: 'INSUFFICIENT_SCOPES', message: 'x' }] })?.kind).toBe('permission');
    expect(graphql(200, { errors: [{ type: 'MAX_NODE_LIMIT_EXCEEDED', message: 'x' }] })?.kind).toBe('validation');
    expect(graphql(200, { data: null, errors: [{ type: 'UNPROCESSABLE', message: 'x' }] })?.kind).toBe('validation');
    expect(graphql(200, { errors: [{ type: 'SOMETHING_NEW', message: 'x' }] })).toMatchObject({
      kind: 'unknown',
      code: 'SOMETHING_NEW',
    });
    // A type named like an Object.prototype member is just an unknown type.
    expect(graphql(200, { errors: [{ type: 'constructor', message: 'x' }] })?.kind).toBe('unknown');
  });

  it('reads argument, cursor and pagination refusals as validation with the path as the field (issue 9)', () => {
    for (const [type, message] of [
      ['INVALID_CURSOR_ARGUMENTS', '`invalid cursor` does not appear to be a valid cursor.'],
      [
        'EXCESSIVE_PAGINATION',
        'Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records.',
      ],
      [
        'MISSING_PAGINATION_BOUNDARIES',
        'You must provide a `first` or `last` value to properly paginate the `issues` connection.',
      ],
      ['ARGUMENT_LIMIT', 'You may not provide more than 100 node ids; you provided 101.'],
      [
        'MAX_NODE_LIMIT_EXCEEDED',
        'This query requests up to 2,010,050 possible nodes which exceeds the maximum limit of 500,000.',
      ],
    ]) {
      const err = graphql(200, {
        data: { repository: null },
        errors: [{ type, path: ['repository', 'issues'], message }],
      });
      expect(err, type).toMatchObject({
        kind: 'validation',
        code: type,
        retryable: false,
        fieldErrors: [{ path: 'repository.issues', message }],
      });
    }
  });

  it('reads the RATE_LIMIT spelling of the GraphQL throttle as RATE_LIMITED is read: by the body, first or not', () => {
    vi.setSystemTime(NOW);
    const limited = {
      type: 'RATE_LIMIT',
      code: 'graphql_rate_limit',
      message: 'API rate limit already exceeded for user ID 1.',
    };
    // x-ratelimit-remaining 1: the body decides (octokit/plugin-throttling#632); the wait is the reset.
    const err = graphql(
      200,
      { errors: [{ type: 'NOT_FOUND', message: 'Could not resolve' }, limited] },
      {
        'x-ratelimit-remaining': '1',
        'x-ratelimit-reset': RESET,
      },
    );
    expect(err).toMatchObject({ kind: 'rate_limited', code: 'RATE_LIMIT', retryable: true, retryAfterMs: 600_000 });
  });

  it('never reads a GraphQL 401 as a rate limit, even with x-ratelimit-remaining 0', () => {
    const err = graphql(
      401,
      { message: 'Bad credentials' },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': RESET },
    );
    expect(err).toMatchObject({ kind: 'authentication', retryable: false });
  });
});

describe('primary rate limit', () => {
  const exhausted = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': RESET };

  it.each([403, 429])('is a %i with x-ratelimit-remaining 0, whatever the message', (status) => {
    vi.setSystemTime(NOW);
    const err = normalize(status, { message: 'Resource not accessible by integration' }, { headers: exhausted });
    expect(err).toMatchObject({
      kind: 'rate_limited',
      code: 'primary_rate_limit',
      retryable: true,
      retryAfterMs: 600_000,
    });
  });

  it('waits until x-ratelimit-reset counted from the evaluation time', () => {
    vi.setSystemTime(NOW + 400_000);
    expect(normalize(403, {}, { headers: exhausted })?.retryAfterMs).toBe(200_000);
    vi.setSystemTime(NOW + 900_000);
    expect(normalize(403, {}, { headers: exhausted })?.retryAfterMs).toBe(0);
  });

  it('is recognised by its message when the headers were stripped', () => {
    expect(normalize(403, { message: 'API rate limit exceeded for user ID 1.' })).toMatchObject({
      kind: 'rate_limited',
      code: 'primary_rate_limit',
    });
  });

  it('leaves a 403 with quota left and no rate-limit message a permission error', () => {
    const err = normalize(
      403,
      { message: 'Resource not accessible by integration' },
      {
        headers: { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': RESET },
      },
    );
    expect(err).toMatchObject({ kind: 'permission', retryable: false });
  });

  it('does not treat a 404 or a 500 sent while the quota is spent as a rate limit', () => {
    expect(normalize(404, { message: 'Not Found' }, { headers: exhausted })?.kind).toBe('not_found');
    expect(normalize(500, { message: 'Server Error' }, { headers: exhausted })?.kind).toBe('server');
  });
});

describe('secondary rate limit', () => {
  const message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

  it('waits retry-after seconds when present, over the reset', () => {
    vi.setSystemTime(NOW);
    const err = normalize(
      403,
      { message },
      {
        headers: { 'retry-after': '7', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': RESET },
      },
    );
    expect(err).toMatchObject({ kind: 'rate_limited', code: 'secondary_rate_limit', retryAfterMs: 7_000 });
  });

  it.each([
    ['absent', {}],
    ['blank', { 'retry-after': '' }],
    ['zero', { 'retry-after': '0' }],
    ['garbage', { 'retry-after': 'soon' }],
  ])('waits at least 60 s when retry-after is %s', (_label, headers) => {
    expect(normalize(429, { message }, { headers })?.retryAfterMs).toBe(60_000);
  });

  it('matches the wording octokit matches, in any letter case, and the older abuse wording', () => {
    expect(normalize(403, { message: 'SECONDARY RATE limit hit' })?.code).toBe('secondary_rate_limit');
    const abuse = 'You have triggered an abuse detection mechanism. Please wait a few minutes before you try again.';
    expect(normalize(403, { message: abuse })?.code).toBe('secondary_rate_limit');
    // Not a secondary limit: the words must be there, not a lookalike.
    expect(normalize(403, { message: 'secondary-rate-limits doc' })?.kind).toBe('permission');
  });

  it('is read from a text body too', () => {
    const err = normalize(403, `${message}\n`, { headers: { 'content-type': 'text/plain' } });
    expect(err).toMatchObject({ kind: 'rate_limited', code: 'secondary_rate_limit', retryAfterMs: 60_000 });
  });

  it('is read from GraphQL errors inside HTTP 200 too', () => {
    expect(graphql(200, { data: null, errors: [{ message }] })).toMatchObject({
      kind: 'rate_limited',
      code: 'secondary_rate_limit',
      retryAfterMs: 60_000,
    });
  });
});

describe('permission and not found', () => {
  it('names X-Accepted-GitHub-Permissions in the message of a 403 and a 404', () => {
    const headers = { 'x-accepted-github-permissions': 'contents=read' };
    expect(
      normalize(403, { message: 'Resource not accessible by personal access token' }, { headers })?.message,
    ).toContain('X-Accepted-GitHub-Permissions: contents=read');
    expect(normalize(404, { message: 'Not Found' }, { headers })?.message).toContain('contents=read');
  });

  it('leaves the message alone without the header', () => {
    expect(normalize(403, { message: 'Must have admin rights to Repository.' })?.message).not.toContain(
      'X-Accepted-GitHub-Permissions',
    );
  });

  it('reads the failed-login lockout as throttling, not as bad credentials', () => {
    expect(
      normalize(403, { message: 'Maximum number of login attempts exceeded. Please try again later.' }),
    ).toMatchObject({ kind: 'rate_limited', retryable: true });
  });
});

describe('422 field errors', () => {
  it('turns bare-string errors (validation-error-simple) into field errors without a path', () => {
    const err = normalize(422, { message: 'Validation Failed', errors: ['Sha does not match'] }, { method: 'PUT' });
    expect(err).toMatchObject({ kind: 'validation', fieldErrors: [{ path: '', message: 'Sha does not match' }] });
    expect(err?.detail).toBe('Validation Failed: Sha does not match');
  });

  it('is a conflict as soon as one item is already_exists', () => {
    const err = normalize(422, {
      message: 'Validation Failed',
      errors: [
        { resource: 'Label', field: 'color', code: 'invalid' },
        { resource: 'Label', field: 'name', code: 'already_exists' },
      ],
    });
    expect(err).toMatchObject({ kind: 'conflict', code: 'invalid', retryable: false });
    expect(err?.fieldErrors).toHaveLength(2);
  });

  it('keeps a custom message and skips items of the wrong shape', () => {
    const err = normalize(422, {
      message: 'Validation Failed',
      errors: [42, null, { resource: 'Issue', code: 'custom', message: 'Body is too long' }],
    });
    expect(err?.fieldErrors).toEqual([{ path: '', message: 'Body is too long', code: 'custom' }]);
    expect(err?.kind).toBe('validation');
  });
});

describe('robustness', () => {
  const hook = github.classify as NonNullable<typeof github.classify>;

  function context(overrides: Partial<ClassifyContext>): ClassifyContext {
    return {
      status: 403,
      headers: toHeaderMap({}),
      body: undefined,
      method: 'GET',
      url: 'https://api.github.com/graphql',
      path: '/graphql',
      readings: { retryAfterMs: undefined, rateLimit: undefined, requestId: undefined, retryHint: undefined },
      defaults: null,
      now: NOW,
      ...overrides,
    };
  }

  it('never throws, whatever the body, status, headers or URL', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.constantFrom(200, 201, 304, 400, 401, 403, 404, 422, 429, 500, 502),
        fc.dictionary(
          fc.constantFrom('retry-after', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-accepted-github-permissions'),
          fc.string(),
        ),
        fc.constantFrom('https://api.github.com/graphql', 'https://api.github.com/user', 'not a url', ''),
        (body, status, headers, url) => {
          expect(() => hook(context({ body, status, headers: toHeaderMap(headers), url }))).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads odd GraphQL bodies without inventing an error', () => {
    for (const body of ['text', 42, null, [], { errors: 'nope' }, { errors: [null, 1, 'x'] }]) {
      expect(hook(context({ status: 200, body }))).toBeUndefined();
    }
  });
});
