// docs/reliability.md 22-24 beyond real-sockets.test.ts: DNS failures in the shapes undici throws them, and
// proof on a real socket that a timed-out attempt releases its connection instead of leaking it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createScriptedFetch } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import { rejectsWithin, settleWithin } from './settle-within';

const BOUND_MS = 5_000;
const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });

describe('DNS and connection failures are network errors (FAULTS 22)', () => {
  // The shapes Node 20's fetch gives: TypeError('fetch failed') with the system error as cause.
  const failures = [
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND api.acme.test'],
    ['EAI_AGAIN', 'getaddrinfo EAI_AGAIN api.acme.test'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443'],
    ['ECONNRESET', 'read ECONNRESET'],
    ['EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.1:443'],
    ['UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'],
    ['CERT_HAS_EXPIRED', 'certificate has expired'],
  ] as const;

  it.each(failures)('%s: kind network, retried for a GET, code kept', async (code, message) => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
    const t = createScriptedFetch([{ error }, { status: 200, body: { ok: true } }]);
    const client = createClient(acme, { rateLimit: false, retry: { maxRetries: 0 }, fetch: t.fetch });
    const err = await rejectsWithin(client.get('/v1/x'), BOUND_MS);
    expect(err).toMatchObject({ kind: 'network', code, retryable: true, status: undefined });
    expect(err.cause).toBeInstanceOf(Error);

    const retried = createClient(acme, {
      rateLimit: false,
      retry: { baseDelayMs: 0, maxDelayMs: 0 },
      fetch: createScriptedFetch([{ error }, { status: 200, body: { ok: true } }]).fetch,
    });
    await expect(settleWithin(retried.get('/v1/x'), BOUND_MS)).resolves.toEqual({
      status: 'fulfilled',
      value: { ok: true },
    });
  });

  it('a fetch failure without any code is still network, never unknown', async () => {
    const t = createScriptedFetch([{ error: new TypeError('fetch failed') }]);
    const client = createClient(acme, { rateLimit: false, retry: false, fetch: t.fetch });
    await expect(rejectsWithin(client.get('/v1/x'), BOUND_MS)).resolves.toMatchObject({ kind: 'network' });
  });
});

describe('a timed-out attempt releases its socket (FAULTS 23, 24)', () => {
  let server: Server;
  let origin: string;
  /** The socket that carried each request, so a test can watch exactly the ones it left hanging. */
  const carriers: Socket[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      carriers.push(req.socket);
      // /hang: never answers. /stall: headers and a piece of the body, then nothing.
      if (req.url === '/stall') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"partial":');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /**
   * Resolves once every socket in `sockets` is closed. (undici may open a fresh idle connection after
   * destroying one; that spare is pooled, unref'd and closed by its keep-alive timeout, so only the
   * sockets that carried the timed-out requests are watched.)
   */
  async function closed(sockets: readonly Socket[]): Promise<void> {
    while (sockets.some((socket) => !socket.destroyed)) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it.each([
    ['a server that never answers', '/hang'],
    ['a body that stalls after the headers', '/stall'],
  ])('%s: timeout, and the connection that carried it is closed', async (_label, path) => {
    const before = carriers.length;
    const client = createClient(acme, { baseUrl: origin, rateLimit: false, retry: false, timeoutMs: 400 });
    const err = await rejectsWithin(client.get(path), BOUND_MS);
    expect(err).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
    const used = carriers.slice(before);
    expect(used).toHaveLength(1);
    await expect(settleWithin(closed(used), 2_000)).resolves.toMatchObject({ status: 'fulfilled' });
    await client.close();
  });

  it('ten concurrent timed-out calls: ten connections, all closed', async () => {
    const before = carriers.length;
    // Long enough for every request to reach the server on a loaded machine before its timeout.
    const client = createClient(acme, { baseUrl: origin, rateLimit: false, retry: false, timeoutMs: 600 });
    const errors = await Promise.all(
      Array.from({ length: 10 }, (_, i) => rejectsWithin(client.get(i % 2 === 0 ? '/hang' : '/stall'), BOUND_MS)),
    );
    expect(errors.every((e) => e.kind === 'timeout')).toBe(true);
    const used = carriers.slice(before);
    expect(used).toHaveLength(10);
    await expect(settleWithin(closed(used), 2_000)).resolves.toMatchObject({ status: 'fulfilled' });
  });
});
