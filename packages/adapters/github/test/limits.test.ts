import type { LimitRequest, LimitResponse } from '@rosetta/core';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '@rosetta/core';
import { createScriptedFetch, limiterHarness } from '@rosetta/testkit';
import { github } from '../src/index';
import { githubLimits } from '../src/limits';

const harness = limiterHarness(githubLimits, { request: { credentialKey: 'tok' } });
const { request, limiter, take } = harness;
const response = (extra: Partial<LimitResponse>): LimitResponse => ({
  status: 200,
  headers: {},
  body: undefined,
  now: Date.now(),
  rateLimit: undefined,
  throttle: undefined,
  ...extra,
});
const ids = (r: LimitRequest) =>
  githubLimits.filter((b) => (b.scope === undefined ? r.credentialKey : b.scope(r)) !== null).map((b) => b.id);

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('githubLimits', () => {
  it('every bucket is valid and cites its source', () => {
    for (const bucket of githubLimits) expect(validateBucket(bucket).source).toMatch(/^https:\/\/docs\.github\.com\//);
  });

  it('routes each request to the one primary resource it counts against, plus the secondary limits', () => {
    expect(ids(request('GET', '/repos/a/b'))).toEqual(['core', 'secondary-points', 'secondary-concurrency']);
    expect(ids(request('GET', '/search/issues'))).toEqual(['search', 'secondary-points', 'secondary-concurrency']);
    expect(ids(request('GET', '/search/code'))).toEqual(['code_search', 'secondary-points', 'secondary-concurrency']);
    expect(ids(request('POST', '/repos/a/b/issues'))).toEqual([
      'core',
      'secondary-points',
      'content-creation',
      'content-creation-hourly',
      'secondary-concurrency',
    ]);
    expect(ids(request('POST', '/graphql', { body: { query: 'mutation { addStar }' } }))).toEqual([
      'graphql',
      'secondary-graphql-points',
      'content-creation',
      'content-creation-hourly',
      'secondary-concurrency',
    ]);
  });

  // A mutation is one whatever comes first in the document; only a sure query is spared the content-creation limits.
  it.each([
    ['a comment first', '# add a star\nmutation { addStar }', true],
    ['a fragment first', 'fragment F on Repository { id }\nmutation M { addStar { starrable { ...F } } }', true],
    ['a persisted query (no text)', undefined, true],
    ['a named query', 'query Q { viewer { login } }', false],
    ['the shorthand query', '{ viewer { login } }', false],
  ])('GraphQL with %s counts as content creation: %s', (_, query, creates) => {
    const r = request('POST', '/graphql', { body: query === undefined ? { extensions: {} } : { query } });
    expect(ids(r).includes('content-creation')).toBe(creates);
    // Secondary limits (SECONDARY_DOCS): a GraphQL request without mutations costs 1 point, one with mutations 5.
    const points = githubLimits.find((b) => b.id === 'secondary-graphql-points');
    expect(typeof points?.cost === 'function' ? points.cost(r) : undefined).toBe(creates ? 5 : 1);
  });

  it('a first wave waits for the first answer: the user’s limit is shared, 5,000 is only a prior', async () => {
    const l = limiter();
    const first = take(l, request('GET', '/repos/a/b'));
    const second = l.acquire(request('GET', '/repos/a/b'));
    expect(second).toBeInstanceOf(Promise);
    // Other apps of the user left 1 call: the second waits for the reset, not sent into a 403.
    first.release(response({ rateLimit: { limit: 5_000, remaining: 0, resetAt: Date.now() + 30_000, scope: 'core' } }));
    const third = l.acquire(request('GET', '/repos/a/b'));
    expect(third).toBeInstanceOf(Promise);
    // Both settle when the limiter closes: nothing is left unhandled.
    const settled = Promise.allSettled([second, third]);
    await l.close();
    expect((await settled).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const id of ['core', 'search', 'code_search', 'graphql'])
      expect(githubLimits.find((b) => b.id === id)?.slowStart).toBe(true);
  });

  it('writes cost 5 secondary points, reads 1', () => {
    const points = githubLimits.find((b) => b.id === 'secondary-points');
    expect(points?.cost?.(request('GET', '/x'))).toBe(1);
    expect(points?.cost?.(request('DELETE', '/x'))).toBe(5);
  });

  it('an exhausted search window does not hold core calls (x-ratelimit-resource decides)', () => {
    const l = limiter();
    take(l, request('GET', '/search/issues')).release(
      response({ rateLimit: { remaining: 0, limit: 30, resetAt: Date.now() + 30_000, scope: 'search' } }),
    );
    expect(harness.admit(l, request('GET', '/repos/a/b'))).toBeDefined();
    expect(harness.admit(l, request('GET', '/search/issues'))).toBeUndefined();
  });

  it('a secondary-limit answer pauses the whole credential, not other tokens', () => {
    const l = limiter();
    take(l, request('GET', '/repos/a/b')).release(
      response({
        status: 403,
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes.' },
        throttle: { kind: 'rate_limited', retryAfterMs: 60_000, code: 'secondary_rate_limit' },
      }),
    );
    expect(harness.admit(l, request('GET', '/search/issues'))).toBeUndefined();
    expect(harness.admit(l, request('GET', '/repos/a/b', { credentialKey: 'other' }))).toBeDefined();
  });
});

describe('through a client', () => {
  it("a secondary-limit answer, as the classify hook reads it, holds the credential's other resources", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const t = createScriptedFetch([
        {
          status: 403,
          headers: { 'retry-after': '60' },
          body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes.' },
        },
        { status: 200, body: [] },
      ]);
      const client = createClient(github, { auth: { token: 'ghp_limits_test' }, fetch: t.fetch, retry: false });
      const first = client.get('/repos/a/b').catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(10);
      await expect(first).resolves.toMatchObject({ kind: 'rate_limited', code: 'secondary_rate_limit' });
      const other = client.get('/search/issues');
      await vi.advanceTimersByTimeAsync(1_000);
      expect(t.log).toEqual(['START GET /repos/a/b']);
      await vi.advanceTimersByTimeAsync(60_000);
      await other;
      expect(t.log).toEqual(['START GET /repos/a/b', 'START GET /search/issues']);
      await client.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
