// docs/reliability.md 14, 16, 17 and 20 through the client: bodies that are not what was expected still give
// a typed error (or an explicit empty result), classified from status and headers when the body is no help.
import { createScriptedFetch, type FaultServer, startFaultServer } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { ClientOptions } from '../../src/client/options';
import { rejectsWithin, resolvesWithin } from './settle-within';

const BOUND_MS = 5_000;
let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
function client(extra: ClientOptions = {}) {
  return createClient(acme, { baseUrl: server.origin, rateLimit: false, retry: false, ...extra });
}
/** A fetch answering every request with one raw response. */
const answering = (body: string | null, init: ResponseInit) => (async () => new Response(body, init)) as typeof fetch;

describe('HTML where JSON was expected (FAULTS 14)', () => {
  it.each([
    [502, 'Bad Gateway'],
    [504, 'Gateway Time-out'],
    [520, 'Web server is returning an unknown error'],
    [521, 'Web server is down'],
    [522, 'Connection timed out'],
    [523, 'Origin is unreachable'],
    [524, 'A timeout occurred'],
    [525, 'SSL handshake failed'],
    [526, 'Invalid SSL certificate'],
  ])(
    'a CDN or load balancer %i page is unavailable and retryable, with a short tag-free snippet',
    async (status, title) => {
      const err = await rejectsWithin(client().get(`/html/${status}`), BOUND_MS);
      expect(err).toMatchObject({ kind: 'unavailable', status, retryable: true });
      expect(err.detail).toContain(title);
      expect(err.detail?.length).toBeLessThanOrEqual(200);
      expect(err.message).not.toMatch(/<\/?[a-z!]/i);
      expect(err.cause).toBeUndefined();
    },
  );

  it('a 502 page is retried for a GET: the second attempt gets through', async () => {
    const t = createScriptedFetch([
      {
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: '<html><head><title>502 Bad Gateway</title></head></html>',
      },
      { status: 200, body: { ok: true } },
    ]);
    const c = createClient(acme, { rateLimit: false, retry: { baseDelayMs: 0, maxDelayMs: 0 }, fetch: t.fetch });
    await expect(resolvesWithin(c.get('/v1/x'), BOUND_MS)).resolves.toEqual({ ok: true });
    expect(t.log).toHaveLength(2);
  });

  it('a proxy login page answered with 200 is invalid_response, not data', async () => {
    const page =
      '<!DOCTYPE html><html><head><title>Sign in to continue - Corporate Proxy</title><script>var x = "<b>";</script></head>' +
      '<body><form action="/login"><input name="password"></form></body></html>';
    const err = await rejectsWithin(
      client({ fetch: answering(page, { status: 200, headers: { 'content-type': 'text/html' } }) }).get('/v1/x'),
      BOUND_MS,
    );
    expect(err).toMatchObject({ kind: 'invalid_response', code: 'html_body', status: 200, retryable: false });
    expect(err.detail).toContain('Sign in to continue');
    expect(err.detail).not.toContain('<');
  });

  it('an HTML page declared as application/json is read as HTML, without a SyntaxError', async () => {
    const err = await rejectsWithin(
      client({
        fetch: answering('<html><title>Service Unavailable</title></html>', {
          status: 503,
          headers: { 'content-type': 'application/json' },
        }),
      }).get('/v1/x'),
      BOUND_MS,
    );
    expect(err).toMatchObject({ kind: 'unavailable', detail: 'Service Unavailable' });
    expect(err.cause).toBeUndefined();
  });
});

describe('empty bodies are an explicit empty result (FAULTS 16)', () => {
  it.each(['/empty/204', '/empty/205', '/empty/200', '/empty/201', '/empty/202'])(
    'GET %s resolves with undefined',
    async (path) => {
      await expect(resolvesWithin(client().get(path), BOUND_MS)).resolves.toBeUndefined();
    },
  );

  it('meta still reports the status of an empty answer', async () => {
    const { data, meta } = await resolvesWithin(
      client().requestWithMeta({ method: 'DELETE', path: '/empty/205' }),
      BOUND_MS,
    );
    expect(data).toBeUndefined();
    expect(meta.status).toBe(205);
  });

  it('a whitespace-only 200 declared as JSON is empty, not a JSON error', async () => {
    const c = client({
      fetch: answering(' \r\n\t ', { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await expect(resolvesWithin(c.get('/v1/x'), BOUND_MS)).resolves.toBeUndefined();
  });

  it('a HEAD request is empty whatever it is told', async () => {
    await expect(resolvesWithin(client().head('/json/200'), BOUND_MS)).resolves.toBeUndefined();
  });
});

describe('a JSON body under a wrong or missing content type (FAULTS 17)', () => {
  it.each([['text/plain'], ['text/html'], ['application/octet-stream'], [undefined]])(
    'an error body as %s is still read as JSON',
    async (type) => {
      const c = client({
        fetch: answering('{"error":{"code":"card_declined","message":"Your card was declined."}}', {
          status: 402,
          headers: type === undefined ? {} : { 'content-type': type },
        }),
      });
      const err = await rejectsWithin(c.get('/v1/x'), BOUND_MS);
      expect(err).toMatchObject({ kind: 'payment_required', code: 'card_declined', detail: 'Your card was declined.' });
    },
  );

  it('a success body as text/plain is parsed and still validated by the schema', async () => {
    const c = client({
      fetch: answering('{"id":"cus_1"}', { status: 200, headers: { 'content-type': 'text/plain' } }),
    });
    await expect(resolvesWithin(c.get('/v1/x'), BOUND_MS)).resolves.toEqual({ id: 'cus_1' });
    const schema = {
      '~standard': {
        validate: (v: unknown) =>
          typeof (v as { id?: unknown }).id === 'number'
            ? { value: v }
            : { issues: [{ message: 'Expected number', path: ['id'] }] },
      },
    };
    await expect(rejectsWithin(c.get('/v1/x', { schema }), BOUND_MS)).resolves.toMatchObject({
      kind: 'invalid_response',
      code: 'schema_mismatch',
    });
  });
});

describe('valid JSON of the wrong shape: status and headers still classify (FAULTS 20)', () => {
  it.each([
    [429, '[1,2,3]', { 'retry-after': '3' }, { kind: 'rate_limited', retryAfterMs: 3_000 }],
    [503, '"down"', {}, { kind: 'unavailable', retryable: true }],
    [401, '{"message":{"nested":true},"error":42}', {}, { kind: 'authentication' }],
    [404, 'null', { 'x-request-id': 'req_123' }, { kind: 'not_found', requestId: 'req_123' }],
    [422, '{"errors":"not a list"}', {}, { kind: 'validation' }],
    [500, 'true', {}, { kind: 'server' }],
  ])('%i with %s', async (status, body, headers, expected) => {
    const c = client({
      fetch: answering(body, { status, headers: { 'content-type': 'application/json', ...headers } }),
    });
    const err = await rejectsWithin(c.get('/v1/x'), BOUND_MS);
    expect(err).toMatchObject({ status, ...expected });
  });
});
