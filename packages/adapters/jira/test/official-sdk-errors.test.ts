import { inspect } from 'node:util';
import { createClient, normalizeError, normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jira, readJiraSdkError } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

const NOW = Date.parse('2025-10-08T14:29:13Z');
beforeAll(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

// jira.js 6 errors, built as MrRefactoring/jira.js@ef1506ef85df0d3a252309f9696b6b67b96dd8ed builds them
// (src/core/errors/kinds.ts, apiError.ts, fromResponse.ts `createApiError` and `parseRetryAfter`, thrown by
// src/core/createClient.ts with the body parsed when it was JSON, else its text). Reduced to what they set.
const KINDS = Symbol.for('jira.js:error-kinds');

class ApiError extends Error {
  readonly [KINDS]: readonly string[];
  constructor(
    message: string,
    readonly status: number,
    readonly statusText: string,
    readonly body: unknown,
    kinds: readonly string[] = ['api'],
  ) {
    super(message);
    this.name = 'ApiError';
    this[KINDS] = kinds;
  }
}

class RateLimitError extends ApiError {
  constructor(
    message: string,
    statusText: string,
    body: unknown,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, 429, statusText, body, ['api', 'rateLimit']);
    this.name = 'RateLimitError';
  }
}

class NetworkError extends Error {
  readonly [KINDS] = ['network'];
  readonly transient = true;
  readonly code = 'ECONNRESET';
}

function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** createClient.ts: `response.text()`, `JSON.parse` when it can, then `createApiError(message, status, ...)`. */
function jiraJs6Error(status: number, text: string, headers: Record<string, string> = {}): ApiError {
  let detail: unknown = text;
  try {
    detail = JSON.parse(text);
  } catch {}
  const message = `Request failed: ${status} x${text ? ` - ${text}` : ''}`;
  if (status === 429) return new RateLimitError(message, 'x', detail, parseRetryAfter(headers['retry-after'] ?? null));
  const kinds = status === 401 ? ['api', 'auth'] : status >= 500 ? ['api', 'server'] : ['api'];
  return new ApiError(message, status, 'x', detail, kinds);
}

// jira.js 5 (v5.4.0, f6e12c89cb5c547d0319250063d34ae9fc8468e5 src/clients/baseClient.ts `buildErrorHandlingResponse`):
// `new HttpException({ code, message, data, status, statusText }, status, { cause: axiosError })`. HttpException
// (src/clients/httpException.ts) names itself after its class and keeps `cause`; axios' error
// (axios/axios@23a25af0688d1db2c396deb09229d2271cc24f6c lib/core/AxiosError.js, lib/core/settle.js) keeps `config`
// (method lower-cased, relative `url`, `baseURL`, the request's headers with its `Authorization`) and `response`.
class HttpException extends Error {
  readonly status: number;
  constructor(
    readonly response: Record<string, unknown>,
    status: number,
    options: { cause: unknown },
  ) {
    super(String(response.message));
    this.name = this.constructor.name;
    this.cause = options.cause;
    this.status = status;
  }
}

const BASIC = `Basic ${Buffer.from('fake@example.com:FAKE-jira-api-token-0123456789').toString('base64')}`;

function jiraJs5Error(
  status: number,
  data: unknown,
  headers: Readonly<Record<string, string>>,
  method = 'get',
  url = '/rest/api/3/issue/FAKE-1',
) {
  const config = {
    method,
    url,
    baseURL: 'https://fake-site.atlassian.net',
    headers: { Accept: 'application/json, text/plain, */*', Authorization: BASIC },
  };
  const axiosError = Object.assign(new Error(`Request failed with status code ${status}`), {
    name: 'AxiosError',
    code: status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_BAD_RESPONSE',
    config,
    response: { status, statusText: 'x', headers, config, data },
    status,
  });
  return new HttpException(
    { code: axiosError.code, message: axiosError.message, data, status, statusText: 'x' },
    status,
    { cause: axiosError },
  );
}

const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };
const ISSUE_URL = 'https://fake-site.atlassian.net/rest/api/3/issue/FAKE-1';
const pick = (e: ReturnType<typeof normalizeResponse>) =>
  e && { kind: e.kind, code: e.code, status: e.status, retryable: e.retryable, retryAfterMs: e.retryAfterMs };

describe('errors of jira.js 6 (status and body, no headers)', () => {
  it('reads every error fixture as over HTTP, but for what the SDK drops (headers, request)', () => {
    // What jira.js 6's errors lose, fixture by fixture. The headers: `RateLimit-Reason` (a spent quota reads as a rate,
    // a rate loses its reason as code), Seraph's (a CAPTCHA lockout reads as a plain 403, a refused login loses its
    // code), a 503's Retry-After (only RateLimitError keeps one). The request: the user-email 503 and a transition's
    // 409 are told by their path.
    const lost: Record<string, string> = {
      'quota-global-429': 'kind code retryable',
      'quota-tenant-429-reset-only': 'kind code retryable retryAfterMs',
      'rate-limited-burst-429': 'code',
      'rate-limited-per-issue-write-429': 'code',
      'captcha-403': 'kind code',
      'unauthorized-401-text': 'code',
      'service-unavailable-503-retry-after': 'retryAfterMs',
      'user-email-503-not-enabled': 'kind retryable',
      'conflict-409-concurrent-transition': 'retryable',
    };
    let read = 0;
    for (const f of fixtures.filter((x) => x.response.status >= 400)) {
      const { status, headers = {}, body } = f.response;
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      const sdk = normalizeError(jira, jiraJs6Error(status, text, headers));
      const http = normalizeResponse(jira, {
        status,
        headers,
        body,
        method: f.request.method,
        url: `https://fake-site.atlassian.net${f.request.path}`,
      });
      const keys = ['kind', 'code', 'status', 'retryable', 'retryAfterMs'] as const;
      const differs = keys.filter((k) => sdk?.[k] !== http?.[k]).join(' ');
      expect(differs, f.name).toBe(lost[f.name] ?? '');
      read++;
    }
    expect(read).toBeGreaterThanOrEqual(15);
  });

  it('reads an ApiError as its answer: the same kind, code, status and retryability', () => {
    // test/fixtures/not-found-404.json and validation-400-field-errors.json shapes (ErrorCollection).
    for (const [status, body] of [
      [404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }],
      [400, { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } }],
      [503, '<html>Service Unavailable</html>'],
    ] as const) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const headers = typeof body === 'string' ? {} : JSON_TYPE;
      const sdk = normalizeError(jira, jiraJs6Error(status, text));
      const http = normalizeResponse(jira, { status, headers: { ...headers, 'x-arequestid': 'FAKE-1x1' }, body });
      expect(pick(sdk)).toEqual(pick(http));
      // The SDK keeps no headers: the request id is lost.
      expect(sdk?.requestId).toBeUndefined();
    }
  });

  it('reads a RateLimitError with its Retry-After (kept as retryAfterMs): same kind and wait as over HTTP', () => {
    // test/fixtures/rate-limited-burst-429.json: a per-second limit with Retry-After.
    const headers = { 'retry-after': '5', 'ratelimit-reason': 'jira-burst-based' };
    const sdk = normalizeError(jira, jiraJs6Error(429, '', headers));
    const http = normalizeResponse(jira, { status: 429, headers });
    expect(sdk).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 5_000 });
    expect([sdk?.kind, sdk?.retryAfterMs]).toEqual([http?.kind, http?.retryAfterMs]);
    // An HTTP-date Retry-After, read by the SDK against the clock, keeps its wait.
    const at = new Date(NOW + 30_000).toUTCString();
    expect(normalizeError(jira, jiraJs6Error(429, '', { 'retry-after': at }))?.retryAfterMs).toBe(30_000);
  });

  it('cannot tell a spent points quota from a rate: the SDK drops RateLimit-Reason (its wait survives)', () => {
    // test/fixtures/quota-global-429.json, Atlassian's own example. Over HTTP it is quota_exceeded; the SDK's error
    // no longer says which limit it was, so it reads as rate_limited with the same 1,847 s wait, which core's
    // maxRetryAfterMs refuses to sit through: the caller still fails fast.
    const headers = { 'retry-after': '1847', 'ratelimit-reason': 'jira-quota-global-based' };
    expect(normalizeResponse(jira, { status: 429, headers })?.kind).toBe('quota_exceeded');
    expect(normalizeError(jira, jiraJs6Error(429, '', headers))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 1_847_000,
    });
  });

  it('reads the token endpoint’s OAuthError by its status and body', () => {
    // src/core/errors/oauthError.ts: `status` and `body` when the failure came from Atlassian's auth endpoints.
    const body = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };
    const oauth = Object.assign(new Error('x'), { [KINDS]: ['oauth'], status: 403, body });
    expect(readJiraSdkError(oauth)).toEqual({ status: 403, body });
    expect(normalizeError(jira, oauth)?.kind).toBe(normalizeResponse(jira, { status: 403, body })?.kind);
  });
});

describe('errors of jira.js 5 (an HttpException over axios’ error)', () => {
  it('reads every error fixture exactly as over HTTP', () => {
    for (const f of fixtures.filter((x) => x.response.status >= 400)) {
      const { status, headers = {}, body } = f.response;
      const { method, path } = f.request;
      const sdk = jiraJs5Error(status, body ?? '', headers, method.toLowerCase(), path);
      const url = `https://fake-site.atlassian.net${path}`;
      expect(normalizeError(jira, sdk), f.name).toEqual(
        normalizeResponse(jira, { status, headers, body, method, url }),
      );
    }
  });

  it('reads status, headers, body, method and URL: the same reading as the answer over HTTP', () => {
    const headers = { ...JSON_TYPE, 'x-arequestid': 'FAKE-1x1', 'retry-after': '1847' };
    const quota = { ...headers, 'ratelimit-reason': 'jira-quota-global-based' };
    const body = { errorMessages: ['Rate limit exceeded.'], errors: {} };
    const err = normalizeError(jira, jiraJs5Error(429, body, quota, 'post'));
    expect(err).toEqual(normalizeResponse(jira, { status: 429, headers: quota, body, method: 'POST', url: ISSUE_URL }));
    expect(err).toMatchObject({ kind: 'quota_exceeded', requestId: 'FAKE-1x1', retryAfterMs: 1_847_000 });
    expect(err?.request).toMatchObject({ method: 'POST', url: ISSUE_URL });
  });

  it('never lets the basic credentials out, whatever the answer echoes', () => {
    const token = 'FAKE-jira-api-token-0123456789';
    const echo = { errorMessages: [`Bad header: ${BASIC}`], errors: { auth: BASIC.slice('Basic '.length) } };
    for (const body of [echo, `Authorization: ${BASIC}`]) {
      const err = normalizeError(jira, jiraJs5Error(401, body, JSON_TYPE));
      expect(err?.kind).toBe('authentication');
      const everything = `${inspect(err, { depth: null, showHidden: true })} ${JSON.stringify(err)} ${err?.stack}`;
      expect(everything).not.toContain(BASIC.slice('Basic '.length));
      expect(everything).not.toContain(token);
    }
    expect(readJiraSdkError(jiraJs5Error(401, echo, JSON_TYPE))?.secrets).toEqual([BASIC]);
  });
});

describe('not jira.js’ answers', () => {
  it('reads nothing from network errors, wrapped failures or anything else', () => {
    // v5: an error without a response is wrapped with its own cause, not axios' (baseClient.ts).
    const wrapped = new HttpException({ message: 'Unknown error occurred.' }, 500, { cause: 'x' });
    const noResponse = new HttpException({ message: 'x' }, 500, { cause: new Error('socket hang up') });
    // Another library's error over axios is not jira.js': only an HttpException is read.
    const foreign = Object.assign(new Error('x'), { cause: jiraJs5Error(404, {}, JSON_TYPE).cause });
    const others = [new NetworkError('x'), wrapped, noResponse, foreign, new Error('x'), { status: 404 }, null, 'x'];
    for (const other of others) {
      expect(readJiraSdkError(other)).toBeUndefined();
      expect(normalizeError(jira, other)).toBeNull();
    }
  });
});

describe('retry decisions against jira.js', () => {
  it('does not resend a POST after a 503, which jira.js 6 does (Atlassian: only retry idempotent APIs)', async () => {
    // jira.js createClient.ts resends any method on 502/503/504 (TRANSIENT_HTTP_STATUSES) when retry is on; Atlassian's
    // rate-limiting guide says "Only retry if the API is idempotent". Rosetta resends the GET, not the POST.
    const sent: string[] = [];
    const fetch = async (input: Request | string | URL, init?: RequestInit) => {
      sent.push(new Request(input, init).method);
      return new Response('', { status: 503 });
    };
    const c = createClient(jira, {
      baseUrl: 'https://fake-site.atlassian.net',
      fetch,
      rateLimit: false,
      retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
    await expect(c.post('/rest/api/3/issue', { body: {} })).rejects.toMatchObject({ kind: 'unavailable' });
    expect(sent).toEqual(['POST']);
    await expect(c.get('/rest/api/3/myself')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(sent).toEqual(['POST', 'GET', 'GET', 'GET']);
  });
});
