// Every error fixture against the retry decision of Intercom's official Node client, intercom-client (Fern
// generated), reproduced from intercom/intercom-node@86d57815b702f461daf32aaebe665224a64a0a1b
// src/core/fetcher/requestWithRetries.ts (not a dependency here). It resends a 408, a 429 or any status >= 500,
// whatever the body or method, twice at most. Its wait: a positive integer `Retry-After` in seconds (or an HTTP date),
// capped at 60 s; else `X-RateLimit-Reset` (epoch seconds) minus now, capped at 60 s, plus 0-20% jitter; else 1 s x
// 2^n with +-10% jitter. Its errors are one class per documented status (src/api/errors: BadRequestError 400,
// UnauthorizedError 401, ForbiddenError 403, NotFoundError 404, UnprocessableEntityError 422, TooManyRequestsError
// 429), the same split as Rosetta's kinds there, 401 aside (see permission-token-unauthorized-401's notes).
import { type ErrorKind, normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { intercom } from '../src/index';
import { sdkDecision } from './official-client';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const errors = fixtures.filter((f) => f.expected !== null);

afterEach(() => {
  vi.useRealTimers();
});

// Where Rosetta decides otherwise, on purpose, with why (the Intercom docs and OpenAPI the fixtures cite). A new
// disagreement fails until it is understood and listed here.
const DISAGREEMENTS: Record<string, SdkDisagreement<ReturnType<typeof sdkDecision>>> = {
  'rate-limited-content-export-job-429': {
    sdk: { retried: true, waitMs: 6_000 },
    why: 'OpenAPI POST /export/content/data: 429 for "a second concurrent job": it lasts until the first job ends',
  },
  'rate-limited-reporting-export-jobs-429': {
    sdk: { retried: true, waitMs: 6_000 },
    why: 'OpenAPI POST /export/reporting_data/enqueue: 429 "Too many jobs in progress": no window resets it',
  },
};

// Where both resend but the SDK's wait is not one the answer sets, with why: the SDK's wait is pinned here and left out
// of the comparison (the testkit's disagreements are about resending, not waiting).
const WAITS: Record<string, { sdkWaitMs: number; why: string }> = {
  'server-recorded-unarchive-server-error-500': {
    sdkWaitMs: 2_000,
    why: 'the SDK waits for X-RateLimit-Reset after any 5xx; the rate-limiting page makes it the reset of a spent window, and 145 of 167 remain: Rosetta backs off instead',
  },
};

describe("intercom-client's retries vs Rosetta, on the same answers", () => {
  // A row whose fixture is gone would pin nothing and go unnoticed (the testkit checks only its disagreements).
  it('every pinned SDK wait names a fixture', () => {
    expect(Object.keys(WAITS).filter((name) => !errors.some((f) => f.name === name))).toEqual([]);
  });

  describeSdkDecisions(intercom, {
    fixtures,
    decide: (fixture) => {
      // Only Date is faked: both waits for the window are X-RateLimit-Reset minus now (the app-window fixture's now).
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.parse(fixture.now ?? '2026-11-26T12:00:00Z'));
      const sdk = sdkDecision(fixture);
      const wait = WAITS[fixture.name];
      if (wait === undefined) return sdk;
      expect(sdk.waitMs, wait.why).toBe(wait.sdkWaitMs);
      return { retried: sdk.retried };
    },
    disagreements: DISAGREEMENTS,
    // The wait the answer sets is the same for both (the SDK then adds up to 20% jitter).
    sameWait: true,
  });
});

/** The kind each of the SDK's status classes plainly means (BadRequestError, UnauthorizedError, ...). */
const KIND_OF_STATUS_CLASS: Readonly<Record<number, ErrorKind>> = {
  400: 'validation',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  409: 'conflict',
  422: 'validation',
  429: 'rate_limited',
  500: 'server',
};

// Where the body says more than the status class, with why (the Intercom docs and OpenAPI the fixtures cite).
const KINDS: Record<string, string> = {
  'permission-token-unauthorized-401':
    'token_unauthorized: "not allowed to access the resource": a valid token lacking access, so permission',
  'unsupported-intercom-version-invalid-400':
    'OpenAPI GET /conversations/deleted 400 "Resource not available": this Intercom-Version lacks it, no parameter fixes it',
};

describe("intercom-client's error classes vs Rosetta's kinds", () => {
  it.each(errors.map((f) => [f.name, f] as const))('%s', (name, fixture) => {
    const sdkKind = KIND_OF_STATUS_CLASS[fixture.response.status];
    const ours = normalizeResponse(intercom, {
      ...fixture.response,
      method: fixture.request.method,
      url: `${intercom.baseUrl}${fixture.request.path}`,
    });
    const why = KINDS[name];
    if (why !== undefined) {
      expect(ours?.kind, why).not.toBe(sdkKind);
      return;
    }
    // A status without a class (a 200 job failure, a 410, a 503) is the SDK's plain IntercomError: no kind to compare.
    if (sdkKind !== undefined) expect(ours?.kind).toBe(sdkKind);
  });
});
