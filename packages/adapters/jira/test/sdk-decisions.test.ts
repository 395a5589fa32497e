// Every error fixture against the decisions of jira.js 6, the Jira Cloud client for Node (Atlassian publishes
// none), reproduced from MrRefactoring/jira.js@ef1506ef85df0d3a252309f9696b6b67b96dd8ed (not a dependency here):
// - src/core/createClient.ts with TRANSIENT_HTTP_STATUSES (src/core/errors/fromResponse.ts): resends nothing by
//   default (`retry.maxAttempts` 1); with the opt-in `retry` it resends a 502, 503 or 504 whatever the method, after
//   `initialDelayMs` (500 ms) x `backoffFactor` (2)^n, reading no Retry-After (src/core/schemas/clientConfig.ts:
//   "Never retries 4xx (including 401, 429) or 5xx other than 502/503/504");
// - src/core/errors/fromResponse.ts `createApiError`: the class by status: 401 AuthError (ScopeError when the body
//   says "scope does not match"), 403 ForbiddenError, 404 NotFoundError, 429 RateLimitError (Retry-After handed over
//   as `retryAfterMs`), >= 500 ServerError, any other ApiError; a 2xx is data, never an error.
import { normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jira } from '../src/index';
import { INITIAL_DELAY_MS, sdkDecision } from './official-client';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const errors = fixtures.filter((f) => f.expected !== null);

/** The error class `createApiError` picks for the answer, or null where jira.js returns it as data. */
function sdkErrorClass({ response }: AdapterFixture): string | null {
  const { status, body } = response;
  if (status < 300) return null;
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
  if (status === 401) {
    return typeof message === 'string' && /scope does not match/i.test(message) ? 'ScopeError' : 'AuthError';
  }
  if (status === 403) return 'ForbiddenError';
  if (status === 404) return 'NotFoundError';
  if (status === 429) return 'RateLimitError';
  return status >= 500 ? 'ServerError' : 'ApiError';
}

/** Rosetta's kinds that say what each jira.js class says; ApiError (any other status) says nothing more. */
const KINDS: Readonly<Record<string, readonly string[]>> = {
  AuthError: ['authentication'],
  ScopeError: ['permission'],
  ForbiddenError: ['permission'],
  NotFoundError: ['not_found'],
  RateLimitError: ['rate_limited', 'quota_exceeded'],
  ServerError: ['server', 'unavailable'],
};

const ours = (f: AdapterFixture) => {
  vi.useFakeTimers({ now: Date.parse(f.now ?? '2026-03-26T16:25:28Z'), toFake: ['Date'] });
  return normalizeResponse(jira, {
    ...f.response,
    method: f.request.method,
    url: `https://fake-site.atlassian.net${f.request.path}`,
  });
};

afterEach(() => {
  vi.useRealTimers();
});

const throttle =
  'jira.js resends no 429 ("Never retries 4xx"); developer.atlassian.com/cloud/jira/platform/rate-limiting';

// Where Rosetta decides otherwise, on purpose, with why (each fixture cites its Atlassian page). A new disagreement
// fails until it is understood and listed here.
const DISAGREEMENTS: Record<string, SdkDisagreement<ReturnType<typeof sdkDecision>>> = {
  'conflict-409-concurrent-transition': {
    sdk: { retried: false },
    why: 'change-notice-update-in-simultaneous-transitions-issue-api: the refused transition did not run, "employ a retry mechanism"',
  },
  'rate-limited-burst-429': {
    sdk: { retried: false },
    why: `${throttle}: wait its Retry-After (1 s), then retry`,
  },
  'rate-limited-per-issue-write-429': {
    sdk: { retried: false },
    why: `${throttle}, "Implementing retry logic": without Retry-After, back off exponentially`,
  },
  'rate-limited-user-search-429': {
    sdk: { retried: false },
    why: 'the user-search 429 of the Jira OpenAPI: "Please respect the Retry-After header" (5 s), then retry',
  },
  'recorded-internal-server-error-500': {
    sdk: { retried: false },
    why: 'a 500 is a server fault (DESIGN.md: server, retryable) and resent only where safe: this unkeyed POST is not (docs-cases)',
  },
  'user-email-503-not-enabled': {
    sdk: { retried: true, waitMs: INITIAL_DELAY_MS },
    why: 'the Jira OpenAPI\'s /user/email 503 "Indicates the API is not currently enabled" for the app: no resend enables it',
  },
};

// Where Rosetta's kind says something other than jira.js's class, with why.
const KIND_DISAGREEMENTS: Record<string, { readonly sdk: string | null; readonly why: string }> = {
  'captcha-403': {
    sdk: 'ForbiddenError',
    why: 'basic-auth-for-rest-apis: X-Authentication-Denied-Reason CAPTCHA_CHALLENGE is a login refused, not a permission',
  },
  'user-email-503-not-enabled': {
    sdk: 'ServerError',
    why: 'the API is not enabled for this app: unsupported, no fault',
  },
  'success-anonymous-200-authenticated-failed': {
    sdk: null,
    why: 'X-Seraph-LoginReason AUTHENTICATED_FAILED: Jira served the 200 anonymously; jira.js hands over the data',
  },
  'success-task-failed-200': { sdk: null, why: 'a long-running task that FAILED, read from its 200 status answer' },
};

describe('jira.js (opt-in retry) vs Rosetta, on the same answers', () => {
  describeSdkDecisions(jira, {
    fixtures,
    decide: sdkDecision,
    disagreements: DISAGREEMENTS,
  });
});

describe("jira.js's error class vs Rosetta's kind", () => {
  it.each(errors.map((f) => [f.name, f] as const))('%s', (name, fixture) => {
    const sdk = sdkErrorClass(fixture);
    const kind = ours(fixture)?.kind;
    const known = KIND_DISAGREEMENTS[name];
    if (known !== undefined) {
      expect(sdk, known.why).toBe(known.sdk);
      expect(sdk === null ? [] : KINDS[sdk], known.why).not.toContain(kind);
      return;
    }
    if (sdk === 'ApiError') return;
    expect(KINDS[sdk ?? '']).toContain(kind);
  });
});

describe('how long before the retry, where both resend', () => {
  // The only one: a 503 with Retry-After 30. jira.js waits its 500 ms backoff; Atlassian's rate-limiting page says
  // "Some transient 5xx responses (such as 503) may also include a Retry-After header", which Rosetta waits.
  it('service-unavailable-503-retry-after: Retry-After (30 s), not the 500 ms backoff', () => {
    const both = errors.filter((f) => sdkDecision(f).retried && ours(f)?.retryable === true);
    expect(both.map((f) => f.name)).toEqual(['service-unavailable-503-retry-after']);
    const fixture = both[0] as AdapterFixture;
    expect(sdkDecision(fixture).waitMs).toBe(500);
    expect(ours(fixture)?.retryAfterMs).toBe(30_000);
  });
});

// A renamed or deleted fixture must not leave its listed disagreement behind, unchecked.
// (describeSdkDecisions checks the retry disagreements.)
it('lists only fixtures that exist', () => {
  const names = new Set(errors.map((f) => f.name));
  expect(Object.keys(KIND_DISAGREEMENTS).filter((name) => !names.has(name))).toEqual([]);
});
