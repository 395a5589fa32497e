import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { normalizeError } from '../../src/adapter/normalize-error';
import { createClient } from '../../src/client/create-client';
import { isApiError } from '../../src/errors/is-api-error';

const acme = defineAdapter({
  id: 'acme',
  displayName: 'Acme',
  baseUrl: 'https://api.acme.test/v1',
  idempotency: { header: 'Idempotency-Key', methods: ['POST'], generate: true },
});
const fast = { baseDelayMs: 1, maxDelayMs: 1 };
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('client.fetch', () => {
  it("maps the provider's URLs onto the client's base URL and refuses other origins", async () => {
    const t = createScriptedFetch([{ status: 200, body: { ok: true } }]);
    const client = createClient(acme, { fetch: t.fetch, baseUrl: 'http://127.0.0.1:4010/acme/v1' });
    const response = await client.fetch('https://api.acme.test/v1/things?expand[]=a&expand[]=b&q=x%20y');
    expect(await response.json()).toEqual({ ok: true });
    expect(response.url).toBe('https://api.acme.test/v1/things?expand[]=a&expand[]=b&q=x%20y');
    expect(t.requests[0]?.url).toBe('http://127.0.0.1:4010/acme/v1/things?expand%5B%5D=a&expand%5B%5D=b&q=x%20y');

    const refused = await rejection(
      client.fetch('https://evil.test/v1/things', { headers: { authorization: 'Bearer sk_x_1234' } }),
    );
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as Error).message).toBe('fetch failed');
    expect((refused as Error).cause).toMatchObject({ kind: 'validation', code: 'fetch_origin_refused', attempts: 0 });
    expect(t.requests).toHaveLength(1);
  });

  it('resolves with the final answer of any status, status, headers and body as received', async () => {
    const t = createScriptedFetch([
      { status: 503 },
      { status: 404, headers: { 'x-request-id': 'r1' }, body: { error: { message: 'no such thing' } } },
    ]);
    const client = createClient(acme, { fetch: t.fetch, retry: fast });
    const response = await client.fetch(new URL('https://api.acme.test/v1/things/1'));
    expect(t.log).toEqual(['START GET /v1/things/1', 'START GET /v1/things/1']);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(await response.json()).toEqual({ error: { message: 'no such thing' } });
    expect((await client.fetch('https://api.acme.test/v1/gone', { method: 'DELETE' })).status).toBe(404);
  });

  it('keeps a 2xx that is not JSON an unread stream, and gives a 204 no body', async () => {
    const t = createScriptedFetch([
      { status: 200, headers: { 'content-type': 'application/zip' }, body: 'PK\u0003\u0004' },
    ]);
    const client = createClient(acme, { fetch: t.fetch });
    const download = await client.fetch('https://api.acme.test/v1/export');
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(await download.text()).toBe('PK\u0003\u0004');
    const empty = createClient(acme, { fetch: createScriptedFetch([{ status: 204 }]).fetch });
    const response = await empty.fetch('https://api.acme.test/v1/x', { method: 'PUT' });
    expect([response.status, response.body]).toEqual([204, null]);
  });

  it('never resends a POST without a key, resends one with the SDK key as sent, and generates none', async () => {
    const t = createScriptedFetch([{ status: 500 }, { status: 200, body: {} }]);
    const client = createClient(acme, { fetch: t.fetch, retry: fast });
    expect((await client.fetch('https://api.acme.test/v1/charges', { method: 'POST', body: 'a=1' })).status).toBe(500);
    expect(t.log).toEqual(['START POST /v1/charges']);
    expect(t.requests[0]?.headers['idempotency-key']).toBeUndefined();

    const keyed = createScriptedFetch([{ status: 500 }, { status: 200, body: {} }]);
    const again = createClient(acme, { fetch: keyed.fetch, retry: fast });
    const headers = new Headers({
      'Idempotency-Key': 'sdk-key-1',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(
      (await again.fetch('https://api.acme.test/v1/charges', { method: 'POST', headers, body: 'a=1' })).status,
    ).toBe(200);
    expect(keyed.requests.map((r) => [r.headers['idempotency-key'], r.body])).toEqual([
      ['sdk-key-1', 'a=1'],
      ['sdk-key-1', 'a=1'],
    ]);
  });

  it('reads every body form fetch takes; a stream is read once and resent as the same bytes', async () => {
    const bodies: Array<[BodyInit, string]> = [
      [new URLSearchParams({ a: '1 2' }), 'a=1+2'],
      [new TextEncoder().encode('bytes'), 'bytes'],
      [new Blob(['blob']), 'blob'],
      [
        new ReadableStream({
          start: (c) => {
            c.enqueue(new TextEncoder().encode('streamed'));
            c.close();
          },
        }),
        'streamed',
      ],
    ];
    for (const [body, sent] of bodies) {
      const t = createScriptedFetch([{ status: 503 }, { status: 200, body: {} }]);
      const client = createClient(acme, { fetch: t.fetch, retry: fast });
      const init = { method: 'PUT', body, duplex: 'half' } as RequestInit;
      expect((await client.fetch(new Request('https://api.acme.test/v1/x', init))).status).toBe(200);
      expect(t.requests.map((r) => r.body)).toEqual([sent, sent]);
    }
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.txt');
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    await createClient(acme, { fetch: t.fetch }).fetch('https://api.acme.test/v1/files', {
      method: 'POST',
      body: form,
    });
    expect(t.requests[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(t.requests[0]?.body).toContain('filename="x.txt"');
  });

  it("redacts the SDK's Authorization, with or without its scheme, in events and errors", async () => {
    const t = createScriptedFetch([{ status: 401, body: { message: 'bad key sk_live_SECRET0001' } }]);
    const client = createClient(acme, { fetch: t.fetch });
    const seen: string[] = [];
    client.on('request', (e) => seen.push(JSON.stringify(e)));
    client.on('error', (e) => seen.push(e.error.message, JSON.stringify(e.error)));
    const response = await client.fetch('https://api.acme.test/v1/me', {
      headers: [['Authorization', 'Bearer sk_live_SECRET0001']],
    });
    expect(await response.text()).toContain('sk_live_SECRET0001');
    expect(seen.length).toBe(3);
    expect(seen.join('\n')).not.toContain('SECRET0001');
  });

  it('rejects only where fetch would, with the ApiError as cause', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const down = createClient(acme, { fetch: createScriptedFetch([{ error: reset }]).fetch, retry: false });
    const network = await rejection(down.fetch('https://api.acme.test/v1/x'));
    expect(network).toBeInstanceOf(TypeError);
    expect((network as Error).cause).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
    expect(normalizeError(acme, network)).toBe((network as Error).cause);

    const controller = new AbortController();
    controller.abort();
    const client = createClient(acme, { fetch: createScriptedFetch([{ status: 200 }]).fetch });
    const aborted = await rejection(client.fetch('https://api.acme.test/v1/x', { signal: controller.signal }));
    expect([(aborted as DOMException).name, isApiError((aborted as Error).cause)]).toEqual(['AbortError', true]);
    const late = await rejection(
      client.fetch('https://api.acme.test/v1/x', { signal: AbortSignal.abort(new DOMException('t', 'TimeoutError')) }),
    );
    expect((late as DOMException).name).toBe('TimeoutError');

    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const slow = createClient(acme, { fetch: hang, timeoutMs: 5, retry: false });
    const timedOut = await rejection(slow.fetch('https://api.acme.test/v1/x'));
    expect((timedOut as DOMException).name).toBe('TimeoutError');
    expect((timedOut as Error).cause).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
  });
});
