// Successes in every form: content-type driven reading under the default `json`, and `text`, `bytes` and
// `stream` per call; binary error bodies summarized, never quoted; redirects to a client's trusted origins.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createScriptedFetch } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { ClientOptions } from '../../src/client/options';
import { isApiError } from '../../src/errors/is-api-error';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

/** A fetch answering every request with one raw response (a fresh one per call). */
function answering(body: () => BodyInit | null, init: ResponseInit): typeof fetch {
  return (async () => new Response(body(), init)) as typeof fetch;
}
function client(fetch: typeof globalThis.fetch, extra: ClientOptions = {}) {
  return createClient(acme, { rateLimit: false, retry: false, fetch, ...extra });
}
async function rejection(promise: Promise<unknown>) {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isApiError(thrown)) throw new Error(`expected an ApiError, got ${String(thrown)}`);
  return thrown;
}
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return await new Response(stream).text();
}

describe('default responseType (json): a 2xx is read by its content type', () => {
  it.each([
    ['text/csv', 'id,name\n1,Ada\n'],
    ['text/plain; charset=utf-8', 'pong'],
    ['text/markdown', '# Title'],
    ['application/xml', '<a>1</a>'],
    // GitHub's raw media type (octokit/request.js reads any `charset=utf-8` type as text).
    ['application/vnd.github.raw; charset=utf-8', 'console.log(1)\n'],
  ])('%s is the text itself', async (type, text) => {
    const c = client(answering(() => text, { status: 200, headers: { 'content-type': type } }));
    await expect(c.get('/x')).resolves.toBe(text);
  });

  it.each(['image/png', 'application/octet-stream', 'application/x-gzip'])(
    '%s is the bytes, never decoded',
    async (type) => {
      const c = client(answering(() => PNG.slice(), { status: 200, headers: { 'content-type': type } }));
      const data = await c.get('/x');
      expect(data).toBeInstanceOf(Uint8Array);
      expect([...(data as Uint8Array)]).toEqual([...PNG]);
    },
  );

  it('HTML and undeclared text on a 2xx stay invalid_response (a login page or a proxy, not the API)', async () => {
    const html = client(
      answering(() => '<html><title>Sign in</title></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    expect(await rejection(html.get('/x'))).toMatchObject({ kind: 'invalid_response', code: 'html_body' });
    // Bytes: a string body would get fetch's own `text/plain` type.
    const bare = client(answering(() => new TextEncoder().encode('OK'), { status: 200 }));
    expect(await rejection(bare.get('/x'))).toMatchObject({ kind: 'invalid_response', code: 'non_json_body' });
  });

  it('a 2xx declared as JSON that does not parse is invalid_response, even with a charset', async () => {
    const fetch = answering(() => '{"truncated":', {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(await rejection(client(fetch).get('/x'))).toMatchObject({ kind: 'invalid_response' });
  });

  it('undeclared binary on a 2xx is summarized with its size, never quoted', async () => {
    const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x53, 0x45, 0x43, 0x52, 0x45, 0x54]);
    const err = await rejection(client(answering(() => bytes, { status: 200 })).get('/x'));
    expect(err).toMatchObject({ kind: 'invalid_response', code: 'non_json_body' });
    expect(err.message).toContain('binary data (11 bytes)');
    expect(err.message).not.toContain('SECRET');
    expect(err.message).not.toContain('PK');
  });

  it('a binary error body is summarized by size and type, the status still decides the kind', async () => {
    const bytes = Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0x41, 0x42, 0x43]);
    const fetch = answering(() => bytes, { status: 503, headers: { 'content-type': 'application/x-gzip' } });
    const err = await rejection(client(fetch).get('/x'));
    expect(err).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(err.message).toContain('binary data (7 bytes, application/x-gzip)');
    expect(err.message).not.toContain('ABC');
  });
});

describe('responseType per call', () => {
  it('text: any 2xx body as a string, HTML included, decoded per its charset', async () => {
    const html = client(
      answering(() => '<p>Hello <b>world</b></p>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    const text = await html.post('/markdown', { body: { text: 'Hello **world**' }, responseType: 'text' });
    expectTypeOf(text).toEqualTypeOf<string>();
    expect(text).toBe('<p>Hello <b>world</b></p>');
    const latin1 = client(
      answering(() => Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), {
        status: 200,
        headers: { 'content-type': 'text/plain; charset=iso-8859-1' },
      }),
    );
    await expect(latin1.get('/x', { responseType: 'text' })).resolves.toBe('café');
    // A JSON 2xx asked as text is its source text, not the parsed value.
    const json = client(answering(() => '{"a":1}', { status: 200, headers: { 'content-type': 'application/json' } }));
    await expect(json.get('/x', { responseType: 'text' })).resolves.toBe('{"a":1}');
  });

  it('bytes: the body as read, JSON included; an empty body is an empty array', async () => {
    const c = client(answering(() => '{"a":1}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const bytes = await c.get('/x', { responseType: 'bytes' });
    expectTypeOf(bytes).toEqualTypeOf<Uint8Array>();
    expect(new TextDecoder().decode(bytes)).toBe('{"a":1}');
    const empty = client(answering(() => null, { status: 204 }));
    await expect(empty.delete('/x', { responseType: 'bytes' })).resolves.toEqual(new Uint8Array(0));
  });

  it('errors are classified the same whatever the responseType', async () => {
    const body = () => '{"error":{"message":"No such thing","code":"missing"}}';
    for (const responseType of ['text', 'bytes', 'stream'] as const) {
      const c = client(answering(body, { status: 404, headers: { 'content-type': 'application/json' } }));
      const err = await rejection(c.get('/x', { responseType }));
      expect(err).toMatchObject({ kind: 'not_found', status: 404, code: 'missing', detail: 'No such thing' });
    }
  });

  it('a JSON 2xx is still classified by the adapter when asked raw (errors answered with 200)', async () => {
    const slackish = defineAdapter({
      id: 'okfalse',
      displayName: 'OkFalse',
      baseUrl: 'https://okfalse.test',
      classify: ({ body }) =>
        typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === false
          ? { kind: 'validation', code: 'invalid_arguments', message: 'invalid_arguments' }
          : undefined,
    });
    for (const responseType of ['text', 'bytes', 'stream'] as const) {
      const t = createScriptedFetch([{ status: 200, body: { ok: false, error: 'invalid_arguments' } }]);
      const c = createClient(slackish, { rateLimit: false, retry: false, fetch: t.fetch });
      expect(await rejection(c.get('/x', { responseType }))).toMatchObject({ code: 'invalid_arguments' });
    }
  });

  it('a schema validates the data in the asked form', async () => {
    const c = client(answering(() => 'a,b', { status: 200, headers: { 'content-type': 'text/csv' } }));
    const rows = await c.get('/x', {
      responseType: 'text',
      schema: {
        '~standard': { validate: (value: unknown) => ({ value: String(value).split(',') }) },
      },
    });
    expectTypeOf(rows).toEqualTypeOf<string[]>();
    expect(rows).toEqual(['a', 'b']);
  });
});

describe('responseType stream', () => {
  let server: Server;
  let origin = '';
  /** Writes `chunks` parts of a download, one per `gapMs`, then ends unless `hang`. */
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const chunks = Number(url.searchParams.get('chunks') ?? '3');
      const hang = url.searchParams.has('hang');
      if (url.pathname === '/json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const write = (): void => {
        if (sent === chunks) {
          if (!hang) res.end();
          return;
        }
        res.write(`part${sent++};`);
        setImmediate(write);
      };
      write();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const real = (extra: ClientOptions = {}) =>
    createClient(acme, { baseUrl: origin, rateLimit: false, retry: false, ...extra });

  it('hands over the body unread; the caller reads every chunk', async () => {
    const stream = await real().get('/download?chunks=4', { responseType: 'stream' });
    expectTypeOf(stream).toEqualTypeOf<ReadableStream<Uint8Array>>();
    await expect(readAll(stream)).resolves.toBe('part0;part1;part2;part3;');
  });

  it('a JSON 2xx asked as a stream is read, classified, then streamed', async () => {
    const stream = await real().get('/json', { responseType: 'stream' });
    await expect(readAll(stream)).resolves.toBe('{"ok":true}');
  });

  it("the caller's signal still ends a stream after the call resolved: the read fails as an ApiError", async () => {
    const controller = new AbortController();
    const stream = await real().get('/download?chunks=1&hang', { responseType: 'stream', signal: controller.signal });
    const reader = stream.getReader();
    await expect(reader.read()).resolves.toMatchObject({ done: false });
    const pending = reader.read();
    controller.abort(new Error('user gave up'));
    const err = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isApiError(err)).toBe(true);
    expect(err).toMatchObject({ kind: 'aborted' });
  });

  it('client.close() ends a stream being read', async () => {
    const c = real();
    const reader = (await c.get('/download?chunks=1&hang', { responseType: 'stream' })).getReader();
    await reader.read();
    const pending = reader.read();
    await c.close();
    const err = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ kind: 'aborted' });
  });

  it('a stream from a custom fetch that ignores its signal is still ended by the signal', async () => {
    let pulls = 0;
    const stalled = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          // The first chunk arrives; the second never does.
          if (pulls++ === 0) controller.enqueue(Uint8Array.of(1, 2, 3));
          return new Promise(() => {});
        },
      });
    const controller = new AbortController();
    const c = client(answering(stalled, { status: 200, headers: { 'content-type': 'application/octet-stream' } }));
    const reader = (await c.get('/x', { responseType: 'stream', signal: controller.signal })).getReader();
    await expect(reader.read()).resolves.toMatchObject({ done: false });
    const pending = reader.read();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('trustedRedirectOrigins per client', () => {
  const first = 'https://api.acme.test';
  const mirror = 'https://downloads.acme-mirror.test';
  function redirecting() {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const fetch: typeof globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, authorization: request.headers.get('authorization') });
      if (request.url.startsWith(first)) {
        return new Response(null, { status: 302, headers: { location: `${mirror}/files/archive.tgz?sig=abc` } });
      }
      return new Response(PNG.slice(), { status: 200, headers: { 'content-type': 'application/x-gzip' } });
    }) as typeof globalThis.fetch;
    return { fetch, seen };
  }
  const bearer = defineAdapter({
    id: 'acme-bearer',
    displayName: 'Acme',
    baseUrl: first,
    auth: [{ type: 'bearer' }],
  });

  it('follows a redirect to an origin the client trusts, without the credential', async () => {
    const t = redirecting();
    const c = createClient(bearer, {
      auth: { token: 'tok_live_123' },
      rateLimit: false,
      retry: false,
      fetch: t.fetch,
      trustedRedirectOrigins: [`${mirror}/any/path`],
    });
    const data = await c.get('/v1/archive', { responseType: 'bytes' });
    expect([...data]).toEqual([...PNG]);
    expect(t.seen).toEqual([
      { url: `${first}/v1/archive`, authorization: 'Bearer tok_live_123' },
      { url: `${mirror}/files/archive.tgz?sig=abc`, authorization: null },
    ]);
  });

  it("strips a query credential echoed into the redirect, by its name or by its value, and keeps the host's own", async () => {
    const keyed = defineAdapter({
      id: 'acme-query',
      displayName: 'Acme',
      baseUrl: first,
      auth: [{ type: 'query', param: 'api_key' }],
    });
    const seen: string[] = [];
    const fetch: typeof globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new Request(input, init).url;
      seen.push(url);
      if (url.startsWith(first)) {
        const location = `${mirror}/f.tgz?api_key=key_12345&copy=key_12345&token=HOST_SIGNED`;
        return new Response(null, { status: 307, headers: { location } });
      }
      return new Response(PNG.slice(), { status: 200, headers: { 'content-type': 'image/png' } });
    }) as typeof globalThis.fetch;
    const c = createClient(keyed, {
      auth: { apiKey: 'key_12345' },
      rateLimit: false,
      retry: false,
      fetch,
      trustedRedirectOrigins: [mirror],
    });
    await c.get('/v1/archive');
    expect(seen).toEqual([`${first}/v1/archive?api_key=key_12345`, `${mirror}/f.tgz?token=HOST_SIGNED`]);
  });

  it('refuses the same redirect when the origin is not trusted', async () => {
    const t = redirecting();
    const c = createClient(bearer, { auth: { token: 'tok_live_123' }, rateLimit: false, retry: false, fetch: t.fetch });
    expect(await rejection(c.get('/v1/archive'))).toMatchObject({ code: 'redirect_refused' });
    expect(t.seen).toHaveLength(1);
  });

  it.each(['downloads.acme-mirror.test', 'ftp://x.test', 'https://'])('refuses %j at createClient', (entry) => {
    expect(() => createClient(acme, { trustedRedirectOrigins: [entry] })).toThrow(TypeError);
  });
});
