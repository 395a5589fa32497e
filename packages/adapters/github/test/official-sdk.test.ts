// @octokit/core 7 (a root devDependency) beneath a Rosetta client: `request: { fetch: client.fetch }`, no retry or
// throttling plugin (Rosetta's retries are the only ones), against the simulator and a scripted transport.
import { Octokit } from '@octokit/core';
import { createClient, normalizeError, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch, loadFixtures, SIMULATE_HEADER, type Simulator, startSimulator } from '@rosetta/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { github } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const TOKEN = 'ghp_FAKE0000000000000000sdk';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ providers: [{ id: 'github', fixtures }] });
});
afterAll(() => sim.close());
// A failed pacing test must not leave its limits on the fixtures' provider.
afterEach(() => sim.setScenario('github', {}));

describe('Octokit through client.fetch', () => {
  it('waits for the primary window to reset instead of spending requests on 403s', async () => {
    // A core window of 5 per 2 s on the simulator (GitHub's x-ratelimit-* on every answer, 403 when spent).
    sim.setScenario('github', { limits: [{ model: 'github', resources: { core: { limit: 5, windowMs: 2_000 } } }] });
    const client = createClient(github, { baseUrl: sim.urlFor('github') });
    const octokit = new Octokit({ auth: TOKEN, request: { fetch: client.fetch } });
    // Windows are aligned on multiples of 2 s: start at the top of one, so that the first five calls land in it
    // (a call sent in one window and counted in the next is a race no client reading headers can avoid).
    await new Promise((resolve) => setTimeout(resolve, 2_000 - (Date.now() % 2_000) + 20));
    const before = sim.stats('github');
    const first = await octokit.request('GET /users/{username}', { username: 'octocat' });
    expect(first.headers['x-ratelimit-limit']).toBe('5');
    const rest = await Promise.all(
      Array.from({ length: 7 }, (_, i) => octokit.request('GET /users/{username}', { username: `u${i}` })),
    );
    expect(rest.map((r) => r.status)).toEqual(Array(7).fill(200));
    const after = sim.stats('github');
    // Rosetta read the remaining count the SDK's answers carried and held the rest until the reset: none refused.
    expect(after.rateLimited - before.rateLimited).toBe(0);
    expect(after.requests - before.requests).toBe(8);
    await client.close();
  });

  it('retries a GET after a 502 and hands the SDK the final answer', async () => {
    const t = createScriptedFetch([
      { status: 502, body: { message: 'Server Error' } },
      { status: 200, headers: { 'x-github-request-id': 'FAKE:1' }, body: { login: 'octocat' } },
    ]);
    const client = createClient(github, { fetch: t.fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const octokit = new Octokit({ auth: TOKEN, request: { fetch: client.fetch } });
    const user = await octokit.request('GET /users/{username}', { username: 'octocat' });
    expect(user.data).toEqual({ login: 'octocat' });
    expect(user.headers['x-github-request-id']).toBe('FAKE:1');
    expect(user.url).toBe('https://api.github.com/users/octocat');
    expect(t.log).toEqual(['START GET /users/octocat', 'START GET /users/octocat']);
    await client.close();
  });

  it('does not resend a POST (GitHub has no idempotency key): the SDK throws on the 502', async () => {
    const t = createScriptedFetch([
      { status: 502, body: { message: 'Server Error' } },
      { status: 201, body: {} },
    ]);
    const client = createClient(github, { fetch: t.fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const octokit = new Octokit({ auth: TOKEN, request: { fetch: client.fetch } });
    const thrown = await octokit
      .request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(t.log).toEqual(['START POST /repos/o/r/issues']);
    expect(t.requests[0]?.body).toBe('{"title":"t"}');
    expect(normalizeError(github, thrown)).toMatchObject({ kind: 'unavailable', status: 502 });
    await client.close();
  });

  it('redacts the token the SDK sends, in events and in the errors it causes', async () => {
    const t = createScriptedFetch([{ status: 401, body: { message: `Bad credentials ${TOKEN}` } }]);
    const client = createClient(github, { fetch: t.fetch });
    const events: string[] = [];
    client.on('request', (e) => events.push(JSON.stringify(e)));
    client.on('error', (e) => events.push(JSON.stringify(e.error), e.error.message));
    const octokit = new Octokit({ auth: TOKEN, request: { fetch: client.fetch } });
    const thrown = await octokit.request('GET /user').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(t.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`);
    expect(events.length).toBeGreaterThan(1);
    expect(events.join('\n')).not.toContain(TOKEN);
    // Octokit's own error masks the header (`token [REDACTED]`): normalizeError has no credential to learn from it.
    expect(normalizeError(github, thrown)?.kind).toBe('authentication');
    await client.close();
  });

  it('hands a rejection of client.fetch to the SDK, which keeps the ApiError on its cause chain', async () => {
    const client = createClient(github, { baseUrl: 'http://127.0.0.1:9', retry: false });
    const octokit = new Octokit({ request: { fetch: client.fetch } });
    const thrown = await octokit.request('GET /user').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(normalizeError(github, thrown)).toMatchObject({ kind: 'network', attempts: 1 });
  });
});

describe('normalizeError(github, error thrown by Octokit) reads as normalizeResponse reads the response', () => {
  const errors = fixtures.filter((f) => f.expected !== null);

  it.each(errors.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const client = createClient(github, {
      baseUrl: sim.urlFor('github'),
      retry: false,
      rateLimit: false,
      headers: { [SIMULATE_HEADER]: fixture.name },
    });
    const octokit = new Octokit({ request: { fetch: client.fetch } });
    const { method, path } = fixture.request;
    const call =
      path === '/graphql'
        ? octokit.graphql('query { viewer { login } }')
        : octokit.request(`${method} ${path}`, method === 'GET' ? {} : { data: '{}' });
    const thrown = await call.then(
      () => undefined,
      (error: unknown) => error,
    );
    const error = normalizeError(github, thrown);
    const direct = normalizeResponse(github, { ...fixture.response, method, url: `${github.baseUrl}${path}` });
    expect(error?.kind).toBe(fixture.expected?.kind);
    expect(error?.kind).toBe(direct?.kind);
    expect(error?.code).toBe(direct?.code);
    expect(error?.status).toBe(fixture.response.status);
    await client.close();
  });

  it('is null for errors that are not Octokit errors with a response', () => {
    expect(normalizeError(github, new Error('HttpError'))).toBeNull();
    expect(normalizeError(github, Object.assign(new Error('x'), { name: 'HttpError', status: 500 }))).toBeNull();
    expect(normalizeError(github, undefined)).toBeNull();
  });
});
