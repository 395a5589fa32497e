// The client against real loopback sockets: what nock cannot imitate (docs/reliability.md 1-4, 14-16, 19, 22-24).
import { createGzipBomb, type FaultServer, startFaultServer } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';

let a: FaultServer;
let b: FaultServer;
beforeAll(async () => {
  [a, b] = await Promise.all([startFaultServer(), startFaultServer()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

const SECRET = 'xk_live_9f8e7d6c5b4a';
function clientFor(server: FaultServer, trusted: string[] = [], extra: Record<string, unknown> = {}) {
  const adapter = defineAdapter({
    id: 'loop',
    displayName: 'Loopback',
    baseUrl: server.origin,
    auth: [{ type: 'header', header: 'x-loop-key' }],
    trustedRedirectOrigins: trusted,
  });
  return createClient(adapter, {
    auth: { apiKey: SECRET },
    rateLimit: false,
    retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0 },
    ...extra,
  });
}
const sentTo = (server: FaultServer) => JSON.stringify(server.requests);

describe('redirects with credentials', () => {
  it('refuses a redirect to an untrusted origin: nothing at all reaches it', async () => {
    const before = b.requests.length;
    const target = encodeURIComponent(`${b.origin}/echo`);
    await expect(clientFor(a).get(`/redirect?to=${target}&status=302`)).rejects.toMatchObject({
      kind: 'invalid_response',
      code: 'redirect_refused',
    });
    expect(b.requests.length).toBe(before);
  });

  it('follows a trusted origin without any credential (custom API-key header included)', async () => {
    const target = encodeURIComponent(`${b.origin}/echo`);
    const data = (await clientFor(a, [b.origin]).get(`/redirect?to=${target}&status=307`)) as {
      headers: Record<string, string>;
    };
    expect(data.headers['x-loop-key']).toBeUndefined();
    expect(sentTo(b)).not.toContain(SECRET);
  });

  it('follows same-origin chains with credentials and stops loops with a typed error', async () => {
    await expect(clientFor(a).get('/redirect-chain/3')).resolves.toBeDefined();
    await expect(clientFor(a).get('/redirect-loop')).rejects.toMatchObject({
      kind: 'invalid_response',
      code: 'redirect_loop',
    });
    await expect(clientFor(a).get('/redirect-chain/9')).rejects.toMatchObject({ code: 'redirect_loop' });
  });
});

describe('bodies and connections', () => {
  it('an HTML 502 page is unavailable with a sanitized snippet', async () => {
    const err = await clientFor(a, [], { retry: false })
      .get('/html/502')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unavailable', status: 502 });
    expect((err as Error).message).not.toMatch(/<[a-z]/i);
  });

  it('a truncated body is network, retried for a GET, not for a POST', async () => {
    const before = a.requests.filter((r) => r.path.startsWith('/truncated')).length;
    await expect(clientFor(a).get('/truncated')).rejects.toMatchObject({ kind: 'network', attempts: 2 });
    await expect(clientFor(a).post('/truncated', { body: {} })).rejects.toMatchObject({
      kind: 'network',
      attempts: 1,
      possiblyProcessed: true,
    });
    expect(a.requests.filter((r) => r.path.startsWith('/truncated')).length - before).toBe(3);
  });

  it('a connection reset before headers is network', async () => {
    await expect(clientFor(a, [], { retry: false }).get('/reset')).rejects.toMatchObject({ kind: 'network' });
  });

  it('connection refused is network', async () => {
    const closed = await startFaultServer();
    await closed.close();
    await expect(clientFor(closed, [], { retry: false }).get('/x')).rejects.toMatchObject({ kind: 'network' });
  });

  it('a server that never answers hits the attempt timeout; a stalled body too', async () => {
    await expect(clientFor(a, [], { retry: false, timeoutMs: 300 }).get('/hang')).rejects.toMatchObject({
      kind: 'timeout',
      code: 'attempt_timeout',
    });
    await expect(clientFor(a, [], { retry: false, timeoutMs: 300 }).get('/stall-body')).rejects.toMatchObject({
      kind: 'timeout',
      code: 'attempt_timeout',
    });
  });

  it('a body past the limit, and a gzip bomb, stop at the limit with a typed error', async () => {
    await expect(clientFor(a, [], { retry: false, maxBodyBytes: 1024 * 1024 }).get('/huge?mb=3')).rejects.toMatchObject(
      { kind: 'invalid_response', code: 'body_too_large' },
    );
    await expect(
      clientFor(a, [], { retry: false, maxBodyBytes: 1024 * 1024 }).get('/gzip-bomb?mb=20'),
    ).rejects.toMatchObject({ kind: 'invalid_response', code: 'body_too_large' });
    expect(createGzipBomb).toBeTypeOf('function');
  });

  it('204 and empty bodies are an explicit empty result', async () => {
    await expect(clientFor(a).get('/empty/204')).resolves.toBeUndefined();
    await expect(clientFor(a).get('/empty/200')).resolves.toBeUndefined();
  });
});
