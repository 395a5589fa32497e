// The official SDK's retry decision next to Rosetta's on every error fixture (each cites the Zendesk page it comes
// from). node-zendesk 6.0.1 (blakmatrix/node-zendesk@3b354cfdf7f78741eda190e41be9679758edde97) resends nothing:
// src/clients/client.js `request()` sends once; src/clients/throttle.js only spaces the pages of an opt-in throttled
// `requestAll()`; src/clients/helpers.js `checkRequestResponse` turns any answer that carries Retry-After (a 503
// database timeout included) into a returned "429" Error, "Zendesk rate limits 200 requests per minute".
import { createClient } from '@rosetta/core';
import { type AdapterFixture, createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import { describeRetryDecisions, resendsOnce } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { zendesk, zendeskUrl } from '../src/index';

const ADAPTER = zendesk;
const AUTH = { scheme: 'bearer' as const, token: 'FAKE-token' };
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const fixture = (name: string) => fixtures.find((x) => x.name === name) as AdapterFixture;

/** Rosetta's side of each row: the answer after a resend, and what a non-GET request sends. */
const RESEND = { auth: AUTH, success: { user: { id: 12345 } }, body: { user: { name: 'FAKE' } } };
/** A client's account: the adapter's base URL is a template (`https://{subdomain}.zendesk.com/api/v2`). */
const SITE = { baseUrl: zendeskUrl('fake-site') };
const NO_WAIT = { baseDelayMs: 0 };

afterEach(() => {
  vi.useRealTimers();
});

describe('retry decisions: node-zendesk (none) next to Rosetta, fixture by fixture', () => {
  // rate-limits: "When you reach the limit, the API stops processing any more requests" (throttleRefusesRequest).
  const throttled = 'a throttled request was not processed: resent after the wait, whatever the method';
  // requests: "You can retry your request after the number of seconds specified in the Retry-After header".
  const transient = 'a GET after a 5xx is safe to repeat';
  // [fixture, Rosetta resends, why (node-zendesk resends nothing)]
  const rows: [string, boolean, string][] = [
    ['auth-couldnt-authenticate-401', false, ''],
    ['auth-oauth-invalid-token-401', false, ''],
    ['conflict-creation-race-409', true, 'the database refused the creation ("Try your API call again"): resent'],
    ['conflict-duplicate-value-422', false, ''],
    ['conflict-safe-update-collision-409', false, ''],
    ['job-status-failed-in-200', false, ''],
    ['not-found-invalid-endpoint-404', false, ''],
    ['not-found-record-404', false, ''],
    ['permission-forbidden-wrapped-403', false, ''],
    ['rate-limited-account-429-text', true, `${throttled}; Retry-After 37 s`],
    ['rate-limited-autocomplete-errors-list-429', true, `${throttled}; no Retry-After: backoff`],
    ['rate-limited-endpoint-tickets-index-429', true, `${throttled}; Retry-After 41 s`],
    ['rate-limited-recorded-update-user-429', true, `${throttled}; Retry-After 27 s`],
    ['rate-limited-too-many-jobs', true, `${throttled}; the inflight-jobs header's resets (60 s)`],
    ['rate-limited-update-user-no-retry-after-429', true, `${throttled}; no Retry-After: backoff`],
    ['unavailable-autocomplete-errors-list-500', true, transient],
    ['unavailable-database-timeout-503', true, `${transient}; waits Retry-After (5 s), not a rate limit`],
    ['unavailable-maintenance-503', true, `${transient}; no Retry-After (maintenance): backoff`],
    ['validation-autocomplete-query-error-400', false, ''],
    ['validation-record-invalid-closed-ticket-422', false, ''],
    ['validation-recorded-user-email-422', false, ''],
    ['validation-recorded-view-invalid-attribute-400', false, ''],
    ['validation-recorded-view-record-invalid-422', false, ''],
    ['validation-recorded-view-two-base-errors-422', false, ''],
  ];

  describeRetryDecisions(ADAPTER, { fixtures, rows, resend: RESEND });

  it('a throttled POST is resent too (node-zendesk resends nothing)', async () => {
    const f = fixture('rate-limited-account-429-text');
    expect(await resendsOnce(ADAPTER, { ...f, request: { method: 'POST', path: '/tickets' } }, RESEND)).toBe(true);
  });

  // requests: the 503 of a deadlock may be retried, but nothing says the deadlocked write was rolled back: a POST is
  // not resent (the official Ruby client, zendesk_api_client_rb retry.rb, resends it; Rosetta does not copy that).
  it('a POST that got a deadlock 503 is not resent', async () => {
    const f = fixture('unavailable-database-timeout-503');
    expect(await resendsOnce(ADAPTER, { ...f, request: { method: 'POST', path: '/tickets' } }, RESEND)).toBe(false);
  });

  // Ticket creation honours an Idempotency-Key (src/adapter.ts): a creation race is resent with the same key.
  it('a ticket creation that lost a race is resent when it carries an Idempotency-Key', async () => {
    const f = fixture('conflict-creation-race-409');
    const t = createScriptedFetch([f.response as never, { status: 200, body: RESEND.success }]);
    const client = createClient(ADAPTER, { ...SITE, auth: AUTH, fetch: t.fetch, rateLimit: false, retry: NO_WAIT });
    await client.post('/tickets', { body: { ticket: { subject: 'FAKE' } }, idempotencyKey: 'FAKE-key' });
    expect(t.log).toHaveLength(2);
    expect(t.requests[1]?.headers['idempotency-key']).toBe('FAKE-key');
  });

  // rate-limits, endpoint table: Update User allows 5 requests per minute per user, and its 429 comes without
  // Retry-After (the fixture's community capture). Core's default pause (1 s) would resend the PUT every second and
  // fail within 3 s; the adapter waits the minute, in the `update-user` bucket, so the rest of the account goes on.
  it('waits the Update User minute before resending its throttled PUT, and pauses only that user', async () => {
    const f = fixture('rate-limited-update-user-no-retry-after-429');
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 26) });
    const t = createScriptedFetch([
      f.response as never,
      { status: 200, body: { user: { id: 8 } } },
      { status: 200, body: RESEND.success },
    ]);
    const client = createClient(ADAPTER, { baseUrl: 'https://fake.zendesk.com/api/v2', auth: AUTH, fetch: t.fetch });
    const call = client.put(f.request.path, { body: RESEND.body });
    await vi.advanceTimersByTimeAsync(1_000);
    const other = client.put('/users/8', { body: RESEND.body });
    await vi.advanceTimersByTimeAsync(57_000);
    expect(t.log).toEqual(['START PUT /api/v2/users/12345', 'START PUT /api/v2/users/8']);
    await other;
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(call).resolves.toEqual(RESEND.success);
    expect(t.log).toHaveLength(3);
  });

  // requests: 409 "often indicates a uniqueness constraint error in our database due to the attempted simultaneous
  // creation of a resource. Try your API call again." The database refused the creation: it did not happen, and the
  // adapter says so (`notProcessed`), so the keyless POST is resent and a last refusal is not `possiblyProcessed`.
  it('resends a keyless creation that lost a race, and calls a last refusal not processed', async () => {
    const f = fixture('conflict-creation-race-409');
    expect(await resendsOnce(ADAPTER, f, RESEND)).toBe(true);
    const t = createScriptedFetch([f.response as never]);
    const client = createClient(ADAPTER, { baseUrl: 'https://fake.zendesk.com/api/v2', auth: AUTH, fetch: t.fetch });
    const err = await client.post(f.request.path, { body: RESEND.body, retry: { maxRetries: 0 } }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'conflict', retryable: true, possiblyProcessed: false });
  });
});
