import { createClient, normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphClaimsChallenge, graphWarnings, microsoftGraph, normalizeGraphBatch } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261128;

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  const json = body === undefined || typeof body === 'string' ? {} : { 'content-type': 'application/json' };
  return normalizeResponse(microsoftGraph, {
    status,
    headers: { ...json, ...options.headers },
    body,
    method: options.method ?? 'GET',
    url: `${microsoftGraph.baseUrl}${options.path ?? '/me/drive/items/FAKE'}`,
  });
}

const graphError = (code: string, innerError: Record<string, unknown> = {}) => ({
  error: { code, message: `message of ${code}`, innerError: { date: '2025-02-13T10:17:06', ...innerError } },
});

const CLAIMS = 'eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTcwMjY4MjE4MSJ9fX0=';
const CHALLENGE = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${CLAIMS}"`;

describe('microsoft-graph fixtures', () => {
  it('are at least 20, and hold no real-looking token', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) {
      // Entra access tokens are JWTs (eyJ...eyJ...); fixtures carry none.
      expect(JSON.stringify(fixture), fixture.name).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}/);
    }
  });
});

describe('workload codes: the most specific code the adapter knows decides', () => {
  it('reads each code as its kind, whatever the status and the letter case', () => {
    const table: [string, string][] = [
      ['accessDenied', 'permission'],
      ['Authorization_RequestDenied', 'permission'],
      ['ErrorAccessDenied', 'permission'],
      ['InvalidAuthenticationToken', 'authentication'],
      ['unauthenticated', 'authentication'],
      ['itemNotFound', 'not_found'],
      ['ItemNotFound', 'not_found'],
      ['ErrorItemNotFound', 'not_found'],
      ['Request_ResourceNotFound', 'not_found'],
      ['nameAlreadyExists', 'conflict'],
      ['resourceModified', 'conflict'],
      ['activityLimitReached', 'rate_limited'],
      ['TooManyRequests', 'rate_limited'],
      ['ApplicationThrottled', 'rate_limited'],
      ['throttledRequest', 'rate_limited'],
      ['quotaLimitReached', 'payment_required'],
      ['ErrorQuotaExceeded', 'payment_required'],
      ['serviceNotAvailable', 'unavailable'],
      ['notSupported', 'unsupported'],
    ];
    for (const [code, kind] of table) {
      // 418: a status with no meaning of its own, so only the code can give the kind.
      expect(normalize(418, graphError(code)), code).toMatchObject({ kind, code, detail: `message of ${code}` });
    }
  });

  it('prefers a known nested innerError code to the basic one, and reports it as the code', () => {
    const err = normalize(403, {
      error: { code: 'Forbidden', message: 'm', innerError: { code: 'accessRestricted' } },
    });
    expect(err).toMatchObject({ kind: 'permission', code: 'accessRestricted' });
    // An inner code the adapter does not know ("429" in the throttling sample) leaves the basic code in charge.
    expect(
      normalize(429, { error: { code: 'TooManyRequests', message: 'm', innerError: { code: '429' } } })?.code,
    ).toBe('TooManyRequests');
  });

  it('keeps the status reading, with the code, for a code it does not know or one named like a prototype member', () => {
    expect(normalize(400, graphError('BadRequest'))).toMatchObject({ kind: 'validation', code: 'BadRequest' });
    for (const code of ['constructor', 'hasOwnProperty', '__proto__', 'toString']) {
      expect(normalize(503, graphError(code))).toMatchObject({ kind: 'unavailable', retryable: true, code });
    }
  });

  it('reads a rate-limit code on another status as retryable, with its Retry-After', () => {
    const err = normalize(503, graphError('activityLimitReached'), { headers: { 'retry-after': '7' } });
    expect(err).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 7_000 });
  });

  it('makes Directory_ConcurrencyViolation a retryable conflict, and nameAlreadyExists a final one', () => {
    expect(normalize(409, graphError('Directory_ConcurrencyViolation'))).toMatchObject({
      kind: 'conflict',
      retryable: true,
    });
    expect(normalize(409, graphError('nameAlreadyExists'))).toMatchObject({ kind: 'conflict', retryable: false });
  });

  it('reads a storage quota (507, whatever the body) as payment_required, never retried, never a limiter hold', () => {
    expect(normalize(507, undefined)).toMatchObject({ kind: 'payment_required', retryable: false });
    expect(normalize(507, graphError('quotaLimitReached'))).toMatchObject({
      kind: 'payment_required',
      retryable: false,
    });
  });
});

describe('delta resync', () => {
  it('reads every resync code, at any depth, as a not-retryable conflict that keeps Graph’s code', () => {
    for (const code of [
      'resyncRequired',
      'ResyncRequired',
      'resyncApplyDifferences',
      'resyncUploadDifferences',
      'resyncChangesApplyDifferences',
      'resyncChangesUploadDifferences',
      'syncStateNotFound',
    ]) {
      const err = normalize(400, graphError('invalidRequest', { code }), {
        path: '/me/mailFolders/inbox/messages/delta',
      });
      expect(err, code).toMatchObject({ kind: 'conflict', retryable: false, code });
      expect(err?.detail).toContain('restart the delta query from scratch');
    }
  });

  it('reads a 410 on a delta path as a resync even without a body, and names the Location restart', () => {
    const headers = { location: 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=' };
    for (const path of [
      '/users/delta',
      '/groups/delta/',
      "/me/drive/root/delta(token='FAKE')",
      '/users/microsoft.graph.delta()',
    ]) {
      const err = normalize(410, undefined, { path, headers });
      expect(err, path).toMatchObject({ kind: 'conflict', retryable: false, code: 'resyncRequired' });
      expect(err?.detail).toContain('Location header');
    }
  });

  it('leaves a 410 elsewhere to core (unsupported: gone)', () => {
    expect(normalize(410, graphError('gone'), { path: '/me/deltas/FAKE' })).toMatchObject({ kind: 'unsupported' });
    expect(normalize(410, undefined, { path: '/me/events/FAKE' })).toMatchObject({ kind: 'unsupported' });
  });
});

describe('claims challenges (Continuous Access Evaluation, Conditional Access)', () => {
  it('reads a 401 or 403 with error="insufficient_claims" as authentication, not retryable, whatever the body', () => {
    for (const status of [401, 403]) {
      const err = normalize(status, graphError('InvalidAuthenticationToken'), {
        headers: { 'www-authenticate': CHALLENGE },
      });
      expect(err).toMatchObject({ kind: 'authentication', retryable: false, code: 'insufficient_claims' });
      expect(err?.detail).toContain('message of InvalidAuthenticationToken (claims challenge');
    }
  });

  it('finds the challenge among several (PoP and Bearer), and uses errorDescription without a body', () => {
    const header = `PoP realm="", nonce="FAKE", ${CHALLENGE.replace('error=', 'errorDescription="Continuous access evaluation resulted in challenge", error=')}`;
    const err = normalize(401, undefined, { headers: { 'www-authenticate': header } });
    expect(err?.detail).toMatch(/^Continuous access evaluation resulted in challenge \(claims challenge/);
    expect(err === null ? undefined : graphClaimsChallenge(err)).toBe(
      '{"access_token":{"nbf":{"essential":true, "value":"1702682181"}}}',
    );
  });

  it('ignores a WWW-Authenticate that is not a claims challenge, and a challenge without claims', () => {
    const plain = normalize(401, graphError('InvalidAuthenticationToken'), {
      headers: {
        'www-authenticate':
          'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"',
      },
    });
    expect(plain).toMatchObject({ kind: 'authentication', code: 'InvalidAuthenticationToken' });
    expect(plain === null ? 'null' : graphClaimsChallenge(plain)).toBeUndefined();
    const empty = normalize(403, graphError('accessDenied'), {
      headers: { 'www-authenticate': 'Bearer error="insufficient_claims", claims=""' },
    });
    expect(empty).toMatchObject({ kind: 'permission', code: 'accessDenied' });
  });

  it('gives the raw claims when they are not base64', () => {
    const err = normalize(401, undefined, {
      headers: { 'www-authenticate': 'Bearer error="insufficient_claims", claims="not base64!"' },
    });
    expect(err === null ? undefined : graphClaimsChallenge(err)).toBe('not base64!');
  });
});

describe('request ids and throttling headers', () => {
  it('takes the request-id header, then the body’s innerError request-id, then the client-request-id echo', () => {
    const body = graphError('itemNotFound', { 'request-id': 'FAKE-body' });
    const client = { 'client-request-id': 'FAKE-client' };
    expect(normalize(404, body, { headers: { 'request-id': 'FAKE-header', ...client } })?.requestId).toBe(
      'FAKE-header',
    );
    expect(normalize(404, body, { headers: client })?.requestId).toBe('FAKE-body');
    expect(normalize(404, graphError('itemNotFound'), { headers: client })?.requestId).toBe('FAKE-client');
  });

  it('reads a decimal Retry-After exactly, and an HTTP date against the response’s own Date', () => {
    expect(normalize(429, graphError('TooManyRequests'), { headers: { 'retry-after': '2.128' } })?.retryAfterMs).toBe(
      2_128,
    );
    const dated = normalize(503, undefined, {
      headers: { date: 'Wed, 01 Jan 2025 00:00:00 GMT', 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' },
    });
    expect(dated?.retryAfterMs).toBe(30_000);
  });

  it('names the throttled scope from x-ms-throttle-scope (Identity and access)', () => {
    const scope = 'Tenant_Application/ReadWrite/FAKE-app/FAKE-tenant';
    const err = normalize(429, graphError('TooManyRequests'), {
      headers: { 'x-ms-throttle-scope': scope },
      path: '/users',
    });
    expect(err?.rateLimit).toEqual({ scope });
  });
});

describe('JSON batching', () => {
  const batch = {
    responses: [
      { id: '1', status: 200, headers: { 'Content-Type': 'application/json' }, body: { id: 'FAKE' } },
      {
        id: 'Two',
        status: 429,
        headers: { 'Retry-After': '2.5' },
        body: graphError('TooManyRequests', { 'request-id': 'FAKE-2' }),
      },
      { id: '3', status: 424, body: graphError('failedDependency') },
      { id: 4, status: 500 },
      'junk',
    ],
  };

  it('is a success as a whole, with the failed items as a warning', () => {
    expect(normalize(200, batch, { method: 'POST', path: '/$batch' })).toBeNull();
    expect(graphWarnings(batch)).toEqual(['batch: 2 of 3 requests failed: Two (429), 3 (424)']);
    expect(graphWarnings({ responses: [{ id: '1', status: 204 }] })).toEqual([]);
    for (const body of [undefined, null, {}, { value: [] }, { responses: 'x' }])
      expect(graphWarnings(body)).toEqual([]);
  });

  it('classifies each item as its own response: kind, Retry-After, body request id, method and URL', () => {
    const results = normalizeGraphBatch(batch, [{ id: 'two', method: 'GET', url: '/me/messages?$top=5' }]);
    expect(results?.map((r) => r.error?.kind ?? null)).toEqual([null, 'rate_limited', 'conflict']);
    expect(results?.[1]?.error).toMatchObject({ retryable: true, retryAfterMs: 2_500, requestId: 'FAKE-2' });
    expect(results?.[1]?.error?.request).toEqual({
      method: 'GET',
      url: 'https://graph.microsoft.com/v1.0/me/messages?$top=5',
    });
    expect(results?.[2]?.error?.request?.url).toBe('https://graph.microsoft.com/v1.0/$batch');
    expect(normalizeGraphBatch({ error: { code: 'x', message: 'y' } })).toBeUndefined();
  });

  it('reaches the client’s warning event on a batch with failed items', async () => {
    const fetch = async (): Promise<Response> =>
      new Response(JSON.stringify(batch), { headers: { 'content-type': 'application/json' } });
    const client = createClient(microsoftGraph, { auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
    const warnings: string[][] = [];
    client.on('warning', (e) => warnings.push([...e.warnings]));
    await expect(client.post('/$batch', { body: { requests: [] } })).resolves.toEqual(batch);
    expect(warnings).toEqual([['batch: 2 of 3 requests failed: Two (429), 3 (424)']]);
  });
});

describe('retries over HTTP', () => {
  function scripted(statuses: number[]) {
    const sent: string[] = [];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      const status = statuses.shift() ?? 200;
      const body =
        status === 200 ? { id: 'FAKE' } : graphError(status === 429 ? 'TooManyRequests' : 'serviceNotAvailable');
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', 'retry-after': '0' },
      });
    };
    const client = createClient(microsoftGraph, {
      auth: { token: 'FAKE-token' },
      fetch,
      rateLimit: false,
      retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
    return { client, sent };
  }

  it('resends a GET after 429 and 503 (as the SDK’s RetryHandler does), honouring Retry-After', async () => {
    const { client, sent } = scripted([429, 503]);
    await expect(client.get('/me')).resolves.toEqual({ id: 'FAKE' });
    expect(sent).toEqual(['GET /v1.0/me', 'GET /v1.0/me', 'GET /v1.0/me']);
  });

  it('never resends a POST after a 429: Graph does not promise a throttled write was not applied', async () => {
    const { client, sent } = scripted([429]);
    await expect(client.post('/me/sendMail', { body: {} })).rejects.toMatchObject({
      kind: 'rate_limited',
      attempts: 1,
    });
    expect(sent).toEqual(['POST /v1.0/me/sendMail']);
  });
});

describe('robustness', () => {
  const context = (body: unknown, status: number, headers: Record<string, string>) =>
    classifyContext({ url: 'https://graph.microsoft.com/v1.0/users/delta', body, status, headers });

  it(`never throws on arbitrary JSON, any status, any WWW-Authenticate (seed ${SEED})`, () => {
    const classify = microsoftGraph.classify;
    if (classify === undefined) throw new Error('no classify hook');
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 200, max: 599 }), fc.string(), (body, status, auth) => {
        expect(() => classify(context(body, status, { 'www-authenticate': auth }))).not.toThrow();
        expect(() => graphWarnings(body)).not.toThrow();
      }),
      { seed: SEED },
    );
  });
});

describe('declared protocol', () => {
  it('targets v1.0 with bearer tokens, Graph’s request-id headers, and no throttle-refusal claim', () => {
    expect(microsoftGraph.baseUrl).toBe('https://graph.microsoft.com/v1.0');
    expect(microsoftGraph.auth).toEqual([{ type: 'bearer' }]);
    expect(microsoftGraph.requestIdHeaders).toEqual(['request-id', 'client-request-id']);
    expect(microsoftGraph.throttleRefusesRequest).toBeUndefined();
  });
});
