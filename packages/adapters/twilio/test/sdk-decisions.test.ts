// Every error fixture against the retry decision of Twilio's official Node client, twilio, reproduced from
// twilio/twilio-node@45d3d65a4ea87652f4c7973af0e0998f3af31322 src/base/RequestClient.ts (not a dependency here).
// Retries are off unless `autoRetry: true`; then `getExponentialBackoffResponseHandler` resends a 429 and nothing
// else, whatever its body or method, 3 times, each after a full-jitter wait in [0, min(3 s, 100 ms x 2^n)) (the first
// under 200 ms); it reads no Retry-After. Below, its decision with autoRetry on (off, it never resends anything). It
// throws one RestException for every status, `code` from the body.
import { normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { twilio } from '../src/index';
import { sdkDecision } from './official-client';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const errors = fixtures.filter((f) => f.expected !== null);

// Where Rosetta decides otherwise, on purpose, with why (the Twilio error pages the fixtures cite). A new
// disagreement fails until it is understood and listed here.
const DISAGREEMENTS: Record<string, SdkDisagreement<ReturnType<typeof sdkDecision>>> = {
  'email-unavailable-503-retry-after': {
    sdk: { retried: false },
    why: 'twilio.com/docs/email/api/errors, 503: "Retry after the duration specified in the Retry-After response header"',
  },
  'legacy-internal-error-20500-500-get': {
    sdk: { retried: false },
    why: 'twilio.com/docs/api/errors/20500: "GET and DELETE requests are always safe for you to retry"',
  },
  'legacy-internal-error-20500-500-send-sms': {
    sdk: { retried: false },
    why: 'the same 20500, retryable; the client does not resend this POST (possibly processed: "multiple messages")',
  },
  'legacy-service-unavailable-20503-503': {
    sdk: { retried: false },
    why: 'twilio.com/docs/api/errors/20503: "Try again a few times with exponential back-off"',
  },
  'verify-max-check-attempts-60202-429': {
    sdk: { retried: true },
    why: 'twilio.com/docs/api/errors/60202: max check attempts, "wait until the current verification expires (10 minutes)"',
  },
  'verify-max-send-attempts-60203-429': {
    sdk: { retried: true },
    why: 'twilio.com/docs/api/errors/60203: sends spent, "Wait for the verification to expire (10 minutes)"',
  },
};

describe("twilio-node's autoRetry vs Rosetta, on the same answers", () => {
  describeSdkDecisions(twilio, {
    fixtures,
    decide: sdkDecision,
    disagreements: DISAGREEMENTS,
  });
});

describe('how long before the retry, where both resend a throttle', () => {
  // twilio-node waits under 200 ms whatever the answer says; the bulk messaging 429 names its wait and Twilio says
  // to use it (twilio.com/docs/bulk-messaging/api/seek-message-resource: "retry according to the Retry-After").
  it('bulk-messaging-too-many-requests-20429-retry-after: Rosetta waits the Retry-After', () => {
    const fixture = errors.find(
      (f) => f.name === 'bulk-messaging-too-many-requests-20429-retry-after',
    ) as AdapterFixture;
    const ours = normalizeResponse(twilio, {
      ...fixture.response,
      method: fixture.request.method,
      url: `${twilio.baseUrl}${fixture.request.path}`,
    });
    expect(sdkDecision(fixture)).toEqual({ retried: true });
    expect(ours).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 3_000 });
  });
});
