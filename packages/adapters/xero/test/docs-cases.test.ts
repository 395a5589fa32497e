// The official SDKs' decisions next to Rosetta's on every error fixture (each cites the Xero page or SDK file it comes
// from). Neither xero-node (XeroAPI/xero-node@cfc658ff72e9d8c1b223a0f7ef5d00dcdb4bbf40: src/gen/api/*.ts reject any
// non-2xx, no retry anywhere) nor Xero-NetStandard (XeroAPI/Xero-NetStandard@e2b29f77
// Xero.NetStandard.OAuth2/Client/Configuration.cs DefaultExceptionFactory) resends anything: they hand a 429's
// `X-Rate-Limit-Problem` (as `limitType`) and whole-second `Retry-After` (as `RetryAfter`) to the caller, who decides.
import { normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeRetryDecisions } from '@rosetta/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { xero } from '../src/index';

const ADAPTER = xero;
const AUTH = { token: 'FAKE-token' };
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

/** Rosetta's side of each row: the answer after a resend, and what a non-GET request sends. */
const RESEND = { auth: AUTH, success: { Invoices: [] }, body: { Invoices: [] } };

describe('retry decisions: the official SDKs (none) next to Rosetta, fixture by fixture', () => {
  const keyed =
    'every Accounting POST and PUT carries a generated Idempotency-Key ("safely retry requests without the risk of duplicate processing")';
  const transient = 'an idempotent GET after a transient 503 is safe to repeat';
  // [fixture, Rosetta resends, why (the SDKs resend nothing)]
  const rows: [string, boolean, string][] = [
    ['authentication-recorded-authorization-unsuccessful-401', false, ''],
    ['authentication-recorded-bad-bearer-token-401', false, ''],
    ['bankfeeds-internal-error-500', true, keyed],
    ['bankfeeds-invalid-application-403', false, ''],
    ['batch-every-element-failed-in-200', false, ''],
    ['finance-invalid-request-400', false, ''],
    ['finance-service-unavailable-503', true, transient],
    ['invalid-token-401', false, ''],
    ['not-found-text-404', false, ''],
    ['oauth-invalid-client-400', false, ''],
    ['oauth-invalid-grant-400', false, ''],
    ['oauth1-rate-limit-503', true, "the response-codes page's OAuth 1.0a throttle: a wait, then the same call"],
    ['offline-for-maintenance-503', true, transient],
    ['payroll-flat-problem-400', false, ''],
    ['payroll-problem-envelope-400', false, ''],
    ['permission-recorded-authentication-unsuccessful-403', false, ''],
    ['projects-model-state-400', false, ''],
    ['quota-day-spent-429', false, ''],
    ['rate-limited-app-minute-429', true, 'the app-wide minute limit is a wait (the app-minute bucket pauses)'],
    ['rate-limited-minute-429', true, 'X-Rate-Limit-Problem: minute is a wait of Retry-After seconds'],
    ['temporarily-unavailable-503', true, transient],
    ['tenant-not-authorised-403', false, ''],
    ['token-expired-401', false, ''],
    ['validation-exception-contact-group-limit-400', false, ''],
    ['validation-exception-history-not-found-400', false, ''],
    ['validation-exception-unique-name-400', false, ''],
    ['validation-exception-with-warnings-400', false, ''],
    ['validation-recorded-email-invalid-400', false, ''],
  ];

  describeRetryDecisions(ADAPTER, { fixtures, rows, resend: RESEND });
});

describe('what Xero-NetStandard hands over on a 429 (limitType, RetryAfter), as Rosetta reads it', () => {
  // https://developer.xero.com/faq/limits and /documentation/guides/oauth2/limits/ : a 429 names the limit hit in
  // X-Rate-Limit-Problem and the wait in Retry-After (seconds).
  // [fixture, the bucket of xeroLimits it pauses]
  it.each([
    ['rate-limited-minute-429', 'minute'],
    ['quota-day-spent-429', 'day'],
    ['rate-limited-app-minute-429', 'app-minute'],
  ])('%s', (name, scope) => {
    const f = fixtures.find((x) => x.name === name) as AdapterFixture;
    const headers = f.response.headers as Record<string, string>;
    const limitType = headers['x-rate-limit-problem'];
    // Xero-NetStandard reads a missing Retry-After as 0 seconds; Rosetta as no hint.
    const retryAfterSeconds = Number.parseInt(headers['retry-after'] ?? '0', 10);
    const error = normalizeResponse(xero, {
      ...f.response,
      method: f.request.method,
      url: `${xero.baseUrl}${f.request.path}`,
    });
    // The code is Xero's word (NetStandard's LimitType); the scope, the bucket it names.
    expect(error?.code).toBe(limitType);
    expect(error?.rateLimit?.scope).toBe(scope);
    expect(error?.retryAfterMs).toBe(retryAfterSeconds === 0 ? undefined : retryAfterSeconds * 1000);
    // The day limit is spent for hours: a quota, never retried in-process; the minute limit is a wait.
    expect(error?.kind).toBe(limitType === 'day' ? 'quota_exceeded' : 'rate_limited');
  });
});
