// The official SDKs' retry decisions next to Rosetta's on every error fixture (each cites the Intuit page it comes
// from). node-quickbooks (mcohen01/node-quickbooks@f5baf5d976c17ccc6786c5b19d9fbceb3b5aac0d index.js) sends every call
// once, with no retry anywhere. Intuit's oauth-jsclient (intuit/oauth-jsclient@26853935a71bf1bf5f11ed0ecbb3c0d4ab87ae03
// src/OAuthClient.js) sends API calls (`makeApiCall`) once too; only its token, revoke and JWK requests
// (`loadResponse`) are resent 3 times on 408, 429, 500, 502, 503 or 504, POSTs included, after 1 s x 2^n without
// Retry-After: none of this adapter's fixtures is such a request.
import { createClient } from '@rosetta/core';
import { type AdapterFixture, createScriptedClient, createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import { describeRetryDecisions, resendsOnce } from '@rosetta/testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quickbooks, quickbooksUrl } from '../src/index';

const ADAPTER = quickbooks;
const AUTH = { token: 'FAKE-token' };
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const fixture = (name: string) => fixtures.find((x) => x.name === name) as AdapterFixture;

/** Rosetta's side of each row: the answer after a resend, and what a non-GET request sends. */
const RESEND = { auth: AUTH, success: { Invoice: { Id: '130' } }, body: { Line: [] } };
/** A client on one company's base URL (core refuses the unfilled realm placeholder). */
const REALM_AUTH = { baseUrl: quickbooksUrl('9130357992221046'), auth: AUTH };

afterEach(() => {
  vi.useRealTimers();
});

describe('retry decisions: node-quickbooks and oauth-jsclient (none) next to Rosetta, fixture by fixture', () => {
  // limits-and-throttles: "You'll see HTTP Status Code 429 when throttling occurs. If you see this, wait 60 seconds
  // before retrying the request" (throttleRefusesRequest: the throttled request was refused, any method).
  const throttled = 'limits-and-throttles: wait 60 seconds (no Retry-After is sent), then the same request';
  // error-codes: 500 "Resubmit the request once", 503 "The service is temporarily unavailable".
  const transient = 'a GET after a 5xx is safe to repeat (error-codes: "Resubmit the request once")';
  // [fixture, Rosetta resends, why (the SDKs resend nothing)]
  const rows: [string, boolean, string][] = [
    ['application-authorization-failed-3100-403-gateway', false, ''],
    ['auth-failed-3200-xml-401', false, ''],
    ['auth-recorded-general-authentication-100-xml-401', false, ''],
    ['auth-malformed-token-401-gateway', false, ''],
    ['authorization-failure-120-xml-401', false, ''],
    [
      'builder-monthly-cap-429',
      true,
      `${throttled}: nothing in the answer tells the Builder tier's monthly cap from the throttle; quickbooksBuilderQuota stops calls before it`,
    ],
    ['business-validation-6000-400', false, ''],
    ['duplicate-doc-number-6140-400', false, ''],
    ['duplicate-name-6240-400', false, ''],
    ['fault-in-200-xml', false, ''],
    ['fault-in-200', false, ''],
    ['invalid-company-status-6190-400', false, ''],
    ['invalid-reference-2500-400', false, ''],
    ['object-not-found-610-400', false, ''],
    ['query-response-fault-in-200', false, ''],
    ['rate-limited-recorded-throttle-3001-403-xml', true, `${throttled}; sent as a 403`],
    ['rate-limited-recorded-throttle-3001-429-xml', true, `${throttled}; a POST too`],
    ['required-param-missing-2020-400', false, ''],
    ['service-unavailable-503', true, transient],
    ['stale-object-5010-400', false, ''],
    ['system-fault-10000-500', true, transient],
    ['throttle-exceeded-3001-429-gateway', true, `${throttled}; a POST too`],
    ['throttled-429-no-retry-after', true, throttled],
    ['unavailable-recorded-avi-503-html', true, transient],
    ['upload-every-item-fault-in-200', false, ''],
    ['validation-recorded-invalid-reference-2500-xml-400', false, ''],
  ];

  describeRetryDecisions(ADAPTER, { fixtures, rows, resend: RESEND });

  it('a throttled request waits the documented 60 s before it is resent', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 26) });
    const f = fixture('throttled-429-no-retry-after');
    const t = createScriptedFetch([f.response as never, { status: 200, body: RESEND.success }]);
    const client = createClient(ADAPTER, {
      baseUrl: quickbooksUrl('9130357992221046'),
      auth: AUTH,
      fetch: t.fetch,
      rateLimit: false,
      retry: { random: () => 0 },
    });
    const call = client.get(f.request.path);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(t.log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(t.log).toHaveLength(2);
  });

  it('a POST that got a SystemFault is not resent: it may have been applied', async () => {
    const f = fixture('system-fault-10000-500');
    expect(await resendsOnce(ADAPTER, { ...f, request: { method: 'POST', path: '/invoice' } }, RESEND)).toBe(false);
  });

  // error-codes: 500 "Resubmit the request once. If the problem persists, contact our support team." The adapter caps
  // a 500's resends at one (`maxRetries` in its verdict); throttles and 503s keep the client's `maxRetries`.
  it('resubmits a SystemFault once, not more, though maxRetries allows 3', async () => {
    const f = fixture('system-fault-10000-500');
    const fault = f.response as never;
    const t = createScriptedClient(ADAPTER, [fault, fault, { status: 200, body: RESEND.success }], REALM_AUTH);
    await expect(t.client.get(f.request.path)).rejects.toMatchObject({ kind: 'server', code: '10000', attempts: 2 });
    expect(t.log).toHaveLength(2);
  });

  it("the cap is the 500's alone: 503s before and after a SystemFault keep the client maxRetries", async () => {
    const fault = fixture('system-fault-10000-500').response as never;
    const busy = fixture('service-unavailable-503').response as never;
    const t = createScriptedClient(ADAPTER, [busy, fault, busy, { status: 200, body: RESEND.success }], REALM_AUTH);
    await expect(t.client.get('/reports/ProfitAndLoss')).resolves.toEqual(RESEND.success);
    expect(t.log).toHaveLength(4);
  });

  // https://blogs.intuit.com/blog/2015/04/06/15346/ : a write carrying `?requestid=` is idempotent ("If the service
  // receives another request with the same RequestID, instead of performing the operation again ... the service
  // sends the same response"), so error-codes' "Resubmit the request once" is safe for a POST that has one.
  describe('RequestID, the idempotency key as a query parameter', () => {
    const NO_WAIT = { baseDelayMs: 0 };
    it('a POST carrying requestid by hand is resent after a SystemFault, the same requestid each time', async () => {
      const f = fixture('system-fault-10000-500');
      const post = { ...f, request: { method: 'POST', path: '/invoice?requestid=FAKE-4957' } };
      expect(await resendsOnce(ADAPTER, post, RESEND)).toBe(true);
    });

    it("a call's idempotencyKey is sent as ?requestid= on every attempt, and no Idempotency-Key header", async () => {
      const f = fixture('system-fault-10000-500');
      const t = createScriptedFetch([f.response as never, { status: 200, body: RESEND.success }]);
      const client = createClient(ADAPTER, { ...REALM_AUTH, fetch: t.fetch, rateLimit: false, retry: NO_WAIT });
      await client.post('/invoice', { body: RESEND.body, query: { minorversion: 75 }, idempotencyKey: 'FAKE-4958' });
      expect(t.log).toEqual([
        'START POST /v3/company/9130357992221046/invoice?minorversion=75&requestid=FAKE-4958',
        'START POST /v3/company/9130357992221046/invoice?minorversion=75&requestid=FAKE-4958',
      ]);
      expect(t.requests.map((r) => r.headers['idempotency-key'])).toEqual([undefined, undefined]);
    });

    it('a POST without one is sent once and none is generated (a RequestID limits batch ids to 10 characters)', async () => {
      const f = fixture('system-fault-10000-500');
      const t = createScriptedFetch([f.response as never, { status: 200, body: RESEND.success }]);
      const client = createClient(ADAPTER, { ...REALM_AUTH, fetch: t.fetch, rateLimit: false, retry: NO_WAIT });
      await expect(client.post('/batch', { body: RESEND.body })).rejects.toMatchObject({ possiblyProcessed: true });
      expect(t.log).toEqual(['START POST /v3/company/9130357992221046/batch']);
    });
  });
});
