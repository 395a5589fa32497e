// docs/reliability.md 1, 3 and 5 through the client, against two real loopback servers (two origins), for every
// auth scheme. What real-sockets.test.ts covers (an API-key header, one status) is not repeated here.
import { type FaultServer, startFaultServer } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import type { AuthScheme } from '../../src/adapter/types';
import { createClient } from '../../src/client/create-client';
import type { AuthOptions, ClientOptions } from '../../src/client/options';
import { rejectsWithin, resolvesWithin } from '../faults/settle-within';
import { findLeak } from './leak-check';

const BOUND_MS = 5_000;
const TOKEN = 'Zq_token_9f8e7d6c5b4a';
const USER = 'Zq_user_3c2b1a0f';
const COOKIE = 'Zq_session_7a6b5c4d';

let a: FaultServer;
let b: FaultServer;
beforeAll(async () => {
  [a, b] = await Promise.all([startFaultServer(), startFaultServer()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

interface SchemeCase {
  readonly name: string;
  readonly scheme: AuthScheme;
  readonly auth: AuthOptions;
}

const SCHEMES: readonly SchemeCase[] = [
  { name: 'bearer', scheme: { type: 'bearer' }, auth: { token: TOKEN } },
  { name: 'bearer from a refresh function', scheme: { type: 'bearer' }, auth: { token: async () => TOKEN } },
  { name: 'basic', scheme: { type: 'basic' }, auth: { username: USER, password: TOKEN } },
  { name: 'api-key header', scheme: { type: 'header', header: 'X-Acme-Key' }, auth: { apiKey: TOKEN } },
  { name: 'api-key query parameter', scheme: { type: 'query', param: 'key' }, auth: { apiKey: TOKEN } },
];

function clientFor(server: FaultServer, c: SchemeCase, trusted: readonly string[] = [], extra: ClientOptions = {}) {
  const adapter = defineAdapter({
    id: 'loop',
    displayName: 'Loopback',
    baseUrl: server.origin,
    auth: [c.scheme],
    trustedRedirectOrigins: trusted,
  });
  return createClient(adapter, {
    auth: c.auth,
    rateLimit: false,
    retry: false,
    // A credential the caller adds by hand must not travel either.
    headers: { cookie: `session=${COOKIE}` },
    ...extra,
  });
}

/** Every credential this file uses, in every spelling a request could carry it. */
const SECRETS = [TOKEN, USER, COOKIE];
function expectNoCredential(requests: readonly unknown[]): void {
  const text = JSON.stringify(requests);
  expect(findLeak({ requests: text }, SECRETS)).toBeUndefined();
  expect(text).not.toContain(Buffer.from(`${USER}:${TOKEN}`).toString('base64'));
}

const to = (server: FaultServer, path: string) => encodeURIComponent(`${server.origin}${path}`);

describe('a redirect to another origin never carries a credential (FAULTS 1)', () => {
  describe.each(SCHEMES)('$name', (c) => {
    it('untrusted origin: refused, and the second server sees nothing at all', async () => {
      const beforeB = b.requests.length;
      for (const status of [301, 302, 303, 307, 308]) {
        const err = await rejectsWithin(
          clientFor(a, c).get(`/redirect?to=${to(b, '/echo')}&status=${status}`),
          BOUND_MS,
        );
        expect(err).toMatchObject({ kind: 'invalid_response', code: 'redirect_refused' });
      }
      expect(b.requests.length).toBe(beforeB);
    });

    it('trusted origin: followed for every redirect status, without any credential', async () => {
      const beforeA = a.requests.length;
      const beforeB = b.requests.length;
      for (const status of [301, 302, 303, 307, 308]) {
        const data = await resolvesWithin(
          clientFor(a, c, [b.origin]).post(`/redirect?to=${to(b, '/echo?page=2')}&status=${status}`, {
            body: { n: status },
            idempotencyKey: `k-${status}`,
          }),
          BOUND_MS,
        );
        // The body shows what b received: the redirect reached it, stripped.
        expect(data).toMatchObject({ path: '/echo', query: { page: '2' } });
      }
      const atA = a.requests.slice(beforeA);
      const atB = b.requests.slice(beforeB);
      expect(atB).toHaveLength(5);
      expectNoCredential(atB);
      // The first origin did get the credential: the test would notice a client that sent none at all.
      expect(JSON.stringify(atA)).toMatch(/Zq_token_9f8e7d6c5b4a|WnFf/);
    });

    it('a chain that left the first origin never gets the credential back, even on returning', async () => {
      const beforeA = a.requests.length;
      const back = to(a, '/echo');
      const viaB = encodeURIComponent(`${b.origin}/redirect?to=${back}&status=307`);
      const data = await resolvesWithin(clientFor(a, c, [b.origin]).get(`/redirect?to=${viaB}&status=307`), BOUND_MS);
      expect(data).toMatchObject({ path: '/echo' });
      const returned = a.requests.slice(beforeA).filter((r) => r.path === '/echo');
      expect(returned).toHaveLength(1);
      expectNoCredential(returned);
    });
  });

  it('a credential the caller put in the query (access_token=) does not reach a trusted origin', async () => {
    const beforeB = b.requests.length;
    const c = SCHEMES[0] as SchemeCase;
    await resolvesWithin(
      clientFor(a, c, [b.origin]).get(`/redirect?to=${to(b, '/echo')}&status=302`, { query: { access_token: TOKEN } }),
      BOUND_MS,
    );
    // The fault server's own /redirect drops the query; send the credential in the Location as well.
    await resolvesWithin(
      clientFor(a, c, [b.origin]).get(
        `/redirect?to=${to(b, `/echo?access_token=${TOKEN}&api_key=${TOKEN}&page=1`)}&status=302`,
      ),
      BOUND_MS,
    );
    const atB = b.requests.slice(beforeB);
    expect(atB.map((r) => r.path)).toEqual(['/echo', '/echo?page=1']);
    expectNoCredential(atB);
  });
});

describe('downgrades and other schemes are refused (FAULTS 3)', () => {
  // No https on loopback: a fetch that plays an https API answering with a redirect.
  const redirectingFetch = (location: string, log: string[]) =>
    (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      log.push(`${request.method} ${request.url}`);
      return new Response(null, { status: 302, headers: { location } });
    }) as typeof fetch;
  const https = defineAdapter({
    id: 'secure',
    displayName: 'Secure',
    baseUrl: 'https://api.secure.test',
    auth: [{ type: 'bearer' }],
  });

  it.each([
    ['an https -> http downgrade of the same host', 'http://api.secure.test/v1/x'],
    ['an https -> http downgrade to a loopback server', 'http://127.0.0.1:9/v1/x'],
    ['a file: URL', 'file:///etc/passwd'],
    ['a data: URL', 'data:application/json,{"ok":true}'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['an ftp: URL', 'ftp://api.secure.test/x'],
  ])('%s: redirect_refused, and the target is never fetched', async (_label, location) => {
    const log: string[] = [];
    const client = createClient(https, {
      auth: { token: TOKEN },
      rateLimit: false,
      retry: false,
      fetch: redirectingFetch(location, log),
    });
    const err = await rejectsWithin(client.get('/v1/start'), BOUND_MS);
    expect(err).toMatchObject({ kind: 'invalid_response', code: 'redirect_refused', retryable: false });
    expect(log).toEqual(['GET https://api.secure.test/v1/start']);
    expect(JSON.stringify(err.toJSON())).not.toContain(TOKEN);
  });

  it('an https -> http downgrade is refused even towards a trusted origin', async () => {
    const log: string[] = [];
    const adapter = defineAdapter({
      id: 'secure2',
      displayName: 'Secure',
      baseUrl: 'https://api.secure.test',
      trustedRedirectOrigins: ['http://files.secure.test', 'https://files.secure.test'],
    });
    const client = createClient(adapter, {
      rateLimit: false,
      retry: false,
      fetch: redirectingFetch('http://files.secure.test/f', log),
    });
    await expect(rejectsWithin(client.get('/v1/f'), BOUND_MS)).resolves.toMatchObject({ code: 'redirect_refused' });
    expect(log).toHaveLength(1);
  });
});

describe('absolute and protocol-relative paths are refused before any I/O (FAULTS 5)', () => {
  it.each(SCHEMES)('$name: no server sees a single request', async (c) => {
    const beforeA = a.requests.length;
    const beforeB = b.requests.length;
    const host = new URL(b.origin).host;
    const paths = [
      `${b.origin}/echo`,
      `//${host}/echo`,
      `///${host}/echo`,
      `/\\${host}/echo`,
      `\\\\${host}/echo`,
      `http:${host}/echo`,
      `HTTP://${host}/echo`,
      `\t//${host}/echo`,
      `/echo\r\nHost: ${host}`,
    ];
    for (const path of paths) {
      const err = await rejectsWithin(clientFor(a, c).get(path), BOUND_MS);
      expect(err, path).toMatchObject({ kind: 'validation', code: 'invalid_path', retryable: false });
      expect(err.message).not.toContain(host);
    }
    expect(a.requests.length).toBe(beforeA);
    expect(b.requests.length).toBe(beforeB);
  });
});
