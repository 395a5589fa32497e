// Every error fixture against the decisions of the Node clients (Intuit has no official Node SDK for the Accounting
// API), which resend nothing, and of Intuit's official .NET SDK (no dependency here):
// - node-quickbooks (mcohen01/node-quickbooks@f5baf5d976c17ccc6786c5b19d9fbceb3b5aac0d index.js), the community Node
//   client, sends every call once and has no retry anywhere;
// - Intuit's oauth-jsclient (intuit/oauth-jsclient@26853935a71bf1bf5f11ed0ecbb3c0d4ab87ae03 src/OAuthClient.js) sends
//   an API call (`makeApiCall`) once too; only its token, revoke and JWK requests are resent (3 times on 408, 429,
//   500, 502, 503, 504 after 1 s x 2^n), and none of these fixtures is such a request.
// Their errors are axios' (one class whatever the status): there is no class to compare with Rosetta's kind. So the
// SDKs' decision is "never resent", and each fixture Rosetta calls retryable is listed with the Intuit page that says
// to retry.
// Intuit's official .NET SDK has an opt-in policy
// (intuit/QuickBooks-V3-DotNET-SDK@859c320925b4213b3438cb216480d18d9242a3a9
// IPPDotNetDevKitCSV3/Code/Intuit.Ipp.Core/Retry/IntuitRetryPolicy.cs `CheckIsTransient`, used by
// RestCalls/SyncRestHandler.cs when `IppConfiguration.RetryPolicy` is set): every WebException of status
// ProtocolError (any non-2xx answer) but a 400 or 404 is resent, whatever the method, after the configured fixed,
// incremental or exponential interval, reading no Retry-After; a Fault in a 200 is never resent.
import { normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDecision, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { quickbooks, quickbooksUrl } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const errors = fixtures.filter((f) => f.expected !== null);

const ours = (f: AdapterFixture) =>
  normalizeResponse(quickbooks, {
    ...f.response,
    method: f.request.method,
    url: `${quickbooksUrl('9130357992221046')}${f.request.path}`,
  });

const throttle = 'limits-and-throttles: "If you see this, wait 60 seconds before retrying the request"';

/** The SDKs' decision on every answer. */
const NEVER_RESENT: SdkDecision = { retried: false };

// Where Rosetta resends and the SDKs do not, with why and Rosetta's wait. A new disagreement fails until it is
// understood and listed here.
const DISAGREEMENTS: Record<string, SdkDisagreement<SdkDecision>> = {
  'builder-monthly-cap-429': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: 60_000 },
    why: `${throttle}; the Builder cap's 429 cannot be told from a throttle (no body nor header differs)`,
  },
  'service-unavailable-503': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: undefined },
    why: 'error-codes: 503 "The service is temporarily unavailable": transient, no hint, backoff',
  },
  'system-fault-10000-500': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: undefined },
    why: 'error-codes: 500 "Resubmit the request once" (the adapter caps that answer at one resend)',
  },
  'throttle-exceeded-3001-429-gateway': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: 60_000 },
    why: `${throttle} (ThrottleExceeded 3001)`,
  },
  'rate-limited-recorded-throttle-3001-403-xml': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: 60_000 },
    why: `${throttle} (ThrottleExceeded 3001, sent as a 403 before Dec 2016)`,
  },
  'rate-limited-recorded-throttle-3001-429-xml': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: 60_000 },
    why: `${throttle} (ThrottleExceeded 3001 as XML, recorded 2017)`,
  },
  'throttled-429-no-retry-after': { sdk: NEVER_RESENT, ours: { retryAfterMs: 60_000 }, why: throttle },
  'unavailable-recorded-avi-503-html': {
    sdk: NEVER_RESENT,
    ours: { retryAfterMs: undefined },
    why: 'error-codes: 503 "The service is temporarily unavailable": an outage page, transient, backoff',
  },
};

describe("Intuit's Node clients (no retry) vs Rosetta, on the same answers", () => {
  describeSdkDecisions(quickbooks, {
    fixtures,
    url: (f) => `${quickbooksUrl('9130357992221046')}${f.request.path}`,
    decide: () => NEVER_RESENT,
    disagreements: DISAGREEMENTS,
  });
});

/** IntuitRetryPolicy's `CheckIsTransient` on one answer: any error status but 400 and 404. */
const dotnetRetries = ({ response }: AdapterFixture): boolean =>
  response.status >= 300 && response.status !== 400 && response.status !== 404;

// Where Rosetta does not resend what IntuitRetryPolicy resends, with why (error-codes, handling-common-errors).
const DOTNET_DISAGREEMENTS: Record<string, string> = {
  'application-authorization-failed-3100-403-gateway':
    'ApplicationAuthorizationFailed (3100): the app is not authorized for the company; the same call fails again',
  'auth-failed-3200-xml-401': 'AuthenticationFailed (3200): the token is refused; only a refresh, not a resend, helps',
  'auth-malformed-token-401-gateway': 'the same 3200, "Malformed bearer token": a resend sends the same token',
  'auth-recorded-general-authentication-100-xml-401':
    'error-codes: 100 General Authentication Error (an AuthenticationFault): the token is refused; a resend sends it again',
  'authorization-failure-120-xml-401':
    'handling-common-errors: 120 Authorization Failure, the user lost access to the company; no resend restores it',
};

describe("Intuit's .NET SDK (IntuitRetryPolicy, opt-in) vs Rosetta, on the same answers", () => {
  it.each(errors.map((f) => [f.name, f] as const))('%s', (name, fixture) => {
    const sdk = dotnetRetries(fixture);
    const retryable = ours(fixture)?.retryable;
    const why = DOTNET_DISAGREEMENTS[name];
    if (why !== undefined) {
      expect({ sdk, retryable }, why).toEqual({ sdk: true, retryable: false });
      return;
    }
    expect(retryable).toBe(sdk);
  });
});

// A renamed or deleted fixture must not leave its listed disagreement behind, unchecked (describeSdkDecisions
// checks the Node clients' table).
it('lists only fixtures that exist', () => {
  const names = new Set(errors.map((f) => f.name));
  expect(Object.keys(DOTNET_DISAGREEMENTS).filter((name) => !names.has(name))).toEqual([]);
});
