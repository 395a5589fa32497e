// The official SDK's retry decision next to Rosetta's, on every error fixture (each cites the Airtable page it comes
// from), and the documented 30-second wait. airtable.js src/base.ts `makeRequest`
// (Airtable/airtable.js@55cc755fa4f54e20927579a954c161ac2fe81135): a 429 is resent whatever the method and the body,
// with no attempt cap (unless `noRetryIfRateLimited`), after random * min(600,000, 5,000 * 2^n) ms
// (src/exponential_backoff_with_jitter.ts, src/internal_config.json); no other status is resent.
import { createClient } from '@rosetta/core';
import { type AdapterFixture, createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import { describeRetryDecisions } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { airtable } from '../src/index';

const ADAPTER = airtable;
const AUTH = { token: 'FAKE-token' };
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
type Fixture = (typeof fixtures)[number];

const sdkResends = (f: Fixture): boolean => f.response.status === 429;

/** Rosetta's side of each row: the answer after a resend, and what a non-GET request sends. */
const RESEND = { auth: AUTH, success: { records: [] }, body: { fields: {} } };

afterEach(() => {
  vi.useRealTimers();
});

describe('retry decisions: airtable.js next to Rosetta, fixture by fixture', () => {
  const idempotent = 'an idempotent GET after a transient 5xx is safe to repeat; airtable.js resends only 429s';
  // [fixture, airtable.js resends, Rosetta resends, why they differ]
  const rows: [string, boolean, boolean, string][] = [
    ['authentication-recorded-required-401', false, false, ''],
    ['authentication-required-401', false, false, ''],
    ['bad-gateway-502', false, true, idempotent],
    [
      'billing-limit-exceeded-429',
      true,
      false,
      'the monthly call quota is spent until the plan resets; airtable.js resends it forever',
    ],
    ['invalid-multiple-choice-options-422', false, false, ''],
    ['invalid-permissions-create-records-403', false, false, ''],
    ['invalid-permissions-or-model-not-found-403', false, false, ''],
    ['invalid-request-unknown-422', false, false, ''],
    ['invalid-value-for-column-422', false, false, ''],
    ['list-records-iterator-not-available-422', false, false, ''],
    ['non-object-body-200', false, false, ''],
    ['not-authorized-403-empty', false, false, ''],
    ['not-found-bare-string-404', false, false, ''],
    ['not-found-docs-404', false, false, ''],
    ['not-found-message-only-404', false, false, ''],
    ['not-found-recorded-bare-string-404', false, false, ''],
    ['not-found-recorded-meta-tables-type-only-404', false, false, ''],
    ['not-found-recorded-model-id-not-found-404', false, false, ''],
    ['not-found-recorded-table-not-found-404', false, false, ''],
    ['oauth-invalid-grant-400', false, false, ''],
    ['payment-required-docs-402', false, false, ''],
    ['rate-limit-reached-429-errors-list', true, true, ''],
    ['rate-limited-429-empty-body', true, true, ''],
    ['request-too-large-413', false, false, ''],
    ['server-error-500', false, true, idempotent],
    ['service-unavailable-503', false, true, idempotent],
    ['unknown-field-name-422', false, false, ''],
    ['validation-docs-400-bad-request', false, false, ''],
    ['validation-recorded-computed-field-422', false, false, ''],
  ];

  describeRetryDecisions(ADAPTER, { fixtures, rows, sdkResends, resend: RESEND });
});

describe('the rate-limit page: "wait 30 seconds before subsequent requests will succeed"', () => {
  // https://airtable.com/developers/web/api/rate-limits ; no Retry-After is sent or promised.
  it("resends a throttled POST (no Retry-After) 30 s later, not at airtable.js' 0 to 5 s", async () => {
    const f = fixtures.find((x) => x.name === 'rate-limit-reached-429-errors-list') as AdapterFixture;
    expect(f.response.headers?.['retry-after']).toBeUndefined();
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 27) });
    const t = createScriptedFetch([
      { status: 429, headers: f.response.headers as Record<string, string>, body: f.response.body },
      { status: 200, body: { records: [] } },
    ]);
    const client = createClient(ADAPTER, { auth: AUTH, fetch: t.fetch, retry: { random: () => 0 } });
    const call = client.post('/v0/appFAKE0000000001/Tasks', { body: { records: [] } });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(t.log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual({ records: [] });
    expect(t.log).toHaveLength(2);
  });
});
