// The official SDK's retry decision next to Rosetta's on every error fixture (each cites the Salesforce page it comes
// from). jsforce 3 (jsforce/jsforce@e744dad915492226c7838a9513697ed75b7ff998 src/request.ts `shouldRetryRequest`)
// resends a response whose status is 420, 429, 500, 502, 503 or 504 when the method is GET, PUT, HEAD, OPTIONS or
// DELETE (never POST nor PATCH): up to 5 times (a 420 twice), after 500 ms x 2^n, reading no Retry-After.
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeRetryDecisions, resendsOnce } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { salesforce } from '../src/index';
import { sdkDecision } from './official-client';

const ADAPTER = salesforce;
const AUTH = { token: 'FAKE-token' };
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
type Fixture = (typeof fixtures)[number];
const fixture = (name: string) => fixtures.find((x) => x.name === name) as AdapterFixture;

const sdkResends = (f: Fixture): boolean => sdkDecision(f).retried;

/** Rosetta's side of each row: the answer after a resend, and what a non-GET request sends. */
const RESEND = { auth: AUTH, success: { id: '001D000000INjVeIAL', success: true, errors: [] }, body: { Name: 'FAKE' } };

afterEach(() => {
  vi.useRealTimers();
});

describe('retry decisions: jsforce next to Rosetta, fixture by fixture', () => {
  // [fixture, jsforce resends, Rosetta resends, why they differ]
  const rows: [string, boolean, boolean, string][] = [
    ['api-disabled-403', false, false, ''],
    ['auth-recorded-expired-password-401', false, false, ''],
    ['auth-recorded-invalid-auth-header-401', false, false, ''],
    ['auth-recorded-session-expired-401', false, false, ''],
    ['conflict-docs-409', false, false, ''],
    ['conflict-docs-412', false, false, ''],
    ['duplicate-value-400', false, false, ''],
    ['edge-bad-gateway-502', true, true, ''],
    [
      'edge-no-route-420',
      true,
      false,
      '420 is a host Salesforce Edge has no route for ("Contact Salesforce Customer Support"): a wrong baseUrl, not a throttle; jsforce resends it twice',
    ],
    ['entity-is-deleted-404', false, false, ''],
    ['field-custom-validation-400', false, false, ''],
    ['html-unknown-org-404', false, false, ''],
    ['insufficient-access-403', false, false, ''],
    ['insufficient-access-cross-reference-400', false, false, ''],
    ['invalid-field-400', false, false, ''],
    ['invalid-session-401', false, false, ''],
    ['malformed-id-400', false, false, ''],
    ['malformed-query-400', false, false, ''],
    ['multiple-choices-300', false, false, ''],
    ['multiple-errors-400', false, false, ''],
    ['not-found-404', false, false, ''],
    ['not-found-recorded-account-404', false, false, ''],
    ['oauth-expired-refresh-token-400', false, false, ''],
    ['oauth-invalid-client-id-400', false, false, ''],
    ['oauth-recorded-invalid-client-id-400', false, false, ''],
    ['permission-recorded-scope-required-for-endpoint-401', false, false, ''],
    ['permission-recorded-session-not-valid-for-rest-401', false, false, ''],
    ['request-limit-concurrent-403', false, false, ''],
    ['request-limit-total-403', false, false, ''],
    ['required-field-missing-400', false, false, ''],
    ['server-docs-500', false, false, ''],
    ['server-unavailable-503', true, true, ''],
    ['session-not-valid-for-rest-401', false, false, ''],
    ['tree-has-errors-400', false, false, ''],
    ['unable-to-lock-row-500', false, false, ''],
    ['unsupported-docs-405', false, false, ''],
    ['unsupported-docs-410', false, false, ''],
    ['validation-docs-414', false, false, ''],
    ['validation-docs-415', false, false, ''],
    ['validation-docs-428', false, false, ''],
    ['validation-docs-431', false, false, ''],
    ['validation-recorded-json-parser-error-400', false, false, ''],
  ];

  describeRetryDecisions(ADAPTER, { fixtures, rows, sdkResends, resend: RESEND });

  // UNABLE_TO_LOCK_ROW is lock contention that clears: a GET, PUT or DELETE is resent whatever the status it comes
  // with (a 400 as well as a 500); jsforce resends it only as a 500 (by status) and never a PATCH.
  it.each([
    [400, false],
    [500, true],
  ])('UNABLE_TO_LOCK_ROW as a %i on a PUT: resent (jsforce: %s)', async (status, sdk) => {
    const f = fixture('unable-to-lock-row-500');
    const put = { ...f, request: { ...f.request, method: 'PUT' }, response: { ...f.response, status } };
    expect(sdkResends(put)).toBe(sdk);
    expect(await resendsOnce(ADAPTER, put, RESEND)).toBe(true);
  });

  // jsforce resends a 503 after 500 ms whatever the state of the org; Rosetta too resends a GET (after backoff), and
  // neither resends a POST: a 503 does not say the insert was not applied.
  it('a POST that got SERVER_UNAVAILABLE is not resent (nor by jsforce)', async () => {
    const f = fixture('server-unavailable-503');
    const post = { ...f, request: { method: 'POST', path: '/sobjects/Account' } };
    expect(sdkResends(post)).toBe(false);
    expect(await resendsOnce(ADAPTER, post, RESEND)).toBe(false);
  });
});
