// Every error fixture against the decisions of Zendesk's own API client, zendesk_api_client_rb, reproduced from
// zendesk/zendesk_api_client_rb@7f573a8e0448255ea1f2b7d8b3190d6469bc6d74 (not a dependency here):
// - lib/zendesk_api/middleware/request/retry.rb, used with the opt-in `config.retry` (lib/zendesk_api/client.rb): a
//   429 or 503 is resent once, whatever the method, after `Retry-After` seconds (`.to_i`) or DEFAULT_RETRY_AFTER,
//   10 s, when the answer has none; nothing else is resent;
// - lib/zendesk_api/middleware/response/raise_error.rb: 404 raises RecordNotFound, 413 and 422 RecordInvalid, any
//   other error status a NetworkError.
// The Node client Zendesk lists, node-zendesk (blakmatrix/node-zendesk@3b354cfdf7f78741eda190e41be9679758edde97
// src/clients/client.js), resends nothing: every retryable fixture below is a disagreement with it too.
import { normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { zendesk, zendeskUrl } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const errors = fixtures.filter((f) => f.expected !== null);
const DEFAULT_ERROR_CODES = [429, 503];
const DEFAULT_RETRY_AFTER = 10;

/** The Retry middleware's decision on one answer: resent or not, and its sleep before the resend (ms). */
function sdkDecision({ response }: AdapterFixture): { retried: boolean; waitMs?: number } {
  if (!DEFAULT_ERROR_CODES.includes(response.status)) return { retried: false };
  const retryAfter = response.headers?.['retry-after'];
  const seconds = retryAfter === undefined ? DEFAULT_RETRY_AFTER : Number.parseInt(retryAfter, 10);
  return { retried: true, waitMs: seconds * 1000 };
}

/** RaiseError's class for the answer; NetworkError (any other status) says nothing more, so it is not compared. */
function sdkErrorClass({ response }: AdapterFixture): string | null {
  if (response.status < 300) return null;
  if (response.status === 404) return 'RecordNotFound';
  return response.status === 413 || response.status === 422 ? 'RecordInvalid' : 'NetworkError';
}

const ours = (f: AdapterFixture) =>
  normalizeResponse(zendesk, {
    ...f.response,
    method: f.request.method,
    url: `${zendeskUrl('fake-site')}${f.request.path}`,
  });

// Where Rosetta decides otherwise, on purpose, with why (each fixture cites its Zendesk page). A new disagreement
// fails until it is understood and listed here.
const DISAGREEMENTS: Record<string, SdkDisagreement<ReturnType<typeof sdkDecision>>> = {
  'conflict-creation-race-409': {
    sdk: { retried: false },
    why: 'api-reference/introduction/requests: 409 is a uniqueness clash of a simultaneous creation, "Try your API call again"',
  },
  'unavailable-autocomplete-errors-list-500': {
    sdk: { retried: false },
    why: 'a 500 "Internal Server Error" (code Unavailable) is a server fault: resent where safe (this GET), DESIGN.md',
  },
};

// Where Rosetta waits otherwise than the middleware, both resending, with why.
const WAITS: Record<string, { readonly sdkMs: number; readonly oursMs: number | undefined; readonly why: string }> = {
  'rate-limited-autocomplete-errors-list-429': {
    sdkMs: 10_000,
    oursMs: undefined,
    why: 'no Retry-After and no documented window: the adapter backs off (the middleware sleeps a fixed 10 s)',
  },
  'rate-limited-too-many-jobs': {
    sdkMs: 10_000,
    oursMs: 60_000,
    why: 'rate-limits#job-limit: zendesk-ratelimit-inflight-jobs says resets=60; the middleware reads no such header',
  },
  'rate-limited-update-user-no-retry-after-429': {
    sdkMs: 10_000,
    oursMs: 60_000,
    why: 'rate-limits: Update User allows 5 a minute per user; a resend 10 s later is throttled again',
  },
  'unavailable-maintenance-503': {
    sdkMs: 10_000,
    oursMs: undefined,
    why: 'requests: a 503 without Retry-After is an outage or maintenance, of no known length: backoff',
  },
};

describe("zendesk_api_client_rb's Retry middleware vs Rosetta, on the same answers", () => {
  describeSdkDecisions(zendesk, {
    fixtures,
    url: (f) => `${zendeskUrl('fake-site')}${f.request.path}`,
    decide: sdkDecision,
    disagreements: DISAGREEMENTS,
    agreed: (sdk, mine, { name }) => {
      if (!sdk.retried) return;
      const wait = WAITS[name];
      if (wait !== undefined) {
        expect({ sdk: sdk.waitMs, ours: mine?.retryAfterMs }, wait.why).toEqual({ sdk: wait.sdkMs, ours: wait.oursMs });
        return;
      }
      // Both wait the answer's Retry-After, in seconds.
      expect(mine?.retryAfterMs).toBe(sdk.waitMs);
    },
  });
});

describe("zendesk_api_client_rb's error class vs Rosetta's kind", () => {
  it.each(errors.map((f) => [f.name, f] as const))('%s', (name, fixture) => {
    const sdk = sdkErrorClass(fixture);
    const kind = ours(fixture)?.kind;
    if (name === 'conflict-duplicate-value-422') {
      // A 422 RecordInvalid whose detail is DuplicateValue: the record clashes with another, a conflict to Rosetta.
      expect({ sdk, kind }).toEqual({ sdk: 'RecordInvalid', kind: 'conflict' });
      return;
    }
    if (sdk === 'RecordNotFound') expect(kind).toBe('not_found');
    if (sdk === 'RecordInvalid') expect(kind).toBe('validation');
  });
});

// A renamed or deleted fixture must not leave its listed wait behind, unchecked (describeSdkDecisions checks the
// disagreements).
it('lists only fixtures that exist', () => {
  const names = new Set(errors.map((f) => f.name));
  expect(Object.keys(WAITS).filter((name) => !names.has(name))).toEqual([]);
});
