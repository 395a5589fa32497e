// Every error fixture against the decisions of Intuit's Node clients, which resend nothing (no dependency here):
// - node-quickbooks (mcohen01/node-quickbooks@f5baf5d976c17ccc6786c5b19d9fbceb3b5aac0d index.js), the Node client
//   Intuit's SDK page points to, sends every call once and has no retry anywhere;
// - Intuit's oauth-jsclient (intuit/oauth-jsclient@26853935a71bf1bf5f11ed0ecbb3c0d4ab87ae03 src/OAuthClient.js) sends
//   an API call (`makeApiCall`) once too; only its token, revoke and JWK requests are resent (3 times on 408, 429,
//   500, 502, 503, 504 after 1 s x 2^n), and none of these fixtures is such a request.
// Their errors are axios' (one class whatever the status): there is no class to compare with Rosetta's kind. So the
// SDKs' decision is "never resent", and each fixture Rosetta calls retryable is listed with the Intuit page that says
// to retry.
import { normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { quickbooks, quickbooksUrl } from '../src/index';

const errors = loadFixtures(new URL('./fixtures', import.meta.url)).filter((f) => f.expected !== null);

const ours = (f: AdapterFixture) =>
  normalizeResponse(quickbooks, {
    ...f.response,
    method: f.request.method,
    url: `${quickbooksUrl('9130357992221046')}${f.request.path}`,
  });

const throttle = 'limits-and-throttles: "If you see this, wait 60 seconds before retrying the request"';

// Where Rosetta resends and the SDKs do not, with why and Rosetta's wait. A new disagreement fails until it is
// understood and listed here.
const DISAGREEMENTS: Record<string, { readonly oursMs: number | undefined; readonly why: string }> = {
  'builder-monthly-cap-429': {
    oursMs: 60_000,
    why: `${throttle}; the Builder cap's 429 cannot be told from a throttle (no body nor header differs)`,
  },
  'service-unavailable-503': {
    oursMs: undefined,
    why: 'error-codes: 503 "The service is temporarily unavailable": transient, no hint, backoff',
  },
  'system-fault-10000-500': {
    oursMs: undefined,
    why: 'error-codes: 500 "Resubmit the request once" (the adapter caps that answer at one resend)',
  },
  'throttle-exceeded-3001-429-gateway': { oursMs: 60_000, why: `${throttle} (ThrottleExceeded 3001)` },
  'throttled-429-no-retry-after': { oursMs: 60_000, why: throttle },
};

describe("Intuit's Node clients (no retry) vs Rosetta, on the same answers", () => {
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
