import { inspect } from 'node:util';
import { createClient, normalizeError, normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { quickbooks, readQuickbooksSdkError } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

beforeAll(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-28T17:17:31Z'), toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

// Fake credentials, long enough to look real; never real ones.
const TOKEN = 'FAKE.qbo-access-token.0123456789abcdef';
const REFRESH = 'FAKE-qbo-refresh-token-0123456789abcdef';
const BASIC = `Basic ${Buffer.from('FAKE-client-id:FAKE-client-secret-0123456789').toString('base64')}`;
const COMPANY = 'https://quickbooks.api.intuit.com/v3/company/9130350000000000';

/**
 * axios' error for a non-2xx answer, as axios/axios@23a25af0688d1db2c396deb09229d2271cc24f6c builds it
 * (lib/core/settle.js; lib/core/AxiosError.js: `config`, `request`, `response`, `status`, `isAxiosError` on the
 * prototype; lib/adapters/http.js: the response keeps its `config`, `data` is '' for an empty body).
 */
class AxiosError extends Error {
  declare readonly isAxiosError: true;
  readonly status: number;
  constructor(
    readonly config: Record<string, unknown>,
    readonly response: { status: number; headers: Record<string, string>; data: unknown },
  ) {
    super(`Request failed with status code ${response.status}`);
    this.name = 'AxiosError';
    this.status = response.status;
    Object.assign(this.response, { statusText: 'x', config });
  }
}
Object.defineProperty(AxiosError.prototype, 'isAxiosError', { value: true });

/**
 * What node-quickbooks hands its callback (mcohen01/node-quickbooks@f5baf5d976c17ccc6786c5b19d9fbceb3b5aac0d index.js
 * `module.request`): axios' error for a non-2xx answer (the request's `url` in full, `params` apart, `Authorization:
 * Bearer`), the body itself for a JSON body with `Fault.Error` in a 2xx, else nothing (data).
 */
function nodeQuickbooksError(f: AdapterFixture): unknown {
  const { status, headers = {}, body } = f.response;
  if (status < 300) {
    const fault = (body as { Fault?: { Error?: unknown[] } } | undefined)?.Fault;
    return typeof body === 'object' && fault?.Error?.length ? body : undefined;
  }
  const config = {
    url: `${COMPANY}${f.request.path}`,
    method: f.request.method.toLowerCase(),
    params: { minorversion: '75', format: 'json' },
    headers: {
      Accept: 'application/json, text/plain, */*',
      'User-Agent': 'node-quickbooks: version 2.0.49',
      'Request-Id': 'x',
      Authorization: `Bearer ${TOKEN}`,
    },
  };
  return new AxiosError(config, { status, headers: { ...headers }, data: body ?? '' });
}

const pick = (e: ReturnType<typeof normalizeResponse>) =>
  e && { kind: e.kind, code: e.code, status: e.status, retryable: e.retryable, retryAfterMs: e.retryAfterMs };

describe('errors of node-quickbooks', () => {
  it('reads axios’ error as the whole answer: the same reading as over HTTP, fixture by fixture', () => {
    let read = 0;
    for (const f of fixtures.filter((x) => x.response.status >= 300)) {
      const err = nodeQuickbooksError(f);
      const { status, headers, body } = f.response;
      const url = `${COMPANY}${f.request.path}`;
      const http = normalizeResponse(quickbooks, {
        status,
        headers: headers ?? {},
        body,
        method: f.request.method,
        url,
      });
      expect(normalizeError(quickbooks, err), f.name).toEqual(http);
      read++;
    }
    expect(read).toBeGreaterThanOrEqual(15);
  });

  it('reads a Fault inside a 200, handed over as the error itself: same kind and code, no request id', () => {
    const faults = fixtures.filter((f) => f.response.status < 300 && nodeQuickbooksError(f) !== undefined);
    expect(faults.map((f) => f.name)).toContain('fault-in-200');
    for (const f of faults) {
      const http = normalizeResponse(quickbooks, { ...f.response, method: f.request.method });
      const sdk = normalizeError(quickbooks, nodeQuickbooksError(f));
      expect(pick(sdk), f.name).toEqual(pick(http));
      expect(sdk?.requestId).toBeUndefined();
    }
  });

  it('never lets the bearer token out, whatever the answer echoes', () => {
    const f = fixtures.find((x) => x.name === 'auth-malformed-token-401-gateway') as AdapterFixture;
    const echo = { fault: { error: [{ message: `Bad token ${TOKEN}`, detail: `Authorization: Bearer ${TOKEN}` }] } };
    const err = normalizeError(quickbooks, nodeQuickbooksError({ ...f, response: { ...f.response, body: echo } }));
    expect(err?.kind).toBe('authentication');
    const everything = `${inspect(err, { depth: null, showHidden: true })} ${JSON.stringify(err)} ${err?.stack}`;
    expect(everything).not.toContain(TOKEN);
    expect(readQuickbooksSdkError(nodeQuickbooksError(f))?.secrets).toEqual([`Bearer ${TOKEN}`]);
  });
});

// Intuit's oauth-jsclient, intuit/oauth-jsclient@26853935a71bf1bf5f11ed0ecbb3c0d4ab87ae03: a token request is an axios
// POST to the token endpoint (src/OAuthClient.js `refreshUsingToken`, `_tokenRequestHeaders`: `Authorization: Basic
// base64(clientId:clientSecret)`, the form body with the refresh token); its rejection goes through `getTokenRequest`'s
// catch: `authResponse.processResponse(e.response)` (src/response/AuthResponse.js) and `createError(e, authResponse)`.
const TOKEN_URL = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';

function oauthJsclientError(status: number, data: unknown, headers: Record<string, string>) {
  const config = {
    url: TOKEN_URL,
    method: 'post',
    data: `grant_type=refresh_token&refresh_token=${REFRESH}`,
    headers: { Authorization: BASIC, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
  };
  const e = new AxiosError(config, { status, headers, data });
  const authResponse = {
    token: { realmId: '9130350000000000', token_type: 'bearer', access_token: TOKEN, refresh_token: REFRESH },
    response: e.response,
    body: typeof data === 'string' ? data : JSON.stringify(data),
    json: data,
    intuit_tid: headers.intuit_tid ?? '',
  };
  const wrapped = Object.assign(new Error(), {
    error: '',
    authResponse,
    intuit_tid: authResponse.intuit_tid,
    originalMessage: e.message,
    error_description: '',
  });
  const body = data as { error?: string; error_description?: string };
  if (body?.error) {
    wrapped.error = body.error;
    wrapped.error_description = body.error_description ?? '';
    wrapped.message = body.error;
  }
  return wrapped;
}

describe('token errors of oauth-jsclient', () => {
  // The README's example error: {"error":"invalid_grant","error_description":"Token invalid","intuit_tid":...}; a
  // refused grant is a 400 (RFC 6749 §5.2).
  const headers = { 'content-type': 'application/json;charset=UTF-8', intuit_tid: 'FAKE-tid-0100' };
  const body = { error: 'invalid_grant', error_description: 'Token invalid' };

  it('reads authResponse.response as the answer: the same reading as over HTTP', () => {
    const err = normalizeError(quickbooks, oauthJsclientError(400, body, headers));
    const http = normalizeResponse(quickbooks, { status: 400, headers, body, method: 'POST', url: TOKEN_URL });
    expect(err).toEqual(http);
    expect(err).toMatchObject({ kind: 'authentication', code: 'invalid_grant', requestId: 'FAKE-tid-0100' });
  });

  it('reads the token endpoint’s OAuth errors by their code: a refused grant or client is authentication', () => {
    // oauth-jsclient README "Common OAuth2 Errors": invalid_grant and invalid_client need a new authorization or new
    // client credentials, invalid_request a corrected request; RFC 6749 §5.2 sends them as 400 (401 for a client).
    const token = (status: number, error: string) =>
      normalizeResponse(quickbooks, { status, headers, body: { error }, method: 'POST', url: TOKEN_URL });
    expect(token(400, 'invalid_grant')).toMatchObject({ kind: 'authentication', retryable: false });
    expect(token(401, 'invalid_client')).toMatchObject({ kind: 'authentication', code: 'invalid_client' });
    expect(token(400, 'invalid_request')).toMatchObject({ kind: 'validation', code: 'invalid_request' });
  });

  it('never lets the client secret, the tokens or the refresh token it sent out', () => {
    const echo = {
      error: 'invalid_request',
      error_description: `bad refresh_token=${REFRESH} with ${BASIC} for ${TOKEN}`,
    };
    for (const data of [echo, `refresh_token=${encodeURIComponent(REFRESH)}&auth=${BASIC}`]) {
      const err = normalizeError(quickbooks, oauthJsclientError(400, data, headers));
      expect(err).not.toBeNull();
      const everything = `${inspect(err, { depth: null, showHidden: true })} ${JSON.stringify(err)} ${err?.stack}`;
      for (const secret of [REFRESH, TOKEN, BASIC.slice('Basic '.length)]) expect(everything).not.toContain(secret);
    }
    expect(readQuickbooksSdkError(oauthJsclientError(400, body, headers))?.secrets).toEqual([
      BASIC,
      TOKEN,
      REFRESH,
      REFRESH,
    ]);
  });

  it('does not resend the token POST after a 5xx, which oauth-jsclient does (src/OAuthClient.js retryConfig)', async () => {
    // oauth-jsclient resends any token request 3 times on 408, 429, 500, 502, 503, 504, 1 s x 2^n, without looking at
    // Retry-After. A refresh_token grant is a POST without an idempotency key: it may have been processed (and the
    // refresh token rotated) before the 5xx, so Rosetta does not resend it (DESIGN.md retry rules).
    const sent: string[] = [];
    const fetch = async (input: Request | string | URL, init?: RequestInit) => {
      sent.push(new Request(input, init).method);
      return new Response('', { status: 503 });
    };
    const c = createClient(quickbooks, {
      baseUrl: 'https://oauth.platform.intuit.com',
      fetch,
      rateLimit: false,
      retry: { maxRetries: 3, baseDelayMs: 0, maxDelayMs: 0 },
    });
    await expect(
      c.post('/oauth2/v1/tokens/bearer', { body: { grant_type: 'refresh_token', refresh_token: REFRESH } }),
    ).rejects.toMatchObject({ kind: 'unavailable', attempts: 1 });
    expect(sent).toEqual(['POST']);
  });
});

describe('not the SDKs’ answers', () => {
  it('reads nothing from errors without an answer or from anything else', () => {
    // node-quickbooks / oauth-jsclient on a failed connection: axios' error without `response`; createError of it.
    const noAnswer = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', config: {} });
    Object.defineProperty(noAnswer, 'isAxiosError', { value: true });
    const wrapped = Object.assign(new Error('socket hang up'), {
      error: 'socket hang up',
      authResponse: { response: '' },
    });
    const foreign = Object.assign(new Error('x'), { response: { status: 400, data: {} } });
    for (const other of [noAnswer, wrapped, foreign, new Error('x'), { fault: {} }, { status: 400 }, null, 'Fault']) {
      expect(readQuickbooksSdkError(other)).toBeUndefined();
      expect(normalizeError(quickbooks, other)).toBeNull();
    }
  });
});
