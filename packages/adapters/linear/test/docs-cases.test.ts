// The official SDK's decisions next to Rosetta's on every error fixture (each cites the Linear page or SDK file it
// comes from). @linear/sdk (linear/linear@8335e09a17dd8aa351dace3d05a94a55e78dad2a packages/sdk) resends nothing: it
// throws, and for a rate limit packages/sdk/src/error.ts `RatelimitedLinearError` hands over `retryAfter`
// (Retry-After, seconds) and the requests and complexity budgets (`X-RateLimit-{Requests,Complexity}-{Limit,Remaining,
// Reset}`, resets in epoch ms), for the caller to decide.
import { normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, createScriptedClient, loadFixtures, type ScriptedStep } from '@rosetta/testkit';
import { describeRetryDecisions } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { linear } from '../src/index';

const ADAPTER = linear;
const AUTH = { token: 'FAKE-key' };
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

/** Rosetta's side of each row: the answer after a resend, and the body a POST sends (a mutation, or a query). */
const RESEND = {
  auth: AUTH,
  success: { data: { viewer: { id: 'FAKE' } } },
  body: { query: 'mutation { issueCreate(input: {}) { success } }' },
};
const QUERY = { ...RESEND, body: { query: '{ viewer { id } }' } };

afterEach(() => {
  vi.useRealTimers();
});

describe('retry decisions: @linear/sdk (none) next to Rosetta, fixture by fixture', () => {
  const refused =
    'a RATELIMITED answer has no data: the operation did not run (throttleRefusesRequest), and it waits for the budget';
  // A `query` is "a read-only fetch" (GraphQL spec, Operations): the adapter's safeToRepeat lets any retryable
  // failure resend it; a mutation is resent only when the provider refused it unprocessed.
  const read = 'a query changed nothing: safeToRepeat';
  // [fixture, Rosetta resends a mutation, Rosetta resends a query, why (the SDK resends nothing)]
  const rows: [string, boolean, boolean, string][] = [
    ['authentication-401', false, false, ''],
    ['authentication-recorded-400', false, false, ''],
    ['edge-429-html-retry-after', true, true, refused],
    ['entity-not-found-200', false, false, ''],
    ['feature-not-accessible-200', false, false, ''],
    ['forbidden-200', false, false, ''],
    ['gateway-502-html', false, true, read],
    ['graphql-validation-400', false, false, ''],
    ['internal-error-200', false, true, read],
    ['invalid-input-200', false, false, ''],
    ['lock-timeout-200', false, true, `${read}; the lock may be free on the next attempt`],
    ['no-data-or-errors-200', false, false, ''],
    ['partial-data-with-errors-200', false, false, ''],
    [
      'ratelimited-400-complexity-budget',
      false,
      false,
      'the spent budget resets in 10 min, past maxRetryAfterMs (60 s): the call fails at once, retryAfterMs 600,000',
    ],
    ['ratelimited-400-endpoint-budget', true, true, refused],
    ['ratelimited-400-no-headers', true, true, refused],
    ['ratelimited-400-requests-budget', false, false, 'as above: its reset is 64 s away'],
    ['ratelimited-429-retry-after', true, true, refused],
    ['server-500-text', false, true, read],
    ['usage-limit-exceeded-200', false, false, ''],
  ];

  describeRetryDecisions(ADAPTER, { fixtures, rows, resend: [RESEND, QUERY] });
});

describe('a read-only query is resent, a mutation is not (safeToRepeat)', () => {
  const gateway = fixtures.find((x) => x.name === 'gateway-502-html') as AdapterFixture;
  const viewer = { status: 200, body: { data: { viewer: { id: 'FAKE' } } } };
  const fetchFailed = () =>
    new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
  /** The gateway's 502 (or `script`), then a success, to a client that resends at once. */
  const clientOf = (script: ScriptedStep[] = [gateway.response, viewer], maxRetries = 2) =>
    createScriptedClient(ADAPTER, script, { auth: AUTH, retry: { maxRetries } });

  it.each([
    ['a named query', 'query { viewer { id } }'],
    ['the shorthand', '{ viewer { id } }'],
    [
      'a query with a variable and a fragment',
      'query V($n: Int) { issues(first: $n) { nodes { ...I } } } fragment I on Issue { id }',
    ],
  ])('%s that got a 502 is resent', async (_label, query) => {
    const t = clientOf();
    await expect(t.client.post('/graphql', { body: { query } })).resolves.toEqual({
      data: { viewer: { id: 'FAKE' } },
    });
    expect(t.log).toEqual(['START POST /graphql', 'START POST /graphql']);
  });

  it('a mutation that got a 502 is sent once and may have been processed', async () => {
    const t = clientOf();
    const body = { query: 'mutation { issueCreate(input: { title: "x" }) { success } }' };
    await expect(t.client.post('/graphql', { body })).rejects.toMatchObject({
      kind: 'unavailable',
      attempts: 1,
      possiblyProcessed: true,
    });
    expect(t.log).toEqual(['START POST /graphql']);
  });

  it('a document holding a query and a mutation is not resent, whichever operationName picks', async () => {
    const t = clientOf();
    const body = {
      query: 'query Q { viewer { id } } mutation M { issueArchive(id: "x") { success } }',
      operationName: 'Q',
    };
    await expect(t.client.post('/graphql', { body })).rejects.toMatchObject({
      attempts: 1,
      possiblyProcessed: true,
    });
  });

  it('a query cut mid-flight is resent; one that fails every attempt was not processed', async () => {
    const t = clientOf([{ error: fetchFailed() }, viewer]);
    await expect(t.client.post('/graphql', { body: QUERY.body })).resolves.toEqual(viewer.body);
    const failing = clientOf([{ error: fetchFailed() }], 1);
    await expect(failing.client.post('/graphql', { body: QUERY.body })).rejects.toMatchObject({
      kind: 'network',
      attempts: 2,
      possiblyProcessed: false,
    });
    const cut = clientOf([{ error: fetchFailed() }, viewer]);
    await expect(cut.client.post('/graphql', { body: RESEND.body })).rejects.toMatchObject({
      kind: 'network',
      attempts: 1,
      possiblyProcessed: true,
    });
  });

  it('a query body the hook cannot read (its getter throws) is sent once: a throwing hook answers "not safe"', async () => {
    const t = clientOf();
    // JSON.stringify sends toJSON's value; the hook reads `query` itself and throws.
    const body = {
      toJSON: () => QUERY.body,
      get query(): string {
        throw new Error('unreadable');
      },
    };
    await expect(t.client.post('/graphql', { body })).rejects.toMatchObject({ kind: 'unavailable', attempts: 1 });
    expect(t.requests[0]?.body).toBe(JSON.stringify(QUERY.body));
  });

  it('a query sent to another path (the OAuth token endpoint) is not resent', async () => {
    const t = clientOf();
    await expect(t.client.post('/oauth/token', { body: QUERY.body })).rejects.toMatchObject({ attempts: 1 });
  });

  it('a GET is still resent: the hook only widens', async () => {
    const t = clientOf();
    await expect(t.client.get('/graphql', { query: { query: '{ viewer { id } }' } })).resolves.toEqual(viewer.body);
    expect(t.log).toHaveLength(2);
  });
});

describe('what RatelimitedLinearError hands over, as Rosetta reads the same answer', () => {
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

  it.each([
    ['ratelimited-400-requests-budget', 'requests'],
    ['ratelimited-400-complexity-budget', 'complexity'],
  ])('%s: the spent budget’s limit, remaining and reset are the rate limit, its reset the wait', (name, budget) => {
    const f = fixtures.find((x) => x.name === name) as AdapterFixture;
    const now = Date.parse(f.now ?? '');
    vi.useFakeTimers({ now, toFake: ['Date'] });
    const h = f.response.headers as Record<string, string>;
    const sdk = {
      limit: num(h[`x-ratelimit-${budget}-limit`]),
      remaining: num(h[`x-ratelimit-${budget}-remaining`]),
      resetAt: num(h[`x-ratelimit-${budget}-reset`]),
    };
    const error = normalizeResponse(linear, { ...f.response, method: 'POST', url: 'https://api.linear.app/graphql' });
    expect(error?.rateLimit).toMatchObject({ ...sdk, scope: budget });
    expect(error?.retryAfterMs).toBe((sdk.resetAt ?? 0) - now);
  });

  it('ratelimited-429-retry-after: Retry-After (the SDK’s retryAfter, seconds) is the wait', () => {
    const f = fixtures.find((x) => x.name === 'ratelimited-429-retry-after') as AdapterFixture;
    vi.useFakeTimers({ now: Date.parse(f.now ?? ''), toFake: ['Date'] });
    const error = normalizeResponse(linear, { ...f.response, method: 'POST', url: 'https://api.linear.app/graphql' });
    expect(error?.retryAfterMs).toBe(Number(f.response.headers?.['retry-after']) * 1000);
  });
});
