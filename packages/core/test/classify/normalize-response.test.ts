import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { genericAdapter } from '../../src/adapter/generic-adapter';
import { normalizeResponse } from '../../src/classify/normalize-response';
import { ApiError } from '../../src/errors/api-error';

const graphqlish = defineAdapter({
  id: 'gql',
  displayName: 'GQL',
  baseUrl: 'https://gql.test',
  retryHintHeaders: ['gql-should-retry'],
  messageHeaders: ['x-error-message'],
  classify: ({ status, body }) => {
    if (status !== 200 || typeof body !== 'object' || body === null || !('errors' in body)) return undefined;
    return { kind: 'rate_limited', code: 'THROTTLED' };
  },
});

describe('normalizeResponse', () => {
  it('returns null for a real success and an ApiError otherwise', () => {
    expect(normalizeResponse(genericAdapter, { status: 200, body: { ok: true } })).toBeNull();
    expect(normalizeResponse(genericAdapter, { status: 204 })).toBeNull();
    const err = normalizeResponse(genericAdapter, { status: 404, body: { message: 'gone' } });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      kind: 'not_found',
      status: 404,
      detail: 'gone',
      retryable: false,
      provider: 'generic',
    });
  });

  it('accepts headers as a plain object in any letter case or as Headers', () => {
    const a = normalizeResponse(genericAdapter, { status: 429, headers: { 'Retry-After': '7', 'X-Request-Id': 'r1' } });
    const b = normalizeResponse(genericAdapter, {
      status: 429,
      headers: new Headers({ 'retry-after': '7', 'x-request-id': 'r1' }),
    });
    for (const e of [a, b])
      expect(e).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000, requestId: 'r1', retryable: true });
  });

  it('turns an error hidden in a 200 into an error through the adapter hook', () => {
    const err = normalizeResponse(graphqlish, { status: 200, body: { errors: [{ message: 'slow down' }] } });
    expect(err).toMatchObject({ kind: 'rate_limited', code: 'THROTTLED', status: 200, retryable: true });
  });

  it('HTML on a 5xx is unavailable, HTML on a 2xx is invalid_response, both with a short snippet', () => {
    const page =
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{}</style></head><body><h1>Bad Gateway</h1></body></html>';
    const u = normalizeResponse(genericAdapter, { status: 502, headers: { 'content-type': 'text/html' }, body: page });
    expect(u).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(u?.detail).toContain('Bad Gateway');
    expect(u?.detail).not.toContain('<');
    const i = normalizeResponse(genericAdapter, { status: 200, headers: { 'content-type': 'text/html' }, body: page });
    expect(i).toMatchObject({ kind: 'invalid_response', retryable: false });
    const cf = normalizeResponse(genericAdapter, {
      status: 520,
      body: '<html><title>520: Web server is returning an unknown error</title></html>',
    });
    expect(cf).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it("HTML on a lasting 5xx keeps the status's verdict: a stock page does not make a missing method transient", () => {
    // Apache and nginx answer 501 and 507 with their own HTML page; the empty-bodied answer is the reference.
    const page = (title: string) => `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
    const html = { 'content-type': 'text/html' };
    for (const [status, title] of [
      [501, 'Method Not Implemented'],
      [505, 'HTTP Version Not Supported'],
      [507, 'Insufficient Storage'],
      [508, 'Loop Detected'],
    ] as const) {
      const bare = normalizeResponse(genericAdapter, { status, headers: {} });
      const withPage = normalizeResponse(genericAdapter, { status, headers: html, body: page(title) });
      expect(withPage, String(status)).toMatchObject({ kind: bare?.kind, retryable: false });
      expect(withPage?.detail).toContain(title);
    }
    // A retryable 5xx with a page is still a gateway talking.
    const s500 = normalizeResponse(genericAdapter, { status: 500, headers: html, body: page('Internal Server Error') });
    expect(s500).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it('parses JSON bodies that arrive as strings with a lying content type', () => {
    const err = normalizeResponse(genericAdapter, {
      status: 400,
      headers: { 'content-type': 'text/plain' },
      body: '{"error":{"message":"bad","code":"E1"}}',
    });
    expect(err).toMatchObject({ kind: 'validation', detail: 'bad', code: 'E1' });
  });

  it('uses RFC 9457 bodies fully', () => {
    const err = normalizeResponse(genericAdapter, {
      status: 422,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        type: 'https://x.test/probs/invalid',
        title: 'Invalid',
        detail: 'Two fields are wrong',
        'invalid-params': [{ name: 'age', reason: 'must be positive' }],
      },
    });
    expect(err).toMatchObject({
      kind: 'validation',
      detail: 'Two fields are wrong',
      fieldErrors: [{ path: 'age', message: 'must be positive' }],
    });
  });

  it('reads the message from a declared header when the body is empty', () => {
    expect(
      normalizeResponse(graphqlish, { status: 403, headers: { 'x-error-message': 'No access to employee 5' } }),
    ).toMatchObject({
      kind: 'permission',
      detail: 'No access to employee 5',
    });
  });

  it('lets server retry hints win over everything', () => {
    expect(normalizeResponse(graphqlish, { status: 500, headers: { 'gql-should-retry': 'false' } })).toMatchObject({
      kind: 'server',
      retryable: false,
    });
    expect(normalizeResponse(graphqlish, { status: 409, headers: { 'gql-should-retry': 'true' } })).toMatchObject({
      kind: 'conflict',
      retryable: true,
    });
    expect(normalizeResponse(genericAdapter, { status: 503, headers: { 'x-should-retry': 'false' } })).toMatchObject({
      retryable: false,
    });
  });

  it('waits until reset for a rate limit with remaining 0 and no Retry-After', () => {
    const now = Date.now();
    const reset = Math.floor(now / 1000) + 30;
    const err = normalizeResponse(genericAdapter, {
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    });
    expect(err?.retryAfterMs).toBeGreaterThan(25_000);
    expect(err?.retryAfterMs).toBeLessThanOrEqual(31_000);
    expect(err?.rateLimit).toMatchObject({ remaining: 0, resetAt: reset * 1000 });
  });

  it('classifies from status and headers when the body has the wrong shape', () => {
    for (const body of [[1, 2], 'oops', 42, null, { error: 17 }, { errors: 'x' }]) {
      expect(normalizeResponse(genericAdapter, { status: 401, body })).toMatchObject({ kind: 'authentication' });
    }
  });

  it('does not let __proto__ keys pollute anything', () => {
    const err = normalizeResponse(genericAdapter, {
      status: 400,
      body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"message":"m"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(err?.detail).toBe('m');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a throwing hook falls back to core defaults', () => {
    const broken = defineAdapter({
      id: 'broken',
      displayName: 'B',
      baseUrl: 'https://b.test',
      classify: () => {
        throw new Error('bug');
      },
    });
    expect(normalizeResponse(broken, { status: 503 })).toMatchObject({ kind: 'unavailable' });
  });

  it('property: never throws, always null or an ApiError with a valid kind', () => {
    const header = fc.oneof(
      fc.string(),
      fc.constantFrom('0', '-1', 'NaN', '1e309', 'soon', 'Thu, 01 Jan 1970 00:00:00 GMT', '1700000000000'),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.dictionary(
          fc.constantFrom(
            'retry-after',
            'x-ratelimit-reset',
            'x-ratelimit-remaining',
            'content-type',
            'ratelimit',
            'x-should-retry',
            'x-request-id',
          ),
          header,
        ),
        fc.oneof(fc.jsonValue(), fc.string(), fc.constant(undefined)),
        (status, headers, body) => {
          for (const adapter of [genericAdapter, graphqlish]) {
            const out = normalizeResponse(adapter, { status, headers, body });
            if (out !== null) {
              expect(out).toBeInstanceOf(ApiError);
              if (out.retryAfterMs !== undefined)
                expect(out.retryAfterMs >= 0 && Number.isFinite(out.retryAfterMs)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('normalizeResponse keeps no state across calls', () => {
  it('a credential seen in one call URL is redacted there and not remembered for later calls', () => {
    const first = normalizeResponse(genericAdapter, {
      status: 401,
      url: 'https://api.test/x?api_key=Zq_first_secret_1',
      body: { message: 'bad key Zq_first_secret_1' },
    });
    expect(first?.detail).toBe('bad key [REDACTED]');
    expect(first?.request?.url).toBe('https://api.test/x?api_key=[REDACTED]');
    // A later call with no credential in its URL: the earlier value is not part of the shared redactor.
    const later = normalizeResponse(genericAdapter, {
      status: 400,
      body: { message: 'Zq_first_secret_1 is a name here' },
    });
    expect(later?.detail).toBe('Zq_first_secret_1 is a name here');
  });
});
