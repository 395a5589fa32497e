// The official SDK's decisions next to Rosetta's on every error fixture (each cites the Linear page or SDK file it
// comes from). @linear/sdk (linear/linear@8335e09a17dd8aa351dace3d05a94a55e78dad2a packages/sdk) resends nothing: it
// throws, and for a rate limit packages/sdk/src/error.ts `RatelimitedLinearError` hands over `retryAfter`
// (Retry-After, seconds) and the requests and complexity budgets (`X-RateLimit-{Requests,Complexity}-{Limit,Remaining,
// Reset}`, resets in epoch ms), for the caller to decide.
import { createClient, normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import { resendsOnce } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { linear } from '../src/index';

const ADAPTER = linear;
const AUTH = { token: 'FAKE-key' };
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

/** Rosetta's side of each row: the answer after a resend, and what a non-GET request sends. */
const RESEND = {
  auth: AUTH,
  success: { data: { viewer: { id: 'FAKE' } } },
  body: { query: 'mutation { issueCreate(input: {}) { success } }' },
};

afterEach(() => {
  vi.useRealTimers();
});

describe('retry decisions: @linear/sdk (none) next to Rosetta, fixture by fixture', () => {
  const refused =
    'a RATELIMITED answer has no data: the operation did not run (throttleRefusesRequest), and it waits for the budget';
  // [fixture, Rosetta resends, why (the SDK resends nothing)]
  const rows: [string, boolean, string][] = [
    ['authentication-401', false, ''],
    ['edge-429-html-retry-after', true, refused],
    ['entity-not-found-200', false, ''],
    ['feature-not-accessible-200', false, ''],
    ['forbidden-200', false, ''],
    ['gateway-502-html', false, ''],
    ['graphql-validation-400', false, ''],
    ['internal-error-200', false, ''],
    ['invalid-input-200', false, ''],
    ['lock-timeout-200', false, ''],
    ['no-data-or-errors-200', false, ''],
    ['partial-data-with-errors-200', false, ''],
    [
      'ratelimited-400-complexity-budget',
      false,
      'the spent budget resets in 10 min, past maxRetryAfterMs (60 s): the call fails at once, retryAfterMs 600,000',
    ],
    ['ratelimited-400-endpoint-budget', true, refused],
    ['ratelimited-400-no-headers', true, refused],
    ['ratelimited-400-requests-budget', false, 'as above: its reset is 64 s away'],
    ['ratelimited-429-retry-after', true, refused],
    ['server-500-text', false, ''],
    ['usage-limit-exceeded-200', false, ''],
  ];

  it('covers every error fixture', () => {
    const errors = fixtures.filter((f) => f.expected !== null).map((f) => f.name);
    expect(rows.map(([name]) => name).sort()).toEqual(errors.sort());
  });

  it.each(rows)('%s', async (name, rosetta) => {
    const f = fixtures.find((x) => x.name === name) as AdapterFixture;
    expect(await resendsOnce(ADAPTER, f, RESEND)).toBe(rosetta);
  });

  // A GraphQL `query` cannot change anything, so a read that met a gateway failure is safe to send again; but it
  // travels as a POST, and core has no way for an adapter to say "this POST is a read" (only an idempotency key makes
  // a POST repeatable). Needed in core: an adapter hook such as `safeToRepeat(request)` consulted by
  // isSafeToRepeat, which this adapter would answer from the operation type of the body.
  it.fails('resends a read-only query that got a 502 (needs a core hook: a POST that is a read)', async () => {
    const t = createScriptedFetch([
      { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>502 Bad Gateway</html>' },
      { status: 200, body: { data: { viewer: { id: 'FAKE' } } } },
    ]);
    const client = createClient(ADAPTER, { auth: AUTH, fetch: t.fetch, rateLimit: false, retry: { baseDelayMs: 0 } });
    await expect(client.post('/graphql', { body: { query: 'query { viewer { id } }' } })).resolves.toEqual({
      data: { viewer: { id: 'FAKE' } },
    });
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
