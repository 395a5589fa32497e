// Every error fixture against the retry decision of Airtable's official JavaScript client, airtable, reproduced from
// Airtable/airtable.js@55cc755fa4f54e20927579a954c161ac2fe81135 src/base.ts makeRequest and src/run_action.ts (not a
// dependency here). Unless `noRetryIfRateLimited`, it resends every 429, whatever its body or method, without end,
// after a full-jitter wait in [0, min(600 s, 5 s x 2^n)) (src/exponential_backoff_with_jitter.ts, the first under
// 5 s); it reads no Retry-After and resends nothing else. Its AirtableError's `error` per status
// (_checkStatusForError): 401 AUTHENTICATION_REQUIRED, 403 NOT_AUTHORIZED, 404 NOT_FOUND, 413 REQUEST_TOO_LARGE,
// 422 the body's type, 429 TOO_MANY_REQUESTS, 500 SERVER_ERROR, 503 SERVICE_UNAVAILABLE: compared with our kinds.
import { type ErrorKind, normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { airtable } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const errors = fixtures.filter((f) => f.expected !== null);

/** airtable.js's decision on one answer: resent or not. */
function sdkDecision({ response }: AdapterFixture): { retried: boolean } {
  return { retried: response.status === 429 };
}

// Airtable's errors page says these are worth resending; the SDK's own message for a 500 even says "Try again".
const DISAGREEMENTS: Record<string, SdkDisagreement<ReturnType<typeof sdkDecision>>> = {
  'billing-limit-exceeded-429': {
    sdk: { retried: true },
    why: "PUBLIC_API_BILLING_LIMIT_EXCEEDED: the plan's monthly calls are spent (support.airtable.com, API call limits)",
  },
  'bad-gateway-502': {
    sdk: { retried: false },
    why: 'airtable.com/developers/web/api/errors, 502: "requests are safe to retry"',
  },
  'server-error-500': {
    sdk: { retried: false },
    why: 'an unexpected server condition: transient on a safe request (DESIGN.md); the SDK\'s own text: "Try again"',
  },
  'service-unavailable-503': {
    sdk: { retried: false },
    why: 'airtable.com/developers/web/api/errors, 503: "You should retry the request with backoffs"',
  },
};

describe("airtable.js's retries vs Rosetta, on the same answers", () => {
  describeSdkDecisions(airtable, {
    fixtures,
    decide: sdkDecision,
    disagreements: DISAGREEMENTS,
  });
});

describe('how long before the retry, where both resend a throttle', () => {
  // The SDK's first wait is under 5 s; Airtable says a throttled client "must wait 30 seconds before subsequent
  // requests will succeed" (support.airtable.com/docs/managing-api-call-limits-in-airtable), so a sooner retry is
  // refused again. Rosetta waits the 30 s.
  it.each(['rate-limited-429-empty-body', 'rate-limit-reached-429-errors-list'])('%s', (name) => {
    const fixture = errors.find((f) => f.name === name) as AdapterFixture;
    const ours = normalizeResponse(airtable, {
      ...fixture.response,
      method: fixture.request.method,
      url: `${airtable.baseUrl}${fixture.request.path}`,
    });
    expect(sdkDecision(fixture)).toEqual({ retried: true });
    expect(ours).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 30_000 });
  });
});

/** The kind each of _checkStatusForError's status errors plainly means (a 422's type varies: validation by default). */
const KIND_OF_SDK_ERROR: Readonly<Record<number, ErrorKind>> = {
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  413: 'validation',
  422: 'validation',
  429: 'rate_limited',
  500: 'server',
  503: 'unavailable',
};

// Where the body says more than the status, with why (the Airtable docs the fixtures cite).
const KINDS: Record<string, string> = {
  'billing-limit-exceeded-429': 'PUBLIC_API_BILLING_LIMIT_EXCEEDED: a monthly plan limit, not a short window',
  'list-records-iterator-not-available-422':
    'LIST_RECORDS_ITERATOR_NOT_AVAILABLE (airtable.com/developers/web/api/list-records): the offset expired, restart',
};

describe("airtable.js's errors vs Rosetta's kinds", () => {
  it.each(errors.map((f) => [f.name, f] as const))('%s', (name, fixture) => {
    const sdkKind = KIND_OF_SDK_ERROR[fixture.response.status];
    const ours = normalizeResponse(airtable, {
      ...fixture.response,
      method: fixture.request.method,
      url: `${airtable.baseUrl}${fixture.request.path}`,
    });
    const why = KINDS[name];
    if (why !== undefined) {
      expect(ours?.kind, why).not.toBe(sdkKind);
      return;
    }
    // Other statuses get the body's type or UNEXPECTED_ERROR: no kind to compare.
    if (sdkKind !== undefined) expect(ours?.kind).toBe(sdkKind);
  });
});
