import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeRetryDecisions, resendsOnce } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { twilio } from '../src/index';
import { sdkDecision } from './official-client';

const ADAPTER = twilio;
const AUTH = { username: 'ACFAKE0000000000000000000000000000', password: 'FAKE-token' };
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
type Fixture = (typeof fixtures)[number];

const sdkResends = (f: Fixture): boolean => sdkDecision(f).retried;

/** Rosetta's side of each row: the answer after a resend, and what a non-GET request sends. */
const RESEND = { auth: AUTH, success: { sid: 'FAKE' }, body: { To: '+15558675310' } };

afterEach(() => {
  vi.useRealTimers();
});

describe('retry decisions: twilio-node (autoRetry) next to Rosetta, fixture by fixture', () => {
  // [fixture, twilio-node resends, Rosetta resends, why they differ]
  const rows: [string, boolean, boolean, string][] = [
    ['bulk-messaging-not-found-20404-404', false, false, ''],
    [
      'bulk-messaging-too-many-requests-20429-retry-after',
      true,
      true,
      'Rosetta waits the Retry-After (3 s) the SDK ignores',
    ],
    ['email-internal-error-500-do-not-retry', false, false, ''],
    ['email-unavailable-503-retry-after', false, false, ''],
    ['legacy-account-suspended-20403-403', false, false, ''],
    ['legacy-authenticate-20003-401', false, false, ''],
    ['legacy-concurrency-20429-429', true, true, ''],
    [
      'legacy-internal-error-20500-500-get',
      false,
      true,
      '20500 page: GET and DELETE are safe to retry; the SDK retries no 5xx',
    ],
    ['legacy-internal-error-20500-500-send-sms', false, false, ''],
    ['legacy-invalid-to-21211-400', false, false, ''],
    ['legacy-not-found-20404-404', false, false, ''],
    [
      'legacy-service-unavailable-20503-503',
      false,
      true,
      'a GET after a 503 is safe to repeat; the SDK retries no 5xx',
    ],
    ['legacy-test-credentials-20008-403', false, false, ''],
    ['problem-invalid-parameter-20001-400', false, false, ''],
    ['problem-validation-errors-20001-422', false, false, ''],
    ['verify-check-expired-20404-404', false, false, ''],
    ['verify-concurrent-requests-phone-60212-429', true, true, ''],
    [
      'verify-max-check-attempts-60202-429',
      true,
      false,
      '60202: the attempts come back only when the verification expires (10 min); the SDK resends every 429',
    ],
    ['verify-max-send-attempts-60203-429', true, false, '60203: as 60202'],
    ['xml-rest-exception-404', false, false, ''],
    ['validation-docs-21212-invalid-from-400', false, false, ''],
    ['validation-docs-21606-from-not-owned-400', false, false, ''],
    ['rate-limited-docs-21611-sms-queue-full-429', true, true, ''],
    ['validation-docs-21612-to-not-reachable-400', false, false, ''],
    ['permission-docs-21408-geo-permission-400', false, false, ''],
    ['permission-recorded-trial-unverified-21608-400', false, false, ''],
    ['rate-limited-recorded-serverless-20429-429', true, true, ''],
    ['validation-recorded-invalid-to-21211-400', false, false, ''],
    ['validation-docs-21610-unsubscribed-recipient-400', false, false, ''],
    ['validation-docs-21614-to-not-mobile-400', false, false, ''],
  ];

  describeRetryDecisions(ADAPTER, { fixtures, rows, sdkResends, resend: RESEND });
});

describe('the 20429 page (https://www.twilio.com/docs/api/errors/20429)', () => {
  it('"never processed and is always safe to retry": a POST that got 20429 is resent, once the pause is over', async () => {
    const f = fixtures.find((x) => x.name === 'legacy-concurrency-20429-429') as AdapterFixture;
    expect(f.request.method).toBe('POST');
    expect(await resendsOnce(ADAPTER, f, RESEND)).toBe(true);
  });
});
