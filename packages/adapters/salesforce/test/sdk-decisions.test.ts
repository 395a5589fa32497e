// Every error fixture against the retry decision of jsforce 3, the JavaScript client Salesforce's own CLI library
// (@salesforce/core) builds on, reproduced from jsforce/jsforce@e744dad915492226c7838a9513697ed75b7ff998
// src/request.ts `shouldRetryRequest` (not a dependency here): an answer whose status is 420, 429, 500, 502, 503 or
// 504 is resent when the method is GET, PUT, HEAD, OPTIONS or DELETE (never POST nor PATCH), up to 5 times (a 420
// twice), after `minTimeout` 500 ms x `timeoutFactor` 2^n, reading no Retry-After. Its errors (src/http-api.ts
// HttpApiError) are one class named by the body's errorCode, whatever the status: there is no class to compare with
// Rosetta's kind (official-sdk-errors.test.ts reads them).
import { loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { describe, expect } from 'vitest';
import { salesforce } from '../src/index';
import { MIN_TIMEOUT_MS, sdkDecision } from './official-client';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

// Where Rosetta decides otherwise, on purpose, with why (each fixture cites its Salesforce page). `retryable` says
// the failure is transient; the client still resends a PATCH only with an idempotency key (docs-cases.test.ts), as
// jsforce never does. A new disagreement fails until it is understood and listed here.
const DISAGREEMENTS: Record<string, SdkDisagreement<ReturnType<typeof sdkDecision>>> = {
  'edge-no-route-420': {
    sdk: { retried: true, waitMs: MIN_TIMEOUT_MS },
    why: 'api_rest errorcodes: 420 is "Salesforce Edge doesn\'t have routing information available for this request host. Contact Salesforce Customer Support": no resend finds a route',
  },
  'server-docs-500': {
    sdk: { retried: false },
    why: 'api_rest errorcodes: 500 "an error has occurred within Lightning Platform": transient (jsforce resends it on a GET); only the PATCH keeps jsforce from it',
  },
  'unable-to-lock-row-500': {
    sdk: { retried: false },
    why: 'UNABLE_TO_LOCK_ROW is record lock contention, which clears: transient; jsforce declines only because of the PATCH',
  },
};

describe("jsforce's shouldRetryRequest vs Rosetta, on the same answers", () => {
  describeSdkDecisions(salesforce, {
    fixtures,
    decide: sdkDecision,
    disagreements: DISAGREEMENTS,
    agreed: (sdk, mine) => {
      // Where both resend, neither has a hint to wait: jsforce sleeps 500 ms x 2^n, Rosetta the adapter's backoff.
      if (sdk.retried) expect(mine?.retryAfterMs).toBeUndefined();
    },
  });
});
