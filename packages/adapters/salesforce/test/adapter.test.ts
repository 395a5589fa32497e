import { createClient, isApiError, normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, classifyContext, createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ALLOCATION_PROBE_MS } from '../src/limits';
import { SALESFORCE_API_VERSION, salesforce, salesforceBaseUrl, salesforceItemErrors } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
function normalize(
  status: number,
  body: unknown,
  options: { path?: string; headers?: Record<string, string>; method?: string } = {},
) {
  return normalizeResponse(salesforce, {
    status,
    headers: { 'content-type': 'application/json', ...options.headers },
    body,
    method: options.method ?? 'GET',
    url: `${salesforce.baseUrl}${options.path ?? '/sobjects/Account/001FAKE'}`,
  });
}
const sfError = (errorCode: string, message = 'x', fields?: string[]) => [
  { message, errorCode, ...(fields ? { fields } : {}) },
];

describe('REQUEST_LIMIT_EXCEEDED: allocation or concurrency', () => {
  it('TotalRequests is the spent 24-hour allocation: a quota, probed again after ALLOCATION_PROBE_MS', () => {
    const err = normalize(403, sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), {
      headers: { 'sforce-limit-info': 'api-usage=15003/15000' },
    });
    expect(err).toMatchObject({ kind: 'quota_exceeded', retryable: false, retryAfterMs: ALLOCATION_PROBE_MS });
    expect(err?.rateLimit).toEqual({ limit: 15_000, remaining: 0, scope: 'daily' });
    // Without a message or a header it is still the allocation, the code's documented meaning.
    expect(normalize(403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }])?.rateLimit).toEqual({
      remaining: 0,
      scope: 'daily',
    });
  });

  it('a Concurrent… message is the long-running request cap: a rate limit with no published wait, not resent', () => {
    for (const message of [
      'ConcurrentPerOrgLongTxn Limit exceeded.',
      'ConcurrentRequests (Concurrent API Requests) Limit exceeded',
    ])
      expect(normalize(403, sfError('REQUEST_LIMIT_EXCEEDED', message))).toMatchObject({
        kind: 'rate_limited',
        retryable: false,
        rateLimit: { scope: 'concurrent' },
      });
    const headers = { 'sforce-limit-info': 'api-usage=10/15000' };
    const err = normalize(403, sfError('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'), {
      headers,
    });
    expect(err?.rateLimit).toEqual({ scope: 'concurrent' });
  });
});

describe('codes and statuses', () => {
  it('a session a refresh cannot fix is permission; any other INVALID_SESSION_ID is authentication', () => {
    expect(normalize(401, sfError('INVALID_SESSION_ID', 'Session expired or invalid'))?.kind).toBe('authentication');
    for (const message of [
      'This session is not valid for use with the REST API',
      'Connected app is not attached to Agent',
    ])
      expect(normalize(401, sfError('INVALID_SESSION_ID', message))?.kind).toBe('permission');
  });

  it('the code wins over the status: a lock is a retryable conflict as a 400 or a 500, access is permission on a 400', () => {
    for (const status of [400, 500])
      expect(normalize(status, sfError('UNABLE_TO_LOCK_ROW'))).toMatchObject({ kind: 'conflict', retryable: true });
    expect(normalize(400, sfError('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY'))?.kind).toBe('permission');
    expect(normalize(400, sfError('ENTITY_IS_DELETED'))?.kind).toBe('not_found');
    expect(normalize(400, sfError('DUPLICATE_VALUE'))).toMatchObject({ kind: 'conflict', retryable: false });
    expect(normalize(400, sfError('QUERY_TIMEOUT'))).toMatchObject({ kind: 'timeout', retryable: false });
    // Unknown codes, and codes that are Object.prototype names, keep the status reading.
    for (const code of ['SOMETHING_NEW', 'constructor', '__proto__', 'hasOwnProperty'])
      expect(normalize(503, sfError(code))).toMatchObject({ kind: 'unavailable', code });
  });

  it('420 is Salesforce Edge without a route for the host, not a rate limit', () => {
    expect(normalize(420, undefined)).toMatchObject({ kind: 'unavailable', retryable: false });
  });

  it('300 names the external-id collision and counts the records', () => {
    expect(normalize(300, ['/a', '/b', '/c'])).toMatchObject({ kind: 'conflict', code: 'MULTIPLE_CHOICES' });
    expect(normalize(300, ['/a', '/b', '/c'])?.detail).toContain('matched 3 records');
    expect(normalize(300, 'odd')?.detail).toContain('matched several records');
  });

  it('an HTML page says to check the org and baseUrl; other text keeps core reading', () => {
    const html = normalize(404, '<html><body>URL No Longer Exists</body></html>', {
      headers: { 'content-type': 'text/html' },
    });
    expect(html?.detail).toContain('check that the org exists');
    expect(normalize(404, 'plain', { headers: { 'content-type': 'text/plain' } })?.detail).toBe('plain');
  });

  it('reads OAuth bodies, with Salesforce’s invalid_client_id as authentication', () => {
    expect(
      normalize(400, { error: 'invalid_client_id', error_description: 'client identifier invalid' }),
    ).toMatchObject({
      kind: 'authentication',
      code: 'invalid_client_id',
    });
    expect(normalize(400, { error: 'invalid_grant', error_description: 'authentication failure' })?.kind).toBe(
      'authentication',
    );
    expect(normalize(400, { error: 'unsupported_grant_type' })?.kind).toBe('validation');
  });

  it('the first error decides and names the others; every error keeps its field errors', () => {
    const body = [...sfError('NOT_FOUND', 'gone'), ...sfError('REQUIRED_FIELD_MISSING', 'missing', ['A', 'B'])];
    const err = normalize(400, body);
    expect(err).toMatchObject({ kind: 'not_found', code: 'NOT_FOUND', detail: 'gone (and 1 more)' });
    expect(err?.fieldErrors.map((f) => f.path)).toEqual(['A', 'B']);
  });

  it('reads a failed sObject Tree (statusCode inside results[].errors[])', () => {
    const body = {
      hasErrors: true,
      results: [{ referenceId: 'ref1', errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'dup', fields: [] }] }],
    };
    expect(normalize(400, body, { method: 'POST', path: '/composite/tree/Account' })).toMatchObject({
      kind: 'conflict',
      code: 'DUPLICATE_VALUE',
    });
  });
});

describe('2xx answers are data, as jsforce returns them', () => {
  const collection = [
    { success: false, errors: [{ statusCode: 'DUPLICATES_DETECTED', message: 'dup', fields: [] }] },
    { id: '003FAKE', success: true, errors: [] },
    {
      success: false,
      errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'rolled back', fields: [] }],
    },
  ];

  it('a collection with failed records, a composite with a failed subrequest, a batch with errors: no error', () => {
    expect(normalize(200, collection, { method: 'POST', path: '/composite/sobjects' })).toBeNull();
    expect(normalize(200, { compositeResponse: [{ httpStatusCode: 400, body: sfError('X') }] })).toBeNull();
    expect(normalize(200, { hasErrors: true, results: [{ referenceId: 'r', errors: sfError('X') }] })).toBeNull();
  });

  it('salesforceItemErrors reads failed records: the cause, then the rolled-back ones', () => {
    expect(salesforceItemErrors(collection)).toEqual([
      {
        index: 0,
        referenceId: undefined,
        status: undefined,
        kind: 'conflict',
        code: 'DUPLICATES_DETECTED',
        message: 'dup',
        fields: [],
        rolledBack: false,
      },
      expect.objectContaining({
        index: 2,
        kind: 'unknown',
        code: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
        rolledBack: true,
      }),
    ]);
  });

  it('reads composite subrequests (and collections nested in them) and batch results', () => {
    const composite = {
      compositeResponse: [
        { httpStatusCode: 200, referenceId: 'c1', body: collection.slice(0, 2) },
        { httpStatusCode: 400, referenceId: 'n1', body: sfError('PROCESSING_HALTED', 'halted') },
        { httpStatusCode: 404, referenceId: 'n2', body: 'not a list' },
        { httpStatusCode: 201, referenceId: 'ok', body: { id: 'FAKE', success: true, errors: [] } },
      ],
    };
    expect(salesforceItemErrors(composite)).toEqual([
      expect.objectContaining({ index: 0, referenceId: 'c1', status: 200, code: 'DUPLICATES_DETECTED' }),
      expect.objectContaining({ index: 1, referenceId: 'n1', status: 400, kind: 'validation', rolledBack: true }),
      expect.objectContaining({ index: 2, referenceId: 'n2', status: 404, kind: 'not_found', code: undefined }),
    ]);
    const batch = {
      hasErrors: true,
      results: [
        { statusCode: 204, result: null },
        { statusCode: 403, result: sfError('X') },
      ],
    };
    expect(salesforceItemErrors(batch)).toEqual([
      expect.objectContaining({ index: 1, status: 403, kind: 'permission' }),
    ]);
    // A batch without errors is not read; neither is anything else.
    for (const odd of [undefined, null, 'x', {}, { ...batch, hasErrors: false }, [1, 'x', null]])
      expect(salesforceItemErrors(odd)).toEqual([]);
  });
});

describe('robustness', () => {
  const context = (body: unknown, status: number) =>
    classifyContext({
      url: `${salesforce.baseUrl}/composite`,
      method: 'POST',
      headers: { 'sforce-limit-info': 'api-usage=1/2' },
      body,
      status,
    });

  it('never throws on arbitrary JSON at any status, and leaves a 2xx alone (seed 20260714)', () => {
    const classify = salesforce.classify;
    if (classify === undefined) throw new Error('no hook');
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 200, max: 599 }), (body, status) => {
        const verdict = classify(context(body, status));
        if (status < 300) expect(verdict).toBeUndefined();
        expect(() => salesforceItemErrors(body)).not.toThrow();
      }),
      { seed: 20260714 },
    );
  });
});

describe('declared protocol and the client', () => {
  it('builds an instance base URL with the pinned version; the default is the docs placeholder', () => {
    expect(salesforceBaseUrl('https://acme.my.salesforce.com/')).toBe(
      `https://acme.my.salesforce.com/services/data/v${SALESFORCE_API_VERSION}`,
    );
    expect(salesforceBaseUrl('https://acme.my.salesforce.com', '59.0')).toBe(
      'https://acme.my.salesforce.com/services/data/v59.0',
    );
    expect(salesforce.baseUrl).toContain('MyDomainName.my.salesforce.com/services/data/v');
    expect(salesforce.auth).toEqual([{ type: 'bearer' }]);
    expect(salesforce.throttleRefusesRequest?.source).toContain('salesforce_app_limits_platform_api.htm');
  });

  it('after a TotalRequests 403 the daily bucket refuses the next call at once, without sending it', async () => {
    const sent: string[] = [];
    const fetch = async (input: Request | string | URL, init?: RequestInit) => {
      sent.push(new Request(input, init).url);
      return new Response(JSON.stringify(sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.')), {
        status: 403,
        headers: { 'content-type': 'application/json' },
      });
    };
    const client = createClient(salesforce, {
      baseUrl: salesforceBaseUrl('https://acme.my.salesforce.com'),
      auth: { token: 'FAKE' },
      fetch,
      retry: { maxRetries: 0 },
    });
    const first = await client.get('/sobjects/Account').catch((e: unknown) => e);
    expect(isApiError(first) && first.kind).toBe('quota_exceeded');
    const second = await client.get('/query', { query: { q: 'SELECT Id FROM Contact' } }).catch((e: unknown) => e);
    expect(isApiError(second) && second.kind).toBe('quota_exceeded');
    expect(sent).toEqual(['https://acme.my.salesforce.com/services/data/v66.0/sobjects/Account']);
    await client.close();
  });

  // The fixture cites the docs and both official clients: jsforce (src/request.ts) and simple-salesforce (util.py)
  // never resend a 403, and no wait is published, so neither does Rosetta; and the cap is not the daily allocation,
  // whose quota bucket would otherwise refuse every call of the org for its 24-hour window.
  it('the concurrent-cap 403 is not resent and pauses nothing: the next call goes out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const f = fixtures.find((x) => x.name === 'request-limit-concurrent-403') as AdapterFixture;
    const created = { status: 201, body: { id: '001FAKE', success: true, errors: [] } };
    const t = createScriptedFetch([
      { status: f.response.status, headers: f.response.headers as Record<string, string>, body: f.response.body },
      created,
    ]);
    const client = createClient(salesforce, {
      baseUrl: salesforceBaseUrl('https://acme.my.salesforce.com'),
      auth: { token: 'FAKE' },
      fetch: t.fetch,
    });
    const refused = client.post('/sobjects/Account', { body: { Name: 'x' } }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    await expect(refused).resolves.toMatchObject({
      kind: 'rate_limited',
      retryable: false,
      attempts: 1,
      possiblyProcessed: false,
    });
    expect(t.log).toHaveLength(1);
    const next = client.post('/sobjects/Account', { body: { Name: 'x' } });
    await vi.advanceTimersByTimeAsync(0);
    await expect(next).resolves.toMatchObject({ id: '001FAKE' });
    expect(t.log).toHaveLength(2);
    await client.close();
    vi.useRealTimers();
  });

  it('never resends a POST that got a 500 (Salesforce takes no idempotency key)', async () => {
    const t = createScriptedFetch([{ status: 500, body: sfError('UNKNOWN_EXCEPTION') }]);
    const client = createClient(salesforce, {
      auth: { token: 'FAKE' },
      fetch: t.fetch,
      rateLimit: false,
      retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
    await expect(client.post('/sobjects/Account', { body: {} })).rejects.toMatchObject({ kind: 'server', attempts: 1 });
    await client.close();
  });
});
