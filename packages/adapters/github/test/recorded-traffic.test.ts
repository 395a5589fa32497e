// Real api.github.com traffic from octokit/fixtures@cb8bc9dafc55a3837be4434ff4ba7acf3d9cadde
// (scenarios/api.github.com/*/raw-fixture.json, recorded 2022-07-19), replayed through a client. The error
// recordings themselves are fixtures (`rest-recorded-*.json`), checked by conformance.test.ts; this file adds
// what a fixture cannot say: redirects followed, rate-limit readings of a success, the attempts made.
import { createClient, isApiError, type RateLimitInfo } from '@rosetta/core';
import { createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { github } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const recorded = (name: string) => {
  const fixture = fixtures.find((f) => f.name === name);
  if (fixture === undefined) throw new Error(`no fixture ${name}`);
  return fixture.response as { status: number; headers: Record<string, string>; body: unknown };
};

afterEach(() => {
  vi.useRealTimers();
});

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
// scenarios/api.github.com/rename-repository entries 2-5: the old name answers 301 (GET) and 307 (PATCH), both
// with `Location: https://api.github.com/repositories/515436299` and this body; the new URL answers 200.
const MOVED = {
  message: 'Moved Permanently',
  url: 'https://api.github.com/repositories/515436299',
  documentation_url: 'https://docs.github.com/v3/#http-redirects',
};
const moved = (status: number, remaining: string) => ({
  status,
  headers: {
    ...JSON_TYPE,
    location: MOVED.url,
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': remaining,
    'x-ratelimit-reset': '1658208999',
    'x-ratelimit-used': String(5000 - Number(remaining)),
    'x-ratelimit-resource': 'core',
  },
  body: MOVED,
});
const OLD = '/repos/octokit-fixture-org/tmp-scenario-rename-repository-20220719044033126-ukeod';

describe('recorded redirects of a renamed repository', () => {
  it('follows the 301 of a GET to the new URL with the token (same origin), as fetch does for Octokit', async () => {
    const t = createScriptedFetch([moved(301, '4875'), { status: 200, headers: JSON_TYPE, body: { id: 515436299 } }]);
    const client = createClient(github, { auth: { token: 'ghp_fake' }, rateLimit: false, fetch: t.fetch });
    await expect(client.get(OLD)).resolves.toMatchObject({ id: 515436299 });
    expect(t.requests.map((r) => r.url)).toEqual([`https://api.github.com${OLD}`, MOVED.url]);
    expect(t.requests[1]?.headers.authorization).toBe('Bearer ghp_fake');
  });

  it('replays the PATCH and its body to the 307 target (a 307 keeps the method), once', async () => {
    const t = createScriptedFetch([moved(307, '4873'), { status: 200, headers: JSON_TYPE, body: { id: 515436299 } }]);
    const client = createClient(github, { auth: { token: 'ghp_fake' }, rateLimit: false, fetch: t.fetch });
    const body = { name: 'rename-repository-newname', description: 'test description' };
    await expect(client.patch(OLD, { body })).resolves.toMatchObject({ id: 515436299 });
    expect(t.log).toEqual([`START PATCH ${OLD}`, 'START PATCH /repositories/515436299']);
    expect(t.requests[1]?.body).toBe(JSON.stringify(body));
  });
});

describe('recorded answers through a client', () => {
  it('reads the search resource window of a recorded /search/issues 200 (30 a minute, not core)', async () => {
    const answer = recorded('rest-recorded-search-issues-200');
    // The reset is read against the answer's own Date (skew-corrected): at the recorded Date it is the recorded reset.
    vi.setSystemTime(Date.parse(answer.headers.date ?? ''));
    const t = createScriptedFetch([answer]);
    const client = createClient(github, { fetch: t.fetch });
    const seen: (RateLimitInfo | undefined)[] = [];
    client.on('response', (e) => seen.push(e.rateLimit));
    await expect(client.get('/search/issues?q=sesame')).resolves.toMatchObject({ total_count: 2 });
    expect(seen).toEqual([{ limit: 30, remaining: 29, resetAt: 1658205727_000, scope: 'search' }]);
  });

  it('returns the recorded 205 of PUT /notifications as a success without a body', async () => {
    const t = createScriptedFetch([recorded('rest-recorded-mark-notifications-205')]);
    const client = createClient(github, { fetch: t.fetch });
    await expect(client.put('/notifications')).resolves.not.toBeInstanceOf(Error);
    expect(t.log).toEqual(['START PUT /notifications']);
  });

  it.each([
    ['rest-recorded-branch-not-protected-404', 'GET', 'not_found'],
    ['rest-recorded-label-invalid-color-422', 'POST', 'validation'],
    ['rest-recorded-release-asset-already-exists-422', 'POST', 'conflict'],
  ] as const)(
    'sends %s once: octokit/plugin-retry never retries 404/422 (doNotRetry) and neither does Rosetta',
    async (name, method, kind) => {
      const t = createScriptedFetch([recorded(name), { status: 200, body: {} }]);
      const client = createClient(github, { fetch: t.fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
      const error = await client.request({ method, path: '/x' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isApiError(error) && error.kind).toBe(kind);
      expect(t.log).toHaveLength(1);
    },
  );

  it('reads the label 422 as a field error on color, though GitHub sent no message for it', () => {
    // The recorded errors[] item is `{ resource: 'Label', code: 'invalid', field: 'color' }`, nothing else.
    const answer = recorded('rest-recorded-label-invalid-color-422');
    const t = createScriptedFetch([answer]);
    const client = createClient(github, { fetch: t.fetch });
    return client.post('/repos/o/r/labels', { body: { name: 'foo', color: 'invalid' } }).then(
      () => expect.unreachable(),
      (error: unknown) => {
        expect(isApiError(error) && error.fieldErrors).toEqual([
          expect.objectContaining({ path: 'color', code: 'invalid' }),
        ]);
      },
    );
  });
});
