// Every error fixture against the retry decision of Google's official Node client, googleapis, reproduced from its
// transport (not a dependency here): googleapis/nodejs-googleapis-common@9855522482d8e6768d7271fc067b570d975bbf74
// src/apirequest.ts turns gaxios's retries on for every call ("Retry by default"), and
// googleapis/gaxios@26b6e4ae05e9af0052c5271d2fe3f67ce2755511 src/retry.ts decides: resend a status in 100-199, 408,
// 429 or 500-599, whatever the body (a 403 rateLimitExceeded is never resent), 3 times, first after 100 ms then
// ((2^n - 1) / 2) s; it reads no Retry-After and no RetryInfo. It resends only GET, HEAD, PUT, OPTIONS and DELETE: the very
// set Rosetta's client calls safe to repeat (DESIGN.md, retry rules), so what is compared here is the status rule,
// `retryable` being whether such a safe request is resent. gaxios throws one GaxiosError class for every status.
import { normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { google } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const errors = fixtures.filter((f) => f.expected !== null);

/** gaxios's `statusCodesToRetry` default. */
const RETRY_RANGES: readonly (readonly [number, number])[] = [
  [100, 199],
  [408, 408],
  [429, 429],
  [500, 599],
];

/** gaxios's decision on one answer to a GET: resent or not (its first wait is always 100 ms). */
function sdkDecision({ response }: AdapterFixture): { retried: boolean } {
  // gaxios resolves a 2xx (an error inside a 200 is the caller's to find), so only a rejected status can be resent.
  return { retried: RETRY_RANGES.some(([min, max]) => response.status >= min && response.status <= max) };
}

// The guides say to back off and retry these 403s (developers.google.com/workspace/.../errors, "Resolve a 403
// error: Rate limit exceeded ... use exponential backoff"); gaxios resends no 403.
const RATE_LIMIT_403 = 'a rate limit sent as 403: the guide says "retry using exponential backoff"; gaxios skips 403s';
const DISAGREEMENTS: Record<string, SdkDisagreement<ReturnType<typeof sdkDecision>>> = {
  'aborted-409': {
    sdk: { retried: false },
    why: 'google/rpc/code.proto ABORTED (409), a concurrency abort: "the client should retry at a higher level"',
  },
  'calendar-rate-limit-403': { sdk: { retried: false }, why: RATE_LIMIT_403 },
  'calendar-user-rate-limit-403': { sdk: { retried: false }, why: RATE_LIMIT_403 },
  'gmail-user-rate-limit-retry-after-403': { sdk: { retried: false }, why: RATE_LIMIT_403 },
  'cloud-resource-quota-exceeded-429': {
    sdk: { retried: true },
    why: 'RESOURCE_QUOTA_EXCEEDED (error_reason.proto) is freed by deleting resources, never by waiting 100 ms',
  },
  'gemini-per-day-quota-429': {
    sdk: { retried: true },
    why: 'a per-day quota (QuotaFailure quotaId ...PerDay...): resending within the day cannot succeed',
  },
  'server-docs-data-loss-500': {
    sdk: { retried: true },
    why: 'google/rpc/code.proto DATA_LOSS: "Unrecoverable data loss or corruption": resending does not recover it',
  },
  'unsupported-docs-not-implemented-501': {
    sdk: { retried: true },
    why: 'google/rpc/code.proto NOT_IMPLEMENTED: "not implemented or not supported/enabled": permanent, not transient',
  },
};

describe("googleapis' retries (gaxios) vs Rosetta, on the same answers", () => {
  describeSdkDecisions(google, {
    fixtures,
    decide: sdkDecision,
    disagreements: DISAGREEMENTS,
  });
});

describe('how long before the retry, where both resend', () => {
  // gaxios waits 100 ms whatever the answer says; Google asks for the RetryInfo's delay to be honoured
  // (google/rpc/error_details.proto RetryInfo: "clients should wait until retry_delay amount of time has passed").
  it('gemini-per-minute-quota-retry-info-429: Rosetta waits the RetryInfo, gaxios 100 ms', () => {
    const fixture = errors.find((f) => f.name === 'gemini-per-minute-quota-retry-info-429') as AdapterFixture;
    const ours = normalizeResponse(google, {
      ...fixture.response,
      method: fixture.request.method,
      url: `${google.baseUrl}${fixture.request.path}`,
    });
    expect(sdkDecision(fixture)).toEqual({ retried: true });
    expect(ours).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 37_000 });
  });
});
