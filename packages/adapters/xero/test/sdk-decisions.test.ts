// Every error fixture against the decisions of Xero's official SDKs, which resend nothing (no dependency here):
// - xero-node (XeroAPI/xero-node@cfc658ff72e9d8c1b223a0f7ef5d00dcdb4bbf40 src/gen/api/*.ts): any non-2xx answer is
//   rejected with `JSON.stringify(new ApiError(error).generateError())` (src/model/ApiError.ts), no retry anywhere;
// - Xero-NetStandard (XeroAPI/Xero-NetStandard@e2b29f77 Xero.NetStandard.OAuth2/Client/Configuration.cs
//   DefaultExceptionFactory) hands a 429's X-Rate-Limit-Problem and Retry-After to the caller, who decides.
// xero-node's error is one shape whatever the status: there is no class to compare with Rosetta's kind. So the SDKs'
// decision is "never resent", and each fixture Rosetta calls retryable is listed with the Xero page that says to retry.
import { normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { xero } from '../src/index';

const errors = loadFixtures(new URL('./fixtures', import.meta.url)).filter((f) => f.expected !== null);

const ours = (f: AdapterFixture) =>
  normalizeResponse(xero, { ...f.response, method: f.request.method, url: `${xero.baseUrl}${f.request.path}` });

const offline = 'http-response-codes: 503 Not Available, the API offline or unavailable for a while: backoff';

// Where Rosetta resends and the SDKs do not, with why and Rosetta's wait. A new disagreement fails until it is
// understood and listed here.
const DISAGREEMENTS: Record<string, { readonly oursMs: number | undefined; readonly why: string }> = {
  'bankfeeds-internal-error-500': {
    oursMs: undefined,
    why: 'Xero-OpenAPI xero_bankfeeds.yaml, the 500 example: "The request should be retried"',
  },
  'finance-service-unavailable-503': { oursMs: undefined, why: offline },
  'oauth1-rate-limit-503': {
    oursMs: undefined,
    why: 'http-response-codes: 503 "Rate Limit Exceeded" for the OAuth 1.0a pairing: a wait, then the same call',
  },
  'offline-for-maintenance-503': { oursMs: undefined, why: offline },
  'rate-limited-app-minute-429': {
    oursMs: undefined,
    why: 'faq/limits: the App Minute Limit, 10,000 calls a minute across tenants, a wait; no Retry-After promised: backoff',
  },
  'rate-limited-minute-429': {
    oursMs: 37_000,
    why: 'oauth2/limits: X-Rate-Limit-Problem minute, with a Retry-After "if you have exceed the minute or daily limit"',
  },
  'temporarily-unavailable-503': { oursMs: undefined, why: offline },
};

describe("Xero's official SDKs (no retry) vs Rosetta, on the same answers", () => {
  it.each(errors.map((f) => [f.name, f] as const))('%s', (name, fixture) => {
    const mine = ours(fixture);
    const known = DISAGREEMENTS[name];
    if (known !== undefined) {
      expect({ retryable: mine?.retryable, waitMs: mine?.retryAfterMs }, known.why).toEqual({
        retryable: true,
        waitMs: known.oursMs,
      });
      return;
    }
    expect(mine?.retryable).toBe(false);
  });
});

// A renamed or deleted fixture must not leave its listed disagreement behind, unchecked.
it('lists only fixtures that exist', () => {
  const names = new Set(errors.map((f) => f.name));
  expect([...Object.keys(DISAGREEMENTS)].filter((name) => !names.has(name))).toEqual([]);
});
