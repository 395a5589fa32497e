import { createClient, isApiError, normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, classifyContext, createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { untilNextQuarterHour } from '../src/classify-hubspot';
import { hubspot, hubspotBatchErrors } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts.
function normalize(
  status: number,
  body: unknown,
  options: { path?: string; headers?: Record<string, string>; now?: number } = {},
) {
  return normalizeResponse(hubspot, {
    status,
    headers: { 'content-type': 'application/json', ...options.headers },
    body,
    method: 'GET',
    url: `${hubspot.baseUrl}${options.path ?? '/crm/v3/objects/contacts'}`,
  });
}

describe('429: burst, search and daily told apart', () => {
  it('DAILY is a spent quota, never retried, waiting until the next quarter hour', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 2, 2, 23, 59, 0), toFake: ['Date'] });
    const err = normalize(429, { policyName: 'DAILY', message: 'You have reached your daily limit.' });
    vi.useRealTimers();
    expect(err).toMatchObject({ kind: 'quota_exceeded', code: 'DAILY', retryable: false, retryAfterMs: 60_000 });
    expect(err?.rateLimit).toMatchObject({ remaining: 0, scope: 'daily' });
  });

  it('reads a daily limit from the message or from Daily-Remaining 0 when the policy name is missing', () => {
    expect(normalize(429, { message: 'You have reached your daily limit.' })?.kind).toBe('quota_exceeded');
    const headers = { 'x-hubspot-ratelimit-daily': '250000', 'x-hubspot-ratelimit-daily-remaining': '0' };
    expect(normalize(429, { status: 'error' }, { headers })).toMatchObject({
      kind: 'quota_exceeded',
      rateLimit: { limit: 250_000 },
    });
    // A named burst policy wins over a daily header that happens to be 0.
    expect(normalize(429, { policyName: 'TEN_SECONDLY_ROLLING' }, { headers })?.kind).toBe('rate_limited');
  });

  it('names the burst bucket for TEN_SECONDLY_ROLLING and the search bucket on a search path', () => {
    const burst = normalize(429, { policyName: 'TEN_SECONDLY_ROLLING', errorType: 'RATE_LIMIT' });
    expect(burst).toMatchObject({
      kind: 'rate_limited',
      code: 'TEN_SECONDLY_ROLLING',
      retryable: true,
      rateLimit: { scope: 'burst' },
    });
    const search = normalize(
      429,
      { message: 'You have reached your secondly limit.', category: 'RATE_LIMITS' },
      { path: '/crm/v3/objects/deals/search' },
    );
    expect(search).toMatchObject({ kind: 'rate_limited', code: 'RATE_LIMITS', rateLimit: { scope: 'search' } });
    // No policy, no search path: no scope is claimed.
    expect(normalize(429, { category: 'RATE_LIMITS' })?.rateLimit?.scope).toBeUndefined();
  });

  it('reads a RATE_LIMITS category as a rate limit whatever the status', () => {
    expect(normalize(400, { category: 'RATE_LIMITS', message: 'x' })?.kind).toBe('rate_limited');
    expect(normalize(403, { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' })?.kind).toBe('rate_limited');
  });

  it('quarter hours: never 0, at most 15 minutes', () => {
    expect(untilNextQuarterHour(Date.UTC(2026, 0, 1, 10, 15, 0))).toBe(900_000);
    expect(untilNextQuarterHour(Date.UTC(2026, 0, 1, 10, 14, 59, 999))).toBe(1);
  });
});

describe('categories and statuses', () => {
  it('reads the category over a status that says something else on a 4xx, and the status on a 5xx', () => {
    expect(normalize(400, { category: 'OBJECT_NOT_FOUND', message: 'x' })?.kind).toBe('not_found');
    expect(normalize(400, { category: 'MISSING_SCOPES' })?.kind).toBe('permission');
    expect(normalize(403, { category: 'EXPIRED_AUTHENTICATION' })?.kind).toBe('authentication');
    expect(normalize(500, { category: 'VALIDATION_ERROR' })).toMatchObject({ kind: 'server', retryable: true });
    for (const name of ['constructor', 'hasOwnProperty', '__proto__'])
      expect(normalize(400, { category: name })?.kind).toBe('validation');
  });

  it('prefers subCategory as the code', () => {
    const err = normalize(404, {
      category: 'OBJECT_NOT_FOUND',
      subCategory: 'ConversationsResourceNotFoundError.THREAD_NOT_FOUND',
    });
    expect(err?.code).toBe('ConversationsResourceNotFoundError.THREAD_NOT_FOUND');
  });

  it('423 waits the documented 2 s, or the Retry-After when there is one', () => {
    expect(normalize(423, undefined)).toMatchObject({ kind: 'conflict', retryable: true, retryAfterMs: 2_000 });
    expect(normalize(423, undefined, { headers: { 'retry-after': '5' } })?.retryAfterMs).toBe(5_000);
  });

  it('477, 522, 524, 525, 526 as HubSpot documents them', () => {
    expect(normalize(477, undefined)).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(normalize(524, undefined)).toMatchObject({ kind: 'timeout', retryable: true });
    for (const status of [522, 525, 526])
      expect(normalize(status, undefined)).toMatchObject({ kind: 'unavailable', retryable: false });
    expect(normalize(521, undefined)).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it('takes the body correlationId as the request id when the header is missing', () => {
    expect(normalize(404, { correlationId: 'fake-corr-body' })?.requestId).toBe('fake-corr-body');
    expect(
      normalize(404, { correlationId: 'fake-corr-body' }, { headers: { 'x-hubspot-correlation-id': 'fake-corr-head' } })
        ?.requestId,
    ).toBe('fake-corr-head');
  });
});

describe('field errors and scopes', () => {
  it('one field error per property name, `in` when there is none, and none outside validation', () => {
    const errors = [
      { message: 'bad', code: 'INVALID_OPTION', context: { propertyName: ['a', 'b'] } },
      { message: 'missing', in: 'email' },
      { message: 'general' },
    ];
    expect(normalize(400, { category: 'VALIDATION_ERROR', errors })?.fieldErrors).toEqual([
      { path: 'a', message: 'bad', code: 'INVALID_OPTION' },
      { path: 'b', message: 'bad', code: 'INVALID_OPTION' },
      { path: 'email', message: 'missing' },
      { path: '', message: 'general' },
    ]);
    expect(normalize(409, { category: 'CONFLICT', errors })?.fieldErrors).toEqual([]);
  });

  it('names required scopes from errors[] and context, granular or older, once each', () => {
    const body = {
      category: 'MISSING_SCOPES',
      message: 'Missing',
      context: { requiredScopes: ['contacts'] },
      errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.read', 'contacts'] } }],
    };
    expect(normalize(403, body)?.detail).toBe('Missing (one of: contacts, crm.objects.contacts.read)');
    expect(normalize(403, { category: 'MISSING_SCOPES', message: 'Missing' })?.detail).toBe('Missing');
  });
});

describe('batch answers', () => {
  const body = {
    status: 'COMPLETE',
    results: [],
    numErrors: 2,
    errors: [
      { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'gone', context: { ids: ['2'] } },
      { status: 'error', category: 'SOMETHING_NEW', subCategory: 'X.Y' },
      'junk',
    ],
  };

  it('a 207 is data even when every item failed, as @hubspot/api-client resolves it', () => {
    expect(normalize(207, body)).toBeNull();
    expect(normalize(200, body)).toBeNull();
  });

  it('hubspotBatchErrors reads item errors in Rosetta words, skipping junk', () => {
    expect(hubspotBatchErrors(body)).toEqual([
      { kind: 'not_found', code: 'OBJECT_NOT_FOUND', message: 'gone', context: { ids: ['2'] } },
      { kind: 'unknown', code: 'X.Y', message: undefined, context: undefined },
    ]);
    for (const odd of [undefined, null, 'x', { errors: 'x' }, { results: [] }])
      expect(hubspotBatchErrors(odd)).toEqual([]);
  });
});

describe('robustness', () => {
  const context = (body: unknown, status: number, path = '/crm/v3/objects/x') =>
    classifyContext({ url: `https://api.hubapi.com${path}`, path, method: 'POST', body, status });

  it('never throws on arbitrary JSON, any status and any path, and leaves a 2xx alone', () => {
    const classify = hubspot.classify;
    if (classify === undefined) throw new Error('no hook');
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.integer({ min: 200, max: 599 }),
        fc.constantFrom('/crm/v3/objects/x/search', '/x', '::'),
        (body, status, path) => {
          const verdict = classify(context(body, status, path));
          if (status < 300) expect(verdict).toBeUndefined();
        },
      ),
      { seed: 20260302 },
    );
    const polluting = JSON.parse(
      '{"category":"VALIDATION_ERROR","errors":[{"context":{"__proto__":["x"],"propertyName":["p"]}}]}',
    );
    expect(normalize(400, polluting)?.fieldErrors).toEqual([{ path: 'p', message: '' }]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('declared protocol and the client', () => {
  it('declares bearer then hapikey, the correlation id, the burst headers and cursor pagination', () => {
    expect(hubspot.auth).toEqual([{ type: 'bearer' }, { type: 'query', param: 'hapikey' }]);
    expect(hubspot.requestIdHeaders).toEqual(['x-hubspot-correlation-id']);
    expect(hubspot.rateLimitHeaders).toEqual({
      limit: 'x-hubspot-ratelimit-max',
      remaining: 'x-hubspot-ratelimit-remaining',
    });
    expect(hubspot.pagination).toEqual({
      type: 'cursor',
      cursorPath: ['paging', 'next', 'after'],
      cursorParam: 'after',
      itemsPath: ['results'],
    });
    expect(hubspot.throttleRefusesRequest?.source).toContain('usage-guidelines');
  });

  it('after a DAILY 429 the daily bucket refuses the next call at once, without sending it', async () => {
    const sent: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      sent.push(String(input));
      return new Response(
        JSON.stringify({ status: 'error', policyName: 'DAILY', message: 'You have reached your daily limit.' }),
        {
          status: 429,
          headers: { 'content-type': 'application/json' },
        },
      );
    };
    const client = createClient(hubspot, { auth: { token: 'FAKE' }, fetch, retry: { maxRetries: 0 } });
    const first = await client.get('/crm/v3/objects/contacts').catch((e: unknown) => e);
    expect(isApiError(first) && first.kind).toBe('quota_exceeded');
    const second = await client.get('/crm/v3/objects/companies').catch((e: unknown) => e);
    expect(isApiError(second) && second.kind).toBe('quota_exceeded');
    expect(sent).toHaveLength(1);
    await client.close();
  });
});

describe('throttles through a client: the burst waits its rolling window, the daily quota is never resent', () => {
  const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
  const fixture = (name: string) => fixtures.find((f) => f.name === name) as AdapterFixture;
  const step = (f: AdapterFixture, headers: Record<string, string> = {}) => ({
    status: f.response.status,
    headers: { ...(f.response.headers as Record<string, string>), ...headers },
    body: f.response.body,
  });
  const ok = { status: 200, body: { results: [] } };
  afterEach(() => {
    vi.useRealTimers();
  });

  // The window is rolling: the slots of the last 10 s free within 10 s (X-HubSpot-RateLimit-Interval-Milliseconds);
  // @hubspot/api-client waits 10 s before its first retry of this policy (RetryDecorator.ts, see the fixture).
  it.each([
    ['the interval header (10 s)', {}, 10_000],
    ['a shorter interval the header states', { 'x-hubspot-ratelimit-interval-milliseconds': '4000' }, 4_000],
    ['10 s when the header is missing or malformed', { 'x-hubspot-ratelimit-interval-milliseconds': 'soon' }, 10_000],
  ])('TEN_SECONDLY_ROLLING is resent after %s, not probed after 1 s', async (_, headers, waitMs) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const t = createScriptedFetch([step(fixture('rate-limited-ten-secondly'), headers), ok]);
    const client = createClient(hubspot, { auth: { token: 'FAKE' }, fetch: t.fetch });
    const call = client.get('/crm/v3/objects/contacts');
    await vi.advanceTimersByTimeAsync(waitMs - 100);
    expect(t.log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.log).toHaveLength(2);
    await expect(call).resolves.toEqual(ok.body);
    await client.close();
  });

  it('DAILY is quota_exceeded and sent once, with the default retries (the SDK never retries it either)', async () => {
    const t = createScriptedFetch([step(fixture('quota-daily')), ok]);
    const client = createClient(hubspot, { auth: { token: 'FAKE' }, fetch: t.fetch });
    const error = await client.get('/crm/v3/objects/companies').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'quota_exceeded', code: 'DAILY', retryable: false, attempts: 1 });
    expect(t.log).toHaveLength(1);
    await client.close();
  });
});
