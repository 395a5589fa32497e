import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FollowRedirectsOptions,
  followRedirects,
  type RedirectRequest,
  toOrigins,
} from '../../src/transport/redirects';
import { stripCredentials, stripQueryParams } from '../../src/transport/strip-credentials';
import { TransportFault } from '../../src/transport/transport-fault';
import { type FaultServer, startFaultServer } from '../../../testkit/src/index';

type Reply = { status: number; location?: string; body?: string };

/**
 * A scripted transport: `routes` maps `METHOD url` (or just `url`) to a reply; every hop is
 * logged as `METHOD url [creds|anon] body=...` so tests assert the exact sequence.
 */
function scripted(routes: Record<string, Reply>) {
  const log: string[] = [];
  const hops: RedirectRequest[] = [];
  const cancelled: string[] = [];
  const send = async (hop: RedirectRequest): Promise<Response> => {
    hops.push(hop);
    const body = hop.body === undefined ? '' : ` body=${String(hop.body)}`;
    log.push(`${hop.method} ${hop.url.href} ${hop.withCredentials ? 'creds' : 'anon'}${body}`);
    const reply = routes[`${hop.method} ${hop.url.href}`] ?? routes[hop.url.href] ?? { status: 200, body: 'final' };
    const href = hop.url.href;
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      // Stays open until read, so a cancel() of the leftover 3xx body reaches cancel() below.
      pull(controller) {
        if (sent) return controller.close();
        sent = true;
        controller.enqueue(new TextEncoder().encode(reply.body ?? 'redirect page'));
      },
      cancel() {
        cancelled.push(href);
      },
    });
    const headers: Record<string, string> = reply.location === undefined ? {} : { location: reply.location };
    return new Response(reply.status === 204 || reply.status === 304 ? null : stream, {
      status: reply.status,
      headers,
    });
  };
  return { send, log, hops, cancelled };
}

function request(method: string, url: string, body?: string): FollowRedirectsOptions['request'] {
  return {
    method,
    url: new URL(url),
    headers: new Headers({
      authorization: 'Bearer sk_test_secret',
      cookie: 'session=abc',
      'proxy-authorization': 'Basic cHg=',
      'x-api-key': 'k_secret',
      'content-type': 'application/json',
      accept: 'application/json',
    }),
    body,
  };
}

async function fault(promise: Promise<unknown>): Promise<TransportFault> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TransportFault);
  return error as TransportFault;
}

const A = 'https://api.x.com';
const B = 'https://files.x.com';

describe('followRedirects: same origin', () => {
  it.each([301, 302, 303, 307, 308])('follows a %i for GET, keeping credentials', async (status) => {
    const t = scripted({ [`${A}/a`]: { status, location: '/b' } });
    const response = await followRedirects({ send: t.send, request: request('GET', `${A}/a`) });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('final');
    expect(t.log).toEqual([`GET ${A}/a creds`, `GET ${A}/b creds`]);
    expect(new Headers(t.hops[1]?.headers).get('authorization')).toBe('Bearer sk_test_secret');
  });

  it.each([
    [301, 'POST', `GET ${A}/b creds`],
    [302, 'POST', `GET ${A}/b creds`],
    [303, 'POST', `GET ${A}/b creds`],
    [303, 'PUT', `GET ${A}/b creds`],
    [303, 'DELETE', `GET ${A}/b creds`],
    [307, 'POST', `POST ${A}/b creds body={"a":1}`],
    [308, 'POST', `POST ${A}/b creds body={"a":1}`],
    [301, 'PUT', `PUT ${A}/b creds body={"a":1}`],
    [302, 'PATCH', `PATCH ${A}/b creds body={"a":1}`],
  ])('on %i turns %s into the RFC 9110 / fetch method and body', async (status, method, second) => {
    const t = scripted({ [`${A}/a`]: { status, location: '/b' } });
    await followRedirects({ send: t.send, request: request(method, `${A}/a`, '{"a":1}') });
    expect(t.log).toEqual([`${method} ${A}/a creds body={"a":1}`, second]);
  });

  it('keeps HEAD on a 303', async () => {
    const t = scripted({ [`${A}/a`]: { status: 303, location: '/b' } });
    await followRedirects({ send: t.send, request: request('HEAD', `${A}/a`) });
    expect(t.log).toEqual([`HEAD ${A}/a creds`, `HEAD ${A}/b creds`]);
  });

  it('drops the body headers when the body is dropped, and only then', async () => {
    const t = scripted({ [`${A}/a`]: { status: 303, location: '/b' }, [`${A}/b`]: { status: 307, location: '/c' } });
    await followRedirects({ send: t.send, request: request('POST', `${A}/a`, 'x') });
    expect(new Headers(t.hops[1]?.headers).has('content-type')).toBe(false);
    expect(new Headers(t.hops[1]?.headers).get('accept')).toBe('application/json');

    const u = scripted({ [`${A}/a`]: { status: 307, location: '/b' } });
    await followRedirects({ send: u.send, request: request('POST', `${A}/a`, 'x') });
    expect(new Headers(u.hops[1]?.headers).get('content-type')).toBe('application/json');
  });

  it('resolves relative locations against the current URL and drops fragments', async () => {
    const t = scripted({
      [`${A}/v1/a/b`]: { status: 302, location: '../c?page=2#top' },
      [`${A}/v1/c?page=2`]: { status: 302, location: '?page=3' },
    });
    await followRedirects({ send: t.send, request: request('GET', `${A}/v1/a/b`) });
    expect(t.log).toEqual([`GET ${A}/v1/a/b creds`, `GET ${A}/v1/c?page=2 creds`, `GET ${A}/v1/c?page=3 creds`]);
  });

  it('follows an http -> https upgrade of the same host with credentials', async () => {
    const t = scripted({ 'http://api.x.com/a': { status: 301, location: 'https://api.x.com/a' } });
    await followRedirects({ send: t.send, request: request('GET', 'http://api.x.com/a') });
    expect(t.log).toEqual(['GET http://api.x.com/a creds', 'GET https://api.x.com/a creds']);
  });

  it('cancels the bodies of the 3xx responses it leaves behind', async () => {
    const t = scripted({ [`${A}/a`]: { status: 302, location: '/b' }, [`${A}/b`]: { status: 307, location: '/c' } });
    const response = await followRedirects({ send: t.send, request: request('GET', `${A}/a`) });
    expect(t.cancelled).toEqual([`${A}/a`, `${A}/b`]);
    expect(response.bodyUsed).toBe(false);
  });
});

describe('followRedirects: other origins', () => {
  it('refuses an untrusted origin, naming only its origin', async () => {
    const t = scripted({ [`${A}/a`]: { status: 302, location: 'https://evil.example/steal?token=abc' } });
    const error = await fault(followRedirects({ send: t.send, request: request('GET', `${A}/a`) }));
    expect(error.reason).toBe('redirect_refused');
    expect(error.message).toBe('Redirect to https://evil.example refused: origin is not trusted');
    expect(t.log).toEqual([`GET ${A}/a creds`]);
    expect(t.cancelled).toEqual([`${A}/a`]);
  });

  it('follows a trusted origin without credentials, stripping the standard credential headers', async () => {
    const t = scripted({ [`${A}/a`]: { status: 302, location: `${B}/file?sig=1` } });
    await followRedirects({ send: t.send, request: request('GET', `${A}/a`), trustedOrigins: toOrigins([B]) });
    expect(t.log).toEqual([`GET ${A}/a creds`, `GET ${B}/file?sig=1 anon`]);
    const headers = new Headers(t.hops[1]?.headers);
    expect(headers?.has('authorization')).toBe(false);
    expect(headers?.has('cookie')).toBe(false);
    expect(headers?.has('proxy-authorization')).toBe(false);
    // Provider-specific headers are the send callback's job, told by withCredentials: false.
    expect(headers?.get('x-api-key')).toBe('k_secret');
  });

  it('does not hand credentials back once the chain has left their origin', async () => {
    const t = scripted({
      [`${A}/a`]: { status: 302, location: `${B}/x` },
      [`${B}/x`]: { status: 302, location: `${A}/b` },
    });
    await followRedirects({ send: t.send, request: request('GET', `${A}/a`), trustedOrigins: toOrigins([B]) });
    expect(t.log).toEqual([`GET ${A}/a creds`, `GET ${B}/x anon`, `GET ${A}/b anon`]);
    expect(new Headers(t.hops[2]?.headers).has('authorization')).toBe(false);
  });

  it('normalizes trusted origins given as URLs and ignores invalid entries', async () => {
    const t = scripted({ [`${A}/a`]: { status: 302, location: `${B}/x` } });
    await followRedirects({
      send: t.send,
      request: request('GET', `${A}/a`),
      trustedOrigins: toOrigins(['not a url', `${B}/some/path/`]),
    });
    expect(t.log.at(-1)).toBe(`GET ${B}/x anon`);
  });

  it('treats another port of the same host as another origin', async () => {
    const t = scripted({ [`${A}/a`]: { status: 302, location: 'https://api.x.com:8443/a' } });
    const error = await fault(followRedirects({ send: t.send, request: request('GET', `${A}/a`) }));
    expect(error.reason).toBe('redirect_refused');
  });

  it.each([
    [
      'an https -> http downgrade on the same host',
      'http://api.x.com/a',
      'Redirect from https to http refused (http://api.x.com)',
    ],
    [
      'an https -> http downgrade to a trusted origin',
      'http://files.x.com/a',
      'Redirect from https to http refused (http://files.x.com)',
    ],
    ['a javascript: URL', 'javascript:alert(1)', 'Redirect to a "javascript:" URL refused'],
    ['an ftp: URL', 'ftp://files.x.com/a', 'Redirect to a "ftp:" URL refused'],
    ['a data: URL', 'data:text/html,<script>1</script>', 'Redirect to a "data:" URL refused'],
    [
      'a URL with user info',
      'https://user:pw@api.x.com/a',
      'Redirect to a URL with user info refused (https://api.x.com)',
    ],
  ])('refuses %s', async (_label, location, message) => {
    const t = scripted({ [`${A}/a`]: { status: 302, location } });
    const error = await fault(
      followRedirects({
        send: t.send,
        request: request('GET', `${A}/a`),
        trustedOrigins: toOrigins(['http://files.x.com', B]),
      }),
    );
    expect(error.reason).toBe('redirect_refused');
    expect(error.message).toBe(message);
    expect(t.log).toHaveLength(1);
  });
});

describe('followRedirects: limits and odd responses', () => {
  it('follows up to maxRedirects hops', async () => {
    const routes: Record<string, Reply> = {};
    for (let i = 0; i < 5; i++) routes[`${A}/${i}`] = { status: 302, location: `/${i + 1}` };
    const t = scripted(routes);
    const response = await followRedirects({ send: t.send, request: request('GET', `${A}/0`) });
    expect(response.status).toBe(200);
    expect(t.log).toHaveLength(6);
  });

  it('fails with redirect_loop past maxRedirects', async () => {
    const routes: Record<string, Reply> = {};
    for (let i = 0; i < 10; i++) routes[`${A}/${i}`] = { status: 302, location: `/${i + 1}` };
    const t = scripted(routes);
    const error = await fault(followRedirects({ send: t.send, request: request('GET', `${A}/0`), maxRedirects: 3 }));
    expect(error.reason).toBe('redirect_loop');
    expect(error.message).toBe('Too many redirects (more than 3)');
    expect(t.log).toHaveLength(4);
    expect(t.cancelled).toHaveLength(4);
  });

  it('refuses every redirect with maxRedirects 0', async () => {
    const t = scripted({ [`${A}/a`]: { status: 302, location: '/b' } });
    const error = await fault(followRedirects({ send: t.send, request: request('GET', `${A}/a`), maxRedirects: 0 }));
    expect(error.reason).toBe('redirect_loop');
    expect(t.log).toHaveLength(1);
  });

  it('detects a loop before sending the repeated hop', async () => {
    const t = scripted({ [`${A}/a`]: { status: 302, location: '/b' }, [`${A}/b`]: { status: 302, location: '/a' } });
    const error = await fault(followRedirects({ send: t.send, request: request('GET', `${A}/a`), maxRedirects: 20 }));
    expect(error.reason).toBe('redirect_loop');
    expect(error.message).toBe('Redirect loop detected at https://api.x.com');
    expect(t.log).toEqual([`GET ${A}/a creds`, `GET ${A}/b creds`]);
  });

  it('does not count POST then GET of the same URL as a loop', async () => {
    const t = scripted({ [`POST ${A}/a`]: { status: 303, location: '/a' } });
    const response = await followRedirects({ send: t.send, request: request('POST', `${A}/a`, 'x') });
    expect(response.status).toBe(200);
    expect(t.log).toEqual([`POST ${A}/a creds body=x`, `GET ${A}/a creds`]);
  });

  it.each([
    ['no Location', undefined],
    ['an empty Location', ''],
    ['an unparsable Location', 'http://[oops'],
  ])('returns a 3xx with %s as it is, body unread', async (_label, location) => {
    const reply: Reply =
      location === undefined ? { status: 302, body: 'moved' } : { status: 302, location, body: 'moved' };
    const t = scripted({ [`${A}/a`]: reply });
    const response = await followRedirects({ send: t.send, request: request('GET', `${A}/a`) });
    expect(response.status).toBe(302);
    expect(await response.text()).toBe('moved');
    expect(t.cancelled).toEqual([]);
  });

  it.each([300, 304, 305])('does not follow a %i', async (status) => {
    const t = scripted({ [`${A}/a`]: { status, location: '/b' } });
    const response = await followRedirects({ send: t.send, request: request('GET', `${A}/a`) });
    expect(response.status).toBe(status);
    expect(t.log).toHaveLength(1);
  });

  it('propagates a failure of send unchanged', async () => {
    const failure = new TypeError('fetch failed');
    const send = async (): Promise<Response> => {
      throw failure;
    };
    await expect(followRedirects({ send, request: request('GET', `${A}/a`) })).rejects.toBe(failure);
  });
});

describe('followRedirects over real sockets', () => {
  let api: FaultServer;
  let other: FaultServer;
  beforeAll(async () => {
    [api, other] = await Promise.all([startFaultServer(), startFaultServer()]);
  });
  afterAll(async () => {
    await Promise.all([api.close(), other.close()]);
  });

  /** What the client does: credentials only while withCredentials holds. */
  const send = (hop: RedirectRequest): Promise<Response> => {
    const url = hop.withCredentials ? hop.url : stripQueryParams(hop.url, ['api_key']);
    const headers = hop.withCredentials ? hop.headers : stripCredentials(hop.headers, ['x-api-key']);
    return fetch(url, { method: hop.method, headers, body: hop.body ?? null, redirect: 'manual' });
  };

  const start = (
    server: FaultServer,
    path: string,
    method = 'GET',
    body?: string,
  ): FollowRedirectsOptions['request'] => ({
    url: new URL(path, server.url),
    method,
    headers: new Headers({ authorization: 'Bearer sk_test_secret', 'x-api-key': 'k_secret' }),
    body,
  });

  it('follows a same-origin chain and keeps a 307 POST body', async () => {
    const before = api.requests.length;
    const response = await followRedirects({
      send,
      request: start(api, '/redirect-chain/2?status=307', 'POST', 'payload'),
    });
    expect(await response.json()).toEqual({ ok: true, method: 'POST', body: 'payload' });
    const seen = api.requests.slice(before);
    expect(seen.map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual([
      'POST /redirect-chain/2?status=307 payload',
      'POST /redirect-chain/1?status=307 payload',
      'POST /redirect-chain/0?status=307 payload',
    ]);
    expect(seen.every((r) => r.headers.authorization === 'Bearer sk_test_secret')).toBe(true);
  });

  it('lets no credential reach a trusted second origin', async () => {
    const target = encodeURIComponent(`${other.origin}/echo?api_key=k_secret&page=2`);
    const response = await followRedirects({
      send,
      request: start(api, `/redirect?to=${target}&status=307`),
      trustedOrigins: toOrigins([other.origin]),
    });
    expect(response.status).toBe(200);
    const received = other.requests.at(-1);
    expect(received?.path).toBe('/echo?page=2');
    expect(received?.headers.authorization).toBeUndefined();
    expect(received?.headers['x-api-key']).toBeUndefined();
    expect(JSON.stringify(other.requests)).not.toContain('secret');
  });

  it('sends nothing at all to an untrusted second origin', async () => {
    const before = other.requests.length;
    const target = encodeURIComponent(`${other.origin}/echo`);
    const error = await fault(followRedirects({ send, request: start(api, `/redirect?to=${target}`) }));
    expect(error.reason).toBe('redirect_refused');
    expect(error.message).toContain(other.origin);
    expect(other.requests.length).toBe(before);
  });

  it('stops a real redirect loop after one request', async () => {
    const before = api.requests.length;
    const error = await fault(followRedirects({ send, request: start(api, '/redirect-loop') }));
    expect(error.reason).toBe('redirect_loop');
    expect(api.requests.length - before).toBe(1);
  });
});
