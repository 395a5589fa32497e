// Every error fixture against the decisions of Xero's official SDKs, which resend nothing (no dependency here):
// - xero-node (XeroAPI/xero-node@cfc658ff72e9d8c1b223a0f7ef5d00dcdb4bbf40 src/gen/api/*.ts): any non-2xx answer is
//   rejected with `JSON.stringify(new ApiError(error).generateError())` (src/model/ApiError.ts), no retry anywhere;
// - Xero-NetStandard (XeroAPI/Xero-NetStandard@e2b29f77 Xero.NetStandard.OAuth2/Client/Configuration.cs
//   DefaultExceptionFactory) hands a 429's X-Rate-Limit-Problem and Retry-After to the caller, who decides.
// xero-node's error is one shape whatever the status: there is no class to compare with Rosetta's kind. So the SDKs'
// decision is "never resent", and each fixture Rosetta calls retryable is listed with the Xero page that says to retry.
import { loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDecision, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { describe } from 'vitest';
import { xero } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

const offline = 'http-response-codes: 503 Not Available, the API offline or unavailable for a while: backoff';

/** The SDKs' decision on every answer. */
const NEVER_RESENT: SdkDecision = { retried: false };

// Where Rosetta resends and the SDKs do not, with why and Rosetta's wait. A new disagreement fails until it is
// understood and listed here.
const DISAGREEMENTS: Record<string, SdkDisagreement<SdkDecision>> = {
  'bankfeeds-internal-error-500': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: undefined },
    why: 'Xero-OpenAPI xero_bankfeeds.yaml, the 500 example: "The request should be retried"',
  },
  'finance-service-unavailable-503': { sdk: NEVER_RESENT, ours: { retryAfterMs: undefined }, why: offline },
  'oauth1-rate-limit-503': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: undefined },
    why: 'http-response-codes: 503 "Rate Limit Exceeded" for the OAuth 1.0a pairing: a wait, then the same call',
  },
  'offline-for-maintenance-503': { sdk: NEVER_RESENT, ours: { retryAfterMs: undefined }, why: offline },
  'rate-limited-app-minute-429': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: undefined },
    why: 'faq/limits: the App Minute Limit, 10,000 calls a minute across tenants, a wait; no Retry-After promised: backoff',
  },
  'rate-limited-minute-429': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: 37_000 },
    why: 'oauth2/limits: X-Rate-Limit-Problem minute, with a Retry-After "if you have exceed the minute or daily limit"',
  },
  'temporarily-unavailable-503': { sdk: NEVER_RESENT, ours: { retryAfterMs: undefined }, why: offline },
};

describe("Xero's official SDKs (no retry) vs Rosetta, on the same answers", () => {
  describeSdkDecisions(xero, {
    fixtures,
    decide: () => NEVER_RESENT,
    disagreements: DISAGREEMENTS,
  });
});
