// The official SDK's retry decision next to Rosetta's on every error fixture (each cites the Atlassian page it comes
// from). jira.js 6 (MrRefactoring/jira.js@ef1506ef85df0d3a252309f9696b6b67b96dd8ed src/core/createClient.ts, with
// TRANSIENT_HTTP_STATUSES in src/core/errors/fromResponse.ts) resends nothing by default (`retry.maxAttempts` 1); with
// the opt-in `retry` it resends 502, 503 and 504 whatever the method, after 500 ms x 2^n, reading no Retry-After
// (src/core/schemas/clientConfig.ts: "Never retries 4xx (including 401, 429)"). A 429 becomes a RateLimitError with
// `retryAfterMs` for the caller. A 401 is resent once only with an OAuth 2.0 refresh or `getAuthOn401`, and never
// for "scope does not match"; none is configured here.
import { createClient } from '@rosetta/core';
import { type AdapterFixture, createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import { describeRetryDecisions, resendsOnce } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jira } from '../src/index';
import { sdkDecision } from './official-client';

const ADAPTER = jira;
const AUTH = { username: 'fake@example.com', password: 'FAKE-token' };
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
type Fixture = (typeof fixtures)[number];

const sdkResends = (f: Fixture): boolean => sdkDecision(f).retried;

/** Rosetta's side of each row: the answer after a resend, and what a non-GET request sends. */
const RESEND = { auth: AUTH, success: { id: '10000', key: 'FAKE-1' }, body: { fields: { summary: 'FAKE' } } };

afterEach(() => {
  vi.useRealTimers();
});

describe('retry decisions: jira.js (opt-in retry) next to Rosetta, fixture by fixture', () => {
  const throttled = 'jira.js never resends a 429 (it hands over retryAfterMs)';
  // [fixture, jira.js resends, Rosetta resends, why they differ]
  const rows: [string, boolean, boolean, string][] = [
    ['bulk-create-400-all-failed', false, false, ''],
    ['captcha-403', false, false, ''],
    [
      'conflict-409-concurrent-transition',
      false,
      true,
      'jira.js resends no 4xx; Rosetta resends the POST: Atlassian says the refused transition did not run',
    ],
    ['conflict-409-name-in-use', false, false, ''],
    ['not-found-404', false, false, ''],
    ['payload-too-large-413', false, false, ''],
    ['quota-global-429', false, false, ''],
    ['quota-tenant-429-reset-only', false, false, ''],
    ['rate-limited-burst-429', false, true, `${throttled}; Rosetta waits Retry-After (1 s) and resends the GET`],
    [
      'rate-limited-per-issue-write-429',
      false,
      true,
      `${throttled}; a PUT is idempotent: Rosetta resends it after backoff (no Retry-After given)`,
    ],
    ['rate-limited-user-search-429', false, true, `${throttled}; Rosetta waits Retry-After (5 s)`],
    ['recorded-internal-server-error-500', false, false, ''],
    ['recorded-invalid-priority-400', false, false, ''],
    ['recorded-issue-does-not-exist-404', false, false, ''],
    ['recorded-issue-type-required-400', false, false, ''],
    ['removed-endpoint-410', false, false, ''],
    ['scope-mismatch-401-gateway', false, false, ''],
    [
      'service-unavailable-503-retry-after',
      true,
      true,
      'both resend; jira.js after 500 ms, ignoring Retry-After; Rosetta waits the 30 s it asks for',
    ],
    ['success-anonymous-200-authenticated-failed', false, false, ''],
    ['success-task-failed-200', false, false, ''],
    ['unauthorized-401-json', false, false, ''],
    ['unauthorized-401-text', false, false, ''],
    [
      'user-email-503-not-enabled',
      true,
      false,
      'this 503 means "the API is not currently enabled" for the app: no resend enables it; jira.js resends every 503',
    ],
    ['validation-400-error-messages', false, false, ''],
    ['validation-400-field-errors', false, false, ''],
  ];

  describeRetryDecisions(ADAPTER, { fixtures, rows, sdkResends, resend: RESEND });

  // jira.js with opt-in retry resends a POST after a 503 too; Rosetta does not copy it: a 503 does not say the
  // create was not applied, and resending could make a second issue.
  it('a POST that got a 503 is not resent (jira.js would resend it)', async () => {
    const f = fixtures.find((x) => x.name === 'service-unavailable-503-retry-after') as AdapterFixture;
    const post = { ...f, request: { method: 'POST', path: '/rest/api/3/issue' } };
    expect(sdkResends(post)).toBe(true);
    expect(await resendsOnce(ADAPTER, post, RESEND)).toBe(false);
  });

  // rate-limiting, "Implementing retry logic": without Retry-After, back off exponentially (the adapter declares
  // 2 s doubling to 30 s). With the limiter on (the default), a hint-less throttle pauses its bucket (`issue-2s`) only
  // for core's DEFAULT_THROTTLE_PAUSE_MS (1 s); the retry must still wait its backoff (decideRetry), or the write is
  // resent every second and the 4 retries are spent in 4 s, inside the "100 writes per 30 seconds" window.
  it('backs off between resends of a hint-less per-issue throttle, the limiter on', async () => {
    const f = fixtures.find((x) => x.name === 'rate-limited-per-issue-write-429') as AdapterFixture;
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 26) });
    const answer = f.response as never;
    const t = createScriptedFetch([answer, answer, answer, answer, { status: 204 }]);
    const client = createClient(ADAPTER, {
      baseUrl: 'https://fake-site.atlassian.net',
      auth: AUTH,
      fetch: t.fetch,
      retry: { random: () => 1 },
    });
    const call = client.put(f.request.path, { body: RESEND.body }).catch(() => undefined);
    // Full backoff draws: resends at 2, 6 and 14 s.
    await vi.advanceTimersByTimeAsync(13_000);
    expect(t.log.length).toBeLessThanOrEqual(3);
    await vi.advanceTimersByTimeAsync(60_000);
    await call;
  });

  // https://developer.atlassian.com/cloud/jira/platform/change-notice-update-in-simultaneous-transitions-issue-api/ :
  // "only one of those transitions will succeed", the others blocked by the one still running are refused with 409,
  // and "your app ... should employ a retry mechanism": the refused transition did not run. The adapter says so
  // (`notProcessed`), so the keyless POST is resent, and its failure is never `possiblyProcessed`.
  it('resends a transition refused by a running one, and calls a last refusal not processed', async () => {
    const f = fixtures.find((x) => x.name === 'conflict-409-concurrent-transition') as AdapterFixture;
    expect(await resendsOnce(ADAPTER, f, RESEND)).toBe(true);
    const t = createScriptedFetch([f.response as never]);
    const client = createClient(ADAPTER, { baseUrl: 'https://fake-site.atlassian.net', auth: AUTH, fetch: t.fetch });
    const err = await client.post(f.request.path, { body: RESEND.body, retry: { maxRetries: 0 } }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'conflict', retryable: true, possiblyProcessed: false });
  });
});
