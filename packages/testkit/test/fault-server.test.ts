import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGzipBomb, type FaultServer, startFaultServer } from '../src/index';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

const at = (path: string): URL => new URL(path, server.url);

/** Reads a stream until it ends or errors; the error (if any) is returned. */
async function drain(response: Response): Promise<{ bytes: number; error: unknown }> {
  const reader = response.body?.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const chunk = await reader?.read();
      if (chunk === undefined || chunk.done) return { bytes, error: undefined };
      bytes += chunk.value.byteLength;
    }
  } catch (error) {
    return { bytes, error };
  }
}

describe('startFaultServer', () => {
  it('listens on 127.0.0.1 and exposes url and origin', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/`);
  });

  it('/reset resets the connection before any header', async () => {
    const error = await fetch(at('/reset')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).cause).toMatchObject({ code: 'ECONNRESET' });
  });

  it('/hang never answers, until the caller aborts', async () => {
    const controller = new AbortController();
    const before = server.requests.length;
    let settled = false;
    const pending = fetch(at('/hang'), { signal: controller.signal }).finally(() => {
      settled = true;
    });
    await waitFor(() => server.requests.slice(before).some((r) => r.path === '/hang'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    controller.abort(new Error('gave up'));
    await expect(pending).rejects.toThrow('gave up');
  });

  it('/slow-headers answers after the requested delay', async () => {
    const response = await fetch(at('/slow-headers?ms=20'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, delayedMs: 20 });
  });

  it('/stall-body sends headers and part of the body, then stalls', async () => {
    const controller = new AbortController();
    const response = await fetch(at('/stall-body'), { signal: controller.signal });
    expect(response.headers.get('content-length')).toBe('1024');
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(first?.done).toBe(false);
    expect(new TextDecoder().decode(first?.value)).toContain('partial body');
    const rest = reader?.read();
    controller.abort(new Error('stalled'));
    await expect(rest).rejects.toThrow('stalled');
  });

  it('/truncated closes the socket before Content-Length is reached', async () => {
    const response = await fetch(at('/truncated'));
    expect(response.headers.get('content-length')).toBe('100');
    const { bytes, error } = await drain(response);
    expect(bytes).toBeLessThan(100);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('terminated');
    expect((error as TypeError).cause).toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it.each([
    [522, 'cloudflare', 'Error code 522'],
    [502, 'nginx/1.25.3', '<h1>502 Bad Gateway</h1>'],
    [504, 'nginx/1.25.3', '<h1>504 Gateway Time-out</h1>'],
  ])('/html/%i serves an HTML error page', async (status, serverHeader, snippet) => {
    const response = await fetch(at(`/html/${status}`));
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('server')).toBe(serverHeader);
    expect(await response.text()).toContain(snippet);
  });

  it('/gzip-bomb sends a small gzip body that inflates to mb MiB', async () => {
    const response = await fetch(at('/gzip-bomb?mb=2'));
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(Number(response.headers.get('content-length'))).toBeLessThan(20_000);
    const { bytes, error } = await drain(response);
    expect(error).toBeUndefined();
    expect(bytes).toBe(2 * 1024 * 1024);
  });

  it('createGzipBomb inflates to exactly the requested size', async () => {
    const bomb = await createGzipBomb(3);
    expect(bomb.length).toBeLessThan(10_000);
    const inflated = gunzipSync(bomb);
    expect(inflated.length).toBe(3 * 1024 * 1024);
    expect(inflated.every((byte) => byte === 0)).toBe(true);
  });

  it('/bad-gzip makes fetch fail while decoding', async () => {
    const response = await fetch(at('/bad-gzip'));
    const { error } = await drain(response);
    expect((error as TypeError).cause).toMatchObject({ code: 'Z_DATA_ERROR' });
  });

  it('/redirect redirects to `to` with the given status', async () => {
    const response = await fetch(at('/redirect?to=https%3A%2F%2Felsewhere.example%2Fx&status=307'), {
      redirect: 'manual',
    });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('https://elsewhere.example/x');
  });

  it('/redirect without `to` answers a 3xx with no Location', async () => {
    const response = await fetch(at('/redirect'), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.has('location')).toBe(false);
  });

  it('/redirect-chain/:n takes n hops before a 200', async () => {
    const before = server.requests.length;
    const response = await fetch(at('/redirect-chain/3'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, method: 'GET' });
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([
      '/redirect-chain/3',
      '/redirect-chain/2',
      '/redirect-chain/1',
      '/redirect-chain/0',
    ]);
  });

  it('/redirect-chain keeps its status and query on every hop', async () => {
    const response = await fetch(at('/redirect-chain/2?status=308'), { redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/redirect-chain/1?status=308');
  });

  it('/redirect-loop redirects to itself', async () => {
    const response = await fetch(at('/redirect-loop'), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/redirect-loop');
    await expect(fetch(at('/redirect-loop'))).rejects.toThrow('fetch failed');
  });

  it('/json/:status answers JSON with that status', async () => {
    const error = await fetch(at('/json/503'));
    expect(error.status).toBe(503);
    expect(error.headers.get('content-type')).toBe('application/json');
    expect(await error.json()).toEqual({ error: { code: 'fault_503', message: 'Fault server answered 503' } });
    const ok = await fetch(at('/json/201'));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ ok: true });
  });

  it.each([204, 200, 500])('/empty/%i answers with no body', async (status) => {
    const response = await fetch(at(`/empty/${status}`));
    expect(response.status).toBe(status);
    expect(await response.text()).toBe('');
  });

  it('/huge sends a plain body of mb MiB', async () => {
    const response = await fetch(at('/huge?mb=3'));
    expect(response.headers.get('content-length')).toBe(String(3 * 1024 * 1024));
    const { bytes, error } = await drain(response);
    expect(error).toBeUndefined();
    expect(bytes).toBe(3 * 1024 * 1024);
  });

  it('/echo returns method, query, headers and body', async () => {
    const response = await fetch(at('/echo?a=1&a=2&b=x%20y'), {
      method: 'POST',
      headers: { 'x-api-key': 'test-key', 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(await response.json()).toMatchObject({
      method: 'POST',
      path: '/echo',
      query: { a: ['1', '2'], b: 'x y' },
      headers: { 'x-api-key': 'test-key', 'content-type': 'text/plain' },
      body: 'hello',
    });
  });

  it('records every request with method, path, headers and body', async () => {
    await (
      await fetch(at('/json/200?q=1'), { method: 'PUT', headers: { authorization: 'Bearer t0k' }, body: 'b' })
    ).text();
    expect(server.requests.at(-1)).toEqual({
      method: 'PUT',
      path: '/json/200?q=1',
      headers: expect.objectContaining({ authorization: 'Bearer t0k' }),
      body: 'b',
    });
  });

  it('answers an unknown path with a JSON 404', async () => {
    const response = await fetch(at('/nope'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'no_such_fault' } });
  });

  it('close() ends hung and stalled requests at once', async () => {
    const own = await startFaultServer();
    const hung = fetch(new URL('/hang', own.url)).catch((e: unknown) => e);
    const stalled = await fetch(new URL('/stall-body', own.url));
    const body = stalled.text().catch((e: unknown) => e);
    await waitFor(() => own.requests.length === 2);
    await own.close();
    expect(await hung).toBeInstanceOf(TypeError);
    expect(await body).toBeInstanceOf(TypeError);
    await expect(fetch(new URL('/json/200', own.url))).rejects.toThrow('fetch failed');
  });
});

/** Polls a condition on the event loop; the test timeout bounds it. */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
