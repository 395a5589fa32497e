import { createClient, normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { untilNextUtcHour } from '../src/classify-jira';
import { jira, jiraWarnings } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261128;
const NOW = Date.parse('2026-03-26T16:25:28Z');

// normalizeResponse reads the clock itself: pin Date only (timers stay real for the HTTP tests).
beforeAll(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  const json = typeof body === 'string' || body === undefined ? {} : { 'content-type': 'application/json' };
  return normalizeResponse(jira, {
    status,
    headers: { ...json, ...options.headers },
    body,
    method: options.method ?? 'GET',
    url: `https://fake-site.atlassian.net${options.path ?? '/rest/api/3/issue/FAKE-1'}`,
  });
}

describe('jira fixtures', () => {
  it('are at least 20, and hold no real-looking token', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    // Atlassian API tokens start ATATT; OAuth access tokens are JWTs (eyJ...).
    for (const f of fixtures)
      expect(JSON.stringify(f), f.name).not.toMatch(/ATATT[A-Za-z0-9]{8,}|eyJ[A-Za-z0-9_-]{20,}/);
  });
});

describe('ErrorCollection bodies', () => {
  it('join every errorMessages entry (core keeps the first) and keep errors as field errors', () => {
    const err = normalize(400, { errorMessages: ['first', 'second'], errors: { summary: 'required' } });
    expect(err).toMatchObject({ kind: 'validation', detail: 'first; second' });
    expect(err?.fieldErrors).toEqual([{ path: 'summary', message: 'required' }]);
  });
});

describe('429: RateLimit-Reason tells a spent quota from a rate', () => {
  const throttled = (reason: string, headers: Record<string, string> = {}) =>
    normalize(429, undefined, { headers: { 'ratelimit-reason': reason, ...headers } });

  it('reads both quota reasons as quota_exceeded, never retryable, scoped and coded by the reason', () => {
    for (const reason of ['jira-quota-global-based', 'jira-quota-tenant-based']) {
      const err = throttled(reason, { 'retry-after': '1847' });
      expect(err).toMatchObject({ kind: 'quota_exceeded', retryable: false, code: reason, retryAfterMs: 1_847_000 });
      expect(err?.rateLimit).toMatchObject({ remaining: 0, scope: reason });
    }
  });

  it('waits for a spent quota until X-RateLimit-Reset, else the top of the next UTC hour', () => {
    expect(throttled('jira-quota-global-based', { 'x-ratelimit-reset': '2026-03-26T17:00Z' })?.retryAfterMs).toBe(
      2_072_000,
    );
    expect(throttled('jira-quota-global-based')?.retryAfterMs).toBe(untilNextUtcHour(NOW));
    expect(untilNextUtcHour(NOW)).toBe(2_072_000);
    expect(untilNextUtcHour(Date.parse('2026-03-26T17:00:00Z'))).toBe(3_600_000);
  });

  it('keeps burst, per-issue and unknown reasons rate_limited and retryable, with the reason as code and scope', () => {
    for (const reason of ['jira-burst-based', 'jira-per-issue-on-write', 'jira-cost-based']) {
      const err = throttled(reason, { 'retry-after': '1' });
      expect(err).toMatchObject({ kind: 'rate_limited', retryable: true, code: reason, retryAfterMs: 1_000 });
      expect(err?.rateLimit?.scope).toBe(reason);
    }
    expect(normalize(429, undefined)).toMatchObject({ kind: 'rate_limited', retryable: true });
  });
});

describe('refused logins', () => {
  it('reads a CAPTCHA lockout on a 403 as authentication (not permission), with the login URL', () => {
    const err = normalize(403, 'Forbidden', {
      headers: {
        'x-authentication-denied-reason': 'CAPTCHA_CHALLENGE; login-url=https://fake.atlassian.net/login.jsp',
      },
    });
    expect(err).toMatchObject({ kind: 'authentication', retryable: false, code: 'CAPTCHA_CHALLENGE' });
    expect(err?.detail).toContain('(https://fake.atlassian.net/login.jsp)');
  });

  it('reads AUTHENTICATION_DENIED alone as the same lockout, AUTHENTICATED_FAILED as wrong credentials', () => {
    const denied = normalize(401, 'x', { headers: { 'x-seraph-loginreason': 'AUTHENTICATION_DENIED' } });
    expect(denied).toMatchObject({ kind: 'authentication', code: 'AUTHENTICATION_DENIED', retryable: false });
    const failed = normalize(401, 'Client must be authenticated', {
      headers: { 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' },
    });
    expect(failed).toMatchObject({ kind: 'authentication', code: 'AUTHENTICATED_FAILED' });
    expect(normalize(403, { errorMessages: ['no'] })).toMatchObject({ kind: 'permission' });
  });

  it('reads a gateway 401 "scope does not match" as permission: a refresh does not fix it', () => {
    const body = { code: 401, message: 'Unauthorized; scope does not match' };
    expect(normalize(401, body)).toMatchObject({ kind: 'permission', retryable: false });
    expect(normalize(401, { code: 401, message: 'Unauthorized' })).toMatchObject({ kind: 'authentication' });
  });

  it('makes a 2xx answered to refused credentials an authentication error; OK is a success', () => {
    for (const reason of ['AUTHENTICATED_FAILED', 'authentication_denied']) {
      const err = normalize(200, { issues: [] }, { headers: { 'x-seraph-loginreason': reason } });
      expect(err).toMatchObject({ status: 200, kind: 'authentication', retryable: false });
    }
    expect(normalize(200, { issues: [] }, { headers: { 'x-seraph-loginreason': 'OK' } })).toBeNull();
  });
});

describe('per-endpoint meanings', () => {
  it('a 409 on transitions is retryable (concurrent transition); elsewhere a plain conflict', () => {
    const path = '/ex/jira/FAKE/rest/api/3/issue/FAKE-1/transitions';
    expect(normalize(409, undefined, { method: 'POST', path })).toMatchObject({ kind: 'conflict', retryable: true });
    expect(normalize(409, undefined, { method: 'POST', path: '/rest/api/3/issuetype' })).toMatchObject({
      kind: 'conflict',
      retryable: false,
    });
  });

  it('a 503 from the email API without Retry-After is unsupported; with it, or elsewhere, unavailable', () => {
    expect(normalize(503, undefined, { path: '/rest/api/3/user/email/bulk' })).toMatchObject({
      kind: 'unsupported',
      retryable: false,
    });
    const later = { path: '/rest/api/3/user/email', headers: { 'retry-after': '5' } };
    expect(normalize(503, undefined, later)).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(normalize(503, undefined, { path: '/rest/api/3/myself' })).toMatchObject({ kind: 'unavailable' });
  });
});

describe('long-running tasks inside HTTP 200', () => {
  const task = (status: string) => ({ id: '1', status, progress: 100, submitted: 1, message: `task ${status}` });

  it('a FAILED or DEAD task is an error, never retryable; any other status is a success', () => {
    for (const status of ['FAILED', 'DEAD']) {
      expect(normalize(200, task(status))).toMatchObject({ kind: 'unknown', code: status, retryable: false });
    }
    for (const status of ['ENQUEUED', 'RUNNING', 'COMPLETE', 'CANCEL_REQUESTED', 'CANCELLED']) {
      expect(normalize(200, task(status)), status).toBeNull();
    }
  });
});

describe('warnings', () => {
  it('report failed bulk elements, a transition not applied, warningMessages and search warnings', () => {
    expect(
      jiraWarnings({
        issues: [{ id: '1' }],
        errors: [
          { failedElementNumber: 2, elementErrors: { errorMessages: ['bad'], errors: { summary: 'required' } } },
        ],
      }),
    ).toEqual(['element 2 failed: bad; summary: required']);
    expect(jiraWarnings({ id: '1', transition: { errorCollection: { errorMessages: ['no transition'] } } })).toEqual([
      'transition not applied: no transition',
    ]);
    expect(jiraWarnings({ warningMessages: ['w'], warnings: [{ type: 'T', message: 'truncated' }] })).toEqual([
      'w',
      'truncated',
    ]);
  });

  it('say nothing for an empty errorCollection or any other body', () => {
    const created = { id: '1', transition: { status: 200, errorCollection: { errorMessages: [], errors: {} } } };
    for (const body of [created, { issues: [], errors: [] }, undefined, null, 'x', [], {}]) {
      expect(jiraWarnings(body)).toEqual([]);
    }
  });
});

describe('over HTTP', () => {
  const answer = (status: number, headers: Record<string, string> = {}, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

  function client(answers: Response[], sent: string[]) {
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      sent.push(
        `${request.method} ${url.pathname}${url.search} ${request.headers.get('authorization')?.split(' ')[0]}`,
      );
      return answers.shift() ?? answer(500);
    };
    return createClient(jira, {
      baseUrl: 'https://fake-site.atlassian.net',
      auth: { username: 'fake@example.com', password: 'FAKE-token' },
      fetch,
      rateLimit: false,
      retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
  }

  it('resends a throttled PUT but never a throttled POST (Atlassian: only retry idempotent APIs)', async () => {
    const sent: string[] = [];
    const c = client(
      [answer(429, { 'retry-after': '0', 'ratelimit-reason': 'jira-per-issue-on-write' }), answer(204)],
      sent,
    );
    await c.put('/rest/api/3/issue/FAKE-1', { body: { fields: {} } });
    expect(sent).toEqual(['PUT /rest/api/3/issue/FAKE-1 Basic', 'PUT /rest/api/3/issue/FAKE-1 Basic']);
    const posted: string[] = [];
    const p = client([answer(429, { 'retry-after': '0', 'ratelimit-reason': 'jira-burst-based' })], posted);
    await expect(p.post('/rest/api/3/issue', { body: {} })).rejects.toMatchObject({
      kind: 'rate_limited',
      attempts: 1,
    });
  });

  it('never retries a spent quota', async () => {
    const sent: string[] = [];
    const c = client([answer(429, { 'retry-after': '0', 'ratelimit-reason': 'jira-quota-global-based' })], sent);
    await expect(c.get('/rest/api/3/myself')).rejects.toMatchObject({ kind: 'quota_exceeded', attempts: 1 });
  });

  it('paginates search/jql by nextPageToken over issues until isLast', async () => {
    const sent: string[] = [];
    const c = client(
      [
        answer(200, {}, { issues: [{ key: 'A-1' }, { key: 'A-2' }], nextPageToken: 'FAKE-t2', isLast: false }),
        answer(200, {}, { issues: [{ key: 'A-3' }], isLast: true }),
      ],
      sent,
    );
    const keys: string[] = [];
    for await (const issue of c.paginate<{ key: string }>('/rest/api/3/search/jql', { query: { jql: 'project=A' } })) {
      keys.push(issue.key);
    }
    expect(keys).toEqual(['A-1', 'A-2', 'A-3']);
    expect(sent).toEqual([
      'GET /rest/api/3/search/jql?jql=project%3DA Basic',
      'GET /rest/api/3/search/jql?jql=project%3DA&nextPageToken=FAKE-t2 Basic',
    ]);
  });
});

describe('declared protocol', () => {
  it('basic (email + API token) first, bearer second; Jira’s request ids; the points quota for apps only', () => {
    expect(jira.auth).toEqual([{ type: 'basic' }, { type: 'bearer' }]);
    expect(jira.requestIdHeaders).toEqual(['x-arequestid', 'atl-request-id', 'atl-traceid']);
    expect(jira.throttleRefusesRequest).toBeUndefined();
    expect(jira.credentialTag?.('fake@example.com')).toBe('api-token');
    expect(jira.credentialTag?.('FAKE.oauth.access-token')).toBe('app');
  });

  it('takes x-arequestid before the edge’s ids', () => {
    const headers = { 'x-arequestid': 'FAKE-a', 'atl-traceid': 'FAKE-t' };
    expect(normalize(404, { errorMessages: ['x'] }, { headers })?.requestId).toBe('FAKE-a');
  });
});

describe('robustness', () => {
  const context = (body: unknown, status: number, headers: Record<string, string>) =>
    classifyContext({
      url: 'https://fake-site.atlassian.net/rest/api/3/issue/bulk',
      method: 'POST',
      body,
      status,
      headers,
    });

  it(`never throws on arbitrary JSON, headers and status (seed ${SEED})`, () => {
    const classify = jira.classify;
    if (classify === undefined) throw new Error('no classify hook');
    const names = ['ratelimit-reason', 'x-seraph-loginreason', 'x-authentication-denied-reason', 'retry-after'];
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.integer({ min: 200, max: 599 }),
        fc.dictionary(fc.constantFrom(...names), fc.string()),
        (body, status, headers) => {
          expect(() => classify(context(body, status, headers))).not.toThrow();
          expect(() => jiraWarnings(body)).not.toThrow();
        },
      ),
      { seed: SEED },
    );
  });
});
