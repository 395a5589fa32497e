// The official SDK's retry decision next to Rosetta's, on every error fixture (each cites the Intercom page it comes
// from), and the rate-limiting page's reset. intercom-node src/core/fetcher/requestWithRetries.ts
// (intercom/intercom-node@86d57815b702f461daf32aaebe665224a64a0a1b): a response is resent, up to 2 times and whatever
// the method, when its status is 408, 429 or >= 500; the wait is Retry-After (capped at 60 s), else X-RateLimit-Reset
// (epoch seconds) minus now plus up to 20% jitter, else 1 s * 2^n with +-10% jitter.
import { createClient, normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import { describeRetryDecisions } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { intercom } from '../src/index';
import { sdkDecision } from './official-client';

const ADAPTER = intercom;
const AUTH = { token: 'FAKE-token' };
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
type Fixture = (typeof fixtures)[number];

const sdkResends = (f: Fixture): boolean => sdkDecision(f).retried;

/** Rosetta's side of each row: the answer after a resend, and what a non-GET request sends. */
const RESEND = { auth: AUTH, success: { type: 'contact', id: 'FAKE' }, body: { name: 'FAKE' } };

afterEach(() => {
  vi.useRealTimers();
});

describe('retry decisions: intercom-node next to Rosetta, fixture by fixture', () => {
  const exportJob =
    'the documented limit is 1 pending export job: only the job finishing frees it, which no wait of seconds promises';
  // [fixture, intercom-node resends, Rosetta resends, why they differ]
  const rows: [string, boolean, boolean, string][] = [
    ['auth-missing-authorization-401', false, false, ''],
    ['auth-token-expired-401', false, false, ''],
    ['auth-token-revoked-401', false, false, ''],
    ['auth-unauthorized-401', false, false, ''],
    ['conflict-data-connector-not-draft-409', false, false, ''],
    ['conflict-recorded-archived-contact-exists-409', false, false, ''],
    ['conflict-resource-conflict-409', false, false, ''],
    ['contact-company-limit-exceeded-400', false, false, ''],
    ['contact-merged-410', false, false, ''],
    ['data-export-failed-in-200', false, false, ''],
    ['job-failed-in-200', false, false, ''],
    ['not-found-article-404', false, false, ''],
    ['not-found-company-404', false, false, ''],
    ['not-found-recorded-user-not-found-404', false, false, ''],
    ['permission-api-plan-restricted-403', false, false, ''],
    ['permission-forbidden-403', false, false, ''],
    ['permission-token-unauthorized-401', false, false, ''],
    ['rate-limited-app-window-429', true, true, ''],
    ['rate-limited-docs-too-many-requests-resource-429', true, true, ''],
    ['rate-limited-content-export-job-429', true, false, exportJob],
    ['rate-limited-reporting-export-jobs-429', true, false, exportJob],
    ['server-error-500', true, false, 'a POST that got a 500 may have been applied; DESIGN.md never sends it twice'],
    ['server-recorded-unarchive-server-error-500', true, false, 'the same: a POST, sent once'],
    ['unavailable-service-unavailable-503', true, true, ''],
    ['unsupported-intercom-version-invalid-400', false, false, ''],
    ['validation-error-422', false, false, ''],
    ['validation-invalid-cursor-400', false, false, ''],
    ['validation-recorded-not-restorable-400', false, false, ''],
    ['validation-recorded-user-to-lead-client-error-400', false, false, ''],
    ['validation-parameter-invalid-400', false, false, ''],
    ['validation-parameter-not-found-400', false, false, ''],
    ['validation-single-error-400', false, false, ''],
  ];

  describeRetryDecisions(ADAPTER, { fixtures, rows, sdkResends, resend: RESEND });
});

describe('the rate-limiting page: X-RateLimit-Reset, "Shown as UNIX timestamp"', () => {
  it('a throttled GET is resent at the reset (epoch seconds, 4 s here), as the SDK does (plus its jitter)', async () => {
    const f = fixtures.find((x) => x.name === 'rate-limited-app-window-429') as AdapterFixture;
    const now = Date.parse(f.now ?? '');
    const resetAt = Number(f.response.headers?.['x-ratelimit-reset']) * 1000;
    expect(resetAt - now).toBe(4_000);
    vi.useFakeTimers({ now });
    const t = createScriptedFetch([
      { status: 429, headers: f.response.headers as Record<string, string>, body: f.response.body },
      { status: 200, body: { type: 'list', data: [] } },
    ]);
    const client = createClient(ADAPTER, { auth: AUTH, fetch: t.fetch, retry: { random: () => 0 } });
    const call = client.get('/contacts');
    await vi.advanceTimersByTimeAsync(3_999);
    expect(t.log).toHaveLength(1);
    // Rosetta adds a small safety margin to a reset; the SDK adds up to 20% (4,000 to 4,800 ms here).
    await vi.advanceTimersByTimeAsync(201);
    await expect(call).resolves.toEqual({ type: 'list', data: [] });
    expect(t.log).toHaveLength(2);
  });
});

describe('the error-codes page (https://developers.intercom.com/docs/references/2.17/rest-api/errors/error-codes)', () => {
  // Each documented code, sent with the status the http-responses page gives its family (same version); the code
  // decides where it says more than the status. [code, status, kind, retryable]
  const table: [string, number, string, boolean][] = [
    ['server_error', 500, 'server', true],
    ['client_error', 400, 'validation', false],
    ['bad_request', 400, 'validation', false],
    ['type_mismatch', 400, 'validation', false],
    ['parameter_not_found', 400, 'validation', false],
    ['parameter_missing', 400, 'validation', false],
    ['missing_parameter', 400, 'validation', false],
    ['parameter_invalid', 400, 'validation', false],
    ['data_invalid', 422, 'validation', false],
    ['unprocessable_entity', 422, 'validation', false],
    ['not_found', 404, 'not_found', false],
    ['action_forbidden', 403, 'permission', false],
    ['forbidden', 403, 'permission', false],
    ['conflict', 409, 'conflict', false],
    ['resource_conflict', 409, 'conflict', false],
    ['api_plan_restricted', 403, 'permission', false],
    ['rate_limit_exceeded', 429, 'rate_limited', true],
    ['too_many_requests', 429, 'rate_limited', true],
    ['request_timeout', 408, 'timeout', true],
    ['service_unavailable', 503, 'unavailable', true],
    ['unsupported', 400, 'unsupported', false],
    ['unauthorized', 401, 'authentication', false],
    ['token_revoked', 401, 'authentication', false],
    ['token_blocked', 401, 'authentication', false],
    ['token_not_found', 401, 'authentication', false],
    ['token_unauthorized', 401, 'permission', false],
    ['token_expired', 401, 'authentication', false],
    ['missing_authorization', 401, 'authentication', false],
    // "The client should wait for a time before retrying the request", whatever status carries it.
    ['retry_after', 400, 'rate_limited', true],
    ['team_not_found', 404, 'not_found', false],
    ['admin_not_found', 404, 'not_found', false],
  ];

  it.each(table)('%s (%i)', (code, status, kind, retryable) => {
    const error = normalizeResponse(ADAPTER, {
      status,
      headers: { 'content-type': 'application/json' },
      body: { type: 'error.list', request_id: 'FAKE-request', errors: [{ code, message: `message of ${code}` }] },
      method: 'GET',
      url: 'https://api.intercom.io/contacts',
    });
    expect(error).toMatchObject({ kind, retryable, code, requestId: 'FAKE-request' });
  });
});
