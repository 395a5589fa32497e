// Bodies that never end, end early or trickle, against a real loopback server: every responseType is bounded by
// the attempt timeout, the deadline, the caller's signal and close(), and the socket is released. Assertions are
// on outcomes (kind, code, sockets closed), never on durations.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { ApiError } from '../../src/errors/api-error';
import { isApiError } from '../../src/errors/is-api-error';
import { caught } from '../engine/caught';

let server: Server;
let origin: string;
// The sockets that carried a request (undici may open a spare idle one after destroying one: not watched).
const carriers = new Set<Socket>();
const timers = new Set<ReturnType<typeof setInterval>>();

/** Headers now, then one byte every 10 ms for as long as the client listens. */
function trickle(res: ServerResponse, type: string): void {
  res.writeHead(200, { 'content-type': type });
  res.write('x');
  const timer = setInterval(() => res.write('x'), 10);
  timers.add(timer);
  res.on('close', () => {
    clearInterval(timer);
    timers.delete(timer);
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    carriers.add(req.socket);
    const url = new URL(req.url ?? '/', 'http://x');
    const type = url.searchParams.get('type') ?? 'application/octet-stream';
    if (url.pathname === '/trickle') trickle(res, type);
    else if (url.pathname === '/cut') {
      // Promises 100 bytes, sends 10, then drops the connection.
      res.writeHead(200, { 'content-type': type, 'content-length': '100' });
      res.write('0123456789', () => res.socket?.destroy());
    } else if (url.pathname === '/stall') {
      // Promises 100 bytes, sends 10, then stays silent with the connection open.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('[000000000');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const timer of timers) clearInterval(timer);
  for (const socket of carriers) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const loop = () => defineAdapter({ id: 'loop', displayName: 'Loopback', baseUrl: origin });

/** Reads a stream to its end; its failure is returned. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<ApiError> {
  const reader = stream.getReader();
  try {
    for (;;) if ((await reader.read()).done) throw new Error('the endless stream ended');
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
}

/** Waits until every socket that carried a request is closed (a trickling one only closes when the client ends it). */
async function socketsReleased(): Promise<void> {
  const open = () => [...carriers].filter((socket) => !socket.destroyed).length;
  for (let i = 0; i < 200 && open() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(open()).toBe(0);
}

describe('a body that trickles forever', () => {
  it.each(['json', 'text', 'bytes'] as const)(
    'responseType %s: attempt_timeout, socket closed',
    async (responseType) => {
      const client = createClient(loop(), { retry: false, timeoutMs: 150 });
      const error = await caught(client.get('/trickle', { responseType }));
      expect(error).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
      await socketsReleased();
    },
  );

  it('with no attempt timeout, the deadline ends it: deadline_exceeded', async () => {
    const client = createClient(loop(), { retry: false, timeoutMs: Number.POSITIVE_INFINITY, deadlineMs: 150 });
    const error = await caught(client.get('/trickle', { responseType: 'text' }));
    expect(error).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded' });
    await socketsReleased();
  });

  it('responseType stream: the stream fails with attempt_timeout while the caller reads', async () => {
    const client = createClient(loop(), { retry: false, timeoutMs: 150 });
    const stream = await client.get('/trickle', { responseType: 'stream' });
    expect(await drain(stream)).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
    await socketsReleased();
  });

  it('responseType stream with a custom fetch: the same', async () => {
    const client = createClient(loop(), { retry: false, timeoutMs: 150, fetch: (i, o) => fetch(i, o) });
    const stream = await client.get('/trickle', { responseType: 'stream' });
    expect(await drain(stream)).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
    await socketsReleased();
  });

  it('responseType stream: close() fails the read with client_closed', async () => {
    const client = createClient(loop(), { retry: false });
    const stream = await client.get('/trickle', { responseType: 'stream' });
    const read = drain(stream);
    await client.close();
    expect(await read).toMatchObject({ kind: 'aborted', code: 'client_closed' });
    await socketsReleased();
  });

  it("responseType stream: the caller's signal fails the read with aborted", async () => {
    const client = createClient(loop(), { retry: false });
    const controller = new AbortController();
    const stream = await client.get('/trickle', { responseType: 'stream', signal: controller.signal });
    const read = drain(stream);
    controller.abort();
    expect(await read).toMatchObject({ kind: 'aborted', code: 'aborted' });
    await socketsReleased();
  });

  it('responseType stream: a caller that cancels the stream releases the socket', async () => {
    const client = createClient(loop(), { retry: false });
    const stream = await client.get('/trickle', { responseType: 'stream' });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    await socketsReleased();
  });
});

describe('a body cut mid-way (Content-Length 100, 10 bytes sent)', () => {
  it.each(['json', 'text', 'bytes'] as const)('responseType %s: network, retried for a GET', async (responseType) => {
    const client = createClient(loop(), { retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    const error = await caught(client.get('/cut?type=text/plain', { responseType }));
    expect(error).toMatchObject({ kind: 'network', attempts: 2 });
  });

  it('responseType stream: the read fails with network', async () => {
    const client = createClient(loop(), { retry: false });
    const stream = await client.get('/cut', { responseType: 'stream' });
    expect(await drain(stream)).toMatchObject({ kind: 'network' });
  });
});

describe('a custom fetch that ignores its signal and answers after the attempt ended', () => {
  it("its late response's body is cancelled, so its socket is released", async () => {
    let late: Promise<Response> | undefined;
    // Deaf to the signal: sends only after the attempt has timed out, then answers with an endless body.
    const deaf = ((input: RequestInfo | URL) => {
      const url = input instanceof Request ? input.url : String(input);
      late = new Promise<Response>((resolve) => setTimeout(() => resolve(fetch(url)), 300));
      return late;
    }) as typeof fetch;
    const client = createClient(loop(), { retry: false, timeoutMs: 100, fetch: deaf });
    const before = carriers.size;
    const error = await caught(client.get('/trickle'));
    expect(error).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
    await late;
    for (let i = 0; i < 100 && carriers.size === before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(carriers.size).toBe(before + 1);
    await socketsReleased();
  });
});

describe('a body of declared length that stalls, from a custom fetch deaf to its signal', () => {
  it('attempt_timeout, and the body is cancelled so its socket is released', async () => {
    // Sends its own request without the attempt's signal: only Rosetta's read can end this body.
    const deaf = ((input: RequestInfo | URL) =>
      fetch(input instanceof Request ? input.url : String(input))) as typeof fetch;
    const client = createClient(loop(), { retry: false, timeoutMs: 150, fetch: deaf });
    const error = await caught(client.get('/stall'));
    expect(error).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
    await socketsReleased();
  });
});

describe('a handed-over stream nobody reads, from a custom fetch deaf to its signal', () => {
  it('the attempt timeout cancels it, so its socket is released', async () => {
    const deaf = ((input: RequestInfo | URL) =>
      fetch(input instanceof Request ? input.url : String(input))) as typeof fetch;
    const client = createClient(loop(), { retry: false, timeoutMs: 150, fetch: deaf });
    const stream = await client.get('/trickle', { responseType: 'stream' });
    expect(stream.locked).toBe(false);
    await socketsReleased();
    // Read after that, it is the timeout's error, never a short body that looks complete.
    expect(await drain(stream)).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
  });

  it('with the global fetch too: read after the timeout, it fails with attempt_timeout', async () => {
    const client = createClient(loop(), { retry: false, timeoutMs: 150 });
    const stream = await client.get('/trickle', { responseType: 'stream' });
    await socketsReleased();
    expect(await drain(stream)).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
  });
});

describe('an afterResponse hook that never settles, over a custom fetch deaf to its signal', () => {
  it('attempt_timeout, and the response it holds is cancelled so its socket is released', async () => {
    const deaf = ((input: RequestInfo | URL) =>
      fetch(input instanceof Request ? input.url : String(input))) as typeof fetch;
    const client = createClient(loop(), {
      retry: false,
      timeoutMs: 150,
      fetch: deaf,
      hooks: { afterResponse: [() => new Promise<never>(() => {})] },
    });
    const error = await caught(client.get('/trickle'));
    expect(error).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
    await socketsReleased();
  });
});
