// Every error fixture against the decisions of BambooHR's official PHP SDK (BambooHR has no Node SDK; its SDKs page,
// documentation.bamboohr.com/docs/sdks, lists PHP and Python), reproduced from
// BambooHR/bhr-api-php@a6a10ca26972470d31d494b9caaf7e5db9eaf945 (not a dependency here):
// - lib/Configuration.php (`$retries = 1`, `$retryableStatusCodes = [408, 429, 504, 598]`) and lib/ApiHelper.php
//   `sendRequestWithRetries`: an answer with one of those statuses is resent once, whatever the method, after
//   `usleep(100000 * 2^(attempt - 1))` (100 ms first), reading no Retry-After; nothing else is resent.
//   bhr-api-python (bamboohr_sdk/api_helper.py) has the same list and delays;
// - lib/ApiErrorHelper.php `createException`: the class by status from `$ERROR_MESSAGES` (400 BadRequest, 401
//   AuthenticationFailed, 403 PermissionDenied, 404 ResourceNotFound, 405 MethodNotAllowed, 409 Conflict, 429
//   RateLimitExceeded, 500 InternalServerError, 502 BadGateway, 503 ServiceUnavailable, 504 GatewayTimeout, ...),
//   else ClientException (4xx) or ServerException (5xx).
import { normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { bamboohr } from '../src/index';
import { FIRST_SLEEP_MS, sdkDecision } from './official-client';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const errors = fixtures.filter((f) => f.expected !== null);

/** Rosetta's kinds that say what each status's exception class says (ClientException says nothing more). */
const KINDS: Readonly<Record<number, readonly string[]>> = {
  400: ['validation'],
  401: ['authentication'],
  403: ['permission'],
  404: ['not_found'],
  405: ['unsupported'],
  409: ['conflict'],
  429: ['rate_limited', 'quota_exceeded'],
  500: ['server'],
  502: ['unavailable'],
  503: ['unavailable'],
  504: ['unavailable'],
};

const ours = (f: AdapterFixture) =>
  normalizeResponse(bamboohr, {
    ...f.response,
    method: f.request.method,
    url: `${bamboohr.baseUrl}${f.request.path}`,
  });

const safe = 'a transient failure, resent where safe (a GET); the SDK retries only 408, 429, 504 and 598';

// Where Rosetta decides otherwise, on purpose, with why (each fixture cites its BambooHR page). A new disagreement
// fails until it is understood and listed here.
const DISAGREEMENTS: Record<string, SdkDisagreement<ReturnType<typeof sdkDecision>>> = {
  'bad-gateway-502': {
    sdk: { retried: false },
    why: `api-error-code-definitions: 502 "Please try the request again"; ${safe}`,
  },
  'employee-limit-429-no-retry-after': {
    sdk: { retried: true, waitMs: FIRST_SLEEP_MS },
    why: 'api-error-code-definitions: 429 Limit Exceeded, the plan\'s employee limit; "every rate-limited response includes a Retry-After" (planned-changes-to-the-api), this one has none: no wait lifts it',
  },
  'server-error-500': { sdk: { retried: false }, why: `api-details: 500 Internal Server Error; ${safe}` },
  'service-unavailable-503-retry-after': {
    sdk: { retried: false },
    why: 'api-error-code-definitions: 503 with "a header that states Retry-After": resent after it (60 s)',
  },
};

// Where both resend and Rosetta waits otherwise than the SDK's 100 ms, with why.
const WAITS: Record<string, { readonly oursMs: number | undefined; readonly why: string }> = {
  'gateway-timeout-504': { oursMs: undefined, why: 'no hint: the adapter backs off (its first step, not 100 ms)' },
  'rate-limited-429-retry-after': {
    oursMs: 30_000,
    why: 'planned-changes-to-the-api: "Every rate-limited response includes a Retry-After header. Honor it"',
  },
  'rate-limited-429-post-retry-after': {
    oursMs: 5_000,
    why: 'the same Retry-After (5 s); the client still sends the POST once, as BambooHR does not say it was not applied',
  },
};

describe("bhr-api-php's sendRequestWithRetries vs Rosetta, on the same answers", () => {
  describeSdkDecisions(bamboohr, {
    fixtures,
    decide: sdkDecision,
    disagreements: DISAGREEMENTS,
    agreed: (sdk, mine, { name }) => {
      if (!sdk.retried) return;
      const wait = WAITS[name];
      expect(wait, `both resend ${name}: list Rosetta's wait`).toBeDefined();
      expect({ sdk: sdk.waitMs, ours: mine?.retryAfterMs }, wait?.why).toEqual({
        sdk: FIRST_SLEEP_MS,
        ours: wait?.oursMs,
      });
    },
  });
});

describe("bhr-api-php's exception class vs Rosetta's kind", () => {
  it.each(errors.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const kinds = KINDS[fixture.response.status];
    if (kinds !== undefined) expect(kinds).toContain(ours(fixture)?.kind);
  });
});

// A renamed or deleted fixture must not leave its listed wait behind, unchecked (describeSdkDecisions checks the
// disagreements).
it('lists only fixtures that exist', () => {
  const names = new Set(errors.map((f) => f.name));
  expect(Object.keys(WAITS).filter((name) => !names.has(name))).toEqual([]);
});
