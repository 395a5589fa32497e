// createClient's `hooks` (ky's beforeRequest/afterResponse): they see and may change each hop, and Rosetta's rules
// (origin, credentials off the credential's origin, redirects, redaction, timeouts) still hold after them.
import { type FaultServer, startFaultServer } from '@rosetta/testkit';
import type { AfterResponseHook, BeforeRequestHook } from 'ky';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { ClientOptions } from '../../src/client/options';
import { createScriptedFetch, type ScriptedStep } from '../../../testkit/src/scripted-fetch';

const BASE = 'https://api.acme.test';
const FILES = 'https://files.acme.test';
const KEY = 'Zq_key_5e4d3c2b1a';
const HOOK_TOKEN = 'Zq_hooktoken_8h7g6f';
const acme = defineAdapter({
  id: 'acme',
  displayName: 'Acme',
  baseUrl: BASE,
  auth: [{ type: 'header', header: 'x-acme-key' }],
  trustedRedirectOrigins: [FILES],
});
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;
afterEach(() => vi.useRealTimers());

function scripted(steps: readonly ScriptedStep[], options: ClientOptions = {}) {
  const t = createScriptedFetch(steps);
  const client = createClient(acme, {
    auth: { apiKey: KEY },
    rateLimit: false,
    retry: false,
    fetch: t.fetch,
    ...options,
  });
  return { t, client };
}

/** A hook that blindly authenticates every request, as ky middleware often does. */
const blindAuth: BeforeRequestHook = (request) => {
  request.headers.set('authorization', `Bearer ${HOOK_TOKEN}`);
  request.headers.set('x-acme-key', KEY);
};

describe('beforeRequest', () => {
  it('gets the hop as a Request (method, URL, headers with the credential) and its changes are sent', async () => {
    const seen: Array<{ method: string; url: string; key: string | null; retryCount: number }> = [];
    const hook: BeforeRequestHook = (request, _options, state) => {
      seen.push({
        method: request.method,
        url: request.url,
        key: request.headers.get('x-acme-key'),
        retryCount: state.retryCount,
      });
      request.headers.set('x-trace', 'trace-1');
    };
    const { t, client } = scripted([{ status: 200, body: { ok: true } }], { hooks: { beforeRequest: [hook] } });
    await expect(client.post('/v1/items', { query: { page: 2 }, body: { a: 1 } })).resolves.toEqual({ ok: true });
    expect(seen).toEqual([{ method: 'POST', url: `${BASE}/v1/items?page=2`, key: KEY, retryCount: 0 }]);
    expect(t.requests[0]).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'x-trace': 'trace-1' } });
  });

  it('a Response it returns is used and nothing is sent (a cache, a mock), then classified like any answer', async () => {
    const cache: BeforeRequestHook = (request) =>
      new URL(request.url).pathname === '/v1/cached'
        ? Response.json({ cached: true })
        : Response.json({ error: 'gone' }, { status: 404 });
    const { t, client } = scripted([{ status: 500 }], { hooks: { beforeRequest: [cache] } });
    await expect(client.get('/v1/cached')).resolves.toEqual({ cached: true });
    await expect(client.get('/v1/missing')).rejects.toMatchObject({ kind: 'not_found', status: 404 });
    expect(t.log).toEqual([]);
  });

  it('a Request it returns for the same origin is sent, with its own path', async () => {
    const hook: BeforeRequestHook = (request) => new Request(`${BASE}/v2/items`, request);
    const { t, client } = scripted([{ status: 200, body: {} }], { hooks: { beforeRequest: [hook] } });
    await client.get('/v1/items');
    expect(t.log).toEqual(['START GET /v2/items']);
  });

  it('a Request it returns for another origin is refused: validation / hook_origin_refused, nothing sent, no retry', async () => {
    const hook: BeforeRequestHook = (request) => new Request('https://evil.test/steal', request);
    const { t, client } = scripted([{ status: 200, body: {} }], {
      retry: noWait,
      hooks: { beforeRequest: [hook] },
    });
    const err = await client.get('/v1/items').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'validation', code: 'hook_origin_refused', retryable: false, attempts: 1 });
    expect((err as Error).message).toContain('https://evil.test');
    expect(t.log).toEqual([]);
  });

  it('a hook that throws fails the call (unknown / internal_error) with a scrubbed cause, not retried', async () => {
    const hook: BeforeRequestHook = (request) => {
      throw new Error(`cannot sign with ${request.headers.get('x-acme-key') ?? ''}`);
    };
    const { t, client } = scripted([{ status: 200, body: {} }], { retry: noWait, hooks: { beforeRequest: [hook] } });
    const err = await client.get('/v1/items').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unknown', code: 'internal_error', retryable: false, attempts: 1 });
    const cause = (err as Error).cause as Error;
    expect(cause.message).toContain('cannot sign with');
    expect(JSON.stringify({ message: (err as Error).message, cause: cause.message, stack: cause.stack })).not.toContain(
      KEY,
    );
    expect(t.log).toEqual([]);
  });

  it('a hook that throws a network fault is retried like one', async () => {
    let calls = 0;
    const hook: BeforeRequestHook = () => {
      calls += 1;
      if (calls === 1)
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
    };
    const { t, client } = scripted([{ status: 200, body: { ok: 1 } }], {
      retry: noWait,
      hooks: { beforeRequest: [hook] },
    });
    await expect(client.requestWithMeta({ path: '/v1/items' })).resolves.toMatchObject({ meta: { attempts: 2 } });
    expect(t.log).toEqual(['START GET /v1/items']);
  });

  it('a hook that never settles is cut by the attempt timeout', async () => {
    vi.useFakeTimers();
    const hook: BeforeRequestHook = () => new Promise<void>(() => {});
    // The platform fetch (a custom one is raced anyway): nothing is sent, the hook holds the attempt.
    const client = createClient(acme, {
      rateLimit: false,
      retry: false,
      timeoutMs: 1_000,
      hooks: { beforeRequest: [hook] },
    });
    const settled = expect(client.get('/v1/items')).rejects.toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
    await vi.advanceTimersByTimeAsync(1_000);
    await settled;
  });
});

describe('hooks and redirects (scripted)', () => {
  const toFiles = { status: 302, headers: { location: `${FILES}/dl/report.csv` } } as const;

  it('a hook that sets Authorization and the API key on every request: the trusted download host gets neither', async () => {
    const { t, client } = scripted([toFiles, { status: 200, body: { file: 1 } }], {
      hooks: { beforeRequest: [blindAuth] },
    });
    await expect(client.get('/v1/export')).resolves.toEqual({ file: 1 });
    expect(t.requests.map((r) => r.url)).toEqual([`${BASE}/v1/export`, `${FILES}/dl/report.csv`]);
    // The hook ran on the first hop too: the test would notice a guard that stripped everywhere.
    expect(t.requests[0]?.headers).toMatchObject({ authorization: `Bearer ${HOOK_TOKEN}`, 'x-acme-key': KEY });
    expect(t.requests[1]?.headers).not.toHaveProperty('authorization');
    expect(t.requests[1]?.headers).not.toHaveProperty('x-acme-key');
    expect(JSON.stringify(t.requests[1])).not.toMatch(/Zq_/);
  });

  it('a secret-named header given on the call, set again by a hook, does not reach the download host either', async () => {
    const again: BeforeRequestHook = (request) => {
      request.headers.set('x-session-token', 'Zq_session_4d3c2b');
    };
    const { t, client } = scripted([toFiles, { status: 200, body: {} }], { hooks: { beforeRequest: [again] } });
    await client.get('/v1/export', { headers: { 'x-session-token': 'Zq_session_4d3c2b' } });
    expect(t.requests[0]?.headers).toHaveProperty('x-session-token');
    expect(t.requests[1]?.headers).not.toHaveProperty('x-session-token');
  });

  it('a Request a hook builds on the download hop carries no credential either', async () => {
    const rebuild: BeforeRequestHook = (request) =>
      new Request(request.url, { headers: { authorization: `Bearer ${HOOK_TOKEN}`, cookie: 'sid=Zq_cookie_1a2b3c' } });
    const { t, client } = scripted([toFiles, { status: 200, body: {} }], { hooks: { beforeRequest: [rebuild] } });
    await client.get('/v1/export');
    expect(t.requests[1]?.headers).not.toHaveProperty('authorization');
    expect(t.requests[1]?.headers).not.toHaveProperty('cookie');
  });
});

describe('afterResponse', () => {
  it('gets the request and the response; the Response it returns is what the client reads', async () => {
    const seen: string[] = [];
    const swap: AfterResponseHook = (request, _options, response) => {
      seen.push(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
      return Response.json({ swapped: true });
    };
    const { client } = scripted([{ status: 200, body: { original: true } }], { hooks: { afterResponse: [swap] } });
    await expect(client.get('/v1/items')).resolves.toEqual({ swapped: true });
    expect(seen).toEqual(['GET /v1/items 200']);
  });

  it('a replacement error response is classified and redacted like the provider’s own', async () => {
    const echo: AfterResponseHook = () =>
      Response.json(
        { error: { message: `bad key ${KEY}` } },
        { status: 429, headers: { 'retry-after': '1', 'x-acme-key': KEY } },
      );
    const { client } = scripted([{ status: 200, body: {} }], { hooks: { afterResponse: [echo] } });
    const err = await client.get('/v1/items').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate_limited', status: 429 });
    expect(JSON.stringify(err)).not.toContain(KEY);
    expect((err as Error).message).not.toContain(KEY);
  });

  it('a redirect it returns is still Rosetta’s to follow or refuse', async () => {
    const to =
      (location: string): AfterResponseHook =>
      (request) =>
        new URL(request.url).pathname === '/v1/start'
          ? new Response(null, { status: 302, headers: { location } })
          : undefined;
    const followed = scripted([{ status: 200, body: { at: 'next' } }], {
      hooks: { afterResponse: [to(`${BASE}/v1/next`)] },
    });
    await expect(followed.client.get('/v1/start')).resolves.toEqual({ at: 'next' });
    expect(followed.t.log).toEqual(['START GET /v1/start', 'START GET /v1/next']);

    const refused = scripted([{ status: 200, body: {} }], { hooks: { afterResponse: [to('https://evil.test/x')] } });
    await expect(refused.client.get('/v1/start')).rejects.toMatchObject({ code: 'redirect_refused' });
    expect(refused.t.log).toEqual(['START GET /v1/start']);
  });

  it('an afterResponse hook that throws fails the call, not retried', async () => {
    const boom: AfterResponseHook = () => {
      throw new RangeError('bad shape');
    };
    const { t, client } = scripted([{ status: 200, body: {} }], { retry: noWait, hooks: { afterResponse: [boom] } });
    await expect(client.get('/v1/items')).rejects.toMatchObject({
      kind: 'unknown',
      code: 'internal_error',
      message: expect.stringContaining('RangeError: bad shape'),
    });
    expect(t.log).toEqual(['START GET /v1/items']);
  });
});

describe('hooks on real sockets (the platform fetch)', () => {
  let a: FaultServer;
  let b: FaultServer;
  beforeAll(async () => {
    [a, b] = await Promise.all([startFaultServer(), startFaultServer()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });
  const loop = (trusted: readonly string[]) =>
    defineAdapter({
      id: 'loop',
      displayName: 'Loopback',
      baseUrl: a.origin,
      auth: [{ type: 'header', header: 'x-acme-key' }],
      trustedRedirectOrigins: trusted,
    });
  const to = (server: FaultServer, path: string) => encodeURIComponent(`${server.origin}${path}`);

  it('trusted cross-origin redirect: a hook setting Authorization does not leak it to the download host', async () => {
    const client = createClient(loop([b.origin]), {
      auth: { apiKey: KEY },
      rateLimit: false,
      retry: false,
      hooks: { beforeRequest: [blindAuth] },
    });
    const beforeA = a.requests.length;
    const beforeB = b.requests.length;
    await expect(client.get(`/redirect?to=${to(b, '/echo')}&status=307`)).resolves.toMatchObject({ path: '/echo' });
    expect(a.requests.slice(beforeA)[0]?.headers).toMatchObject({ authorization: `Bearer ${HOOK_TOKEN}` });
    const atB = b.requests.slice(beforeB);
    expect(atB).toHaveLength(1);
    expect(JSON.stringify(atB)).not.toMatch(/Zq_/);
  });

  it('a Request a hook builds (redirect mode "follow" by default) is still sent with redirect: manual', async () => {
    const rebuild: BeforeRequestHook = (request) => new Request(request.url, { headers: request.headers });
    const client = createClient(loop([]), {
      auth: { apiKey: KEY },
      rateLimit: false,
      retry: false,
      hooks: { beforeRequest: [rebuild] },
    });
    const beforeB = b.requests.length;
    await expect(client.get(`/redirect?to=${to(b, '/echo')}&status=302`)).rejects.toMatchObject({
      code: 'redirect_refused',
    });
    // fetch's own redirect mode would have taken the API key to the untrusted origin.
    expect(b.requests.length).toBe(beforeB);
  });
});

describe('the attempt signal', () => {
  it('reaches the fetch even through a Request a hook built without it', async () => {
    let aborted = false;
    const hanging = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      return await new Promise<Response>((_resolve, reject) => {
        request.signal.addEventListener('abort', () => {
          aborted = true;
          reject(request.signal.reason);
        });
      });
    }) as typeof fetch;
    const rebuild: BeforeRequestHook = (request) => new Request(request.url, { headers: request.headers });
    const client = createClient(acme, {
      rateLimit: false,
      retry: false,
      fetch: hanging,
      hooks: { beforeRequest: [rebuild] },
    });
    const controller = new AbortController();
    const call = client.get('/v1/items', { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(call).rejects.toMatchObject({ kind: 'aborted' });
    expect(aborted).toBe(true);
  });
});
