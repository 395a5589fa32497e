import { createClient, normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERCOM_VERSION, intercom } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  return normalizeResponse(intercom, {
    status,
    headers: { 'content-type': 'application/json', ...options.headers },
    body,
    method: options.method ?? 'GET',
    url: `${intercom.baseUrl}${options.path ?? '/contacts/FAKE'}`,
  });
}

const errorList = (...errors: Record<string, string>[]) => ({ type: 'error.list', request_id: 'FAKE-req', errors });
const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { 'content-type': 'application/json', ...init.headers } });

describe('intercom fixtures', () => {
  it('are at least 20, each citing its source, with fake ids only', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) {
      expect(fixture.source, fixture.name).toMatch(/intercom/i);
      // Intercom access tokens are base64 `dG9rOi...` strings; fixtures carry none.
      expect(JSON.stringify(fixture), fixture.name).not.toMatch(/dG9rO[A-Za-z0-9+/=]{10,}/);
    }
  });
});

describe('error codes over statuses', () => {
  it('reads token_unauthorized (a 401) as permission, and the other token codes as authentication', () => {
    expect(normalize(401, errorList({ code: 'token_unauthorized' }))).toMatchObject({
      kind: 'permission',
      retryable: false,
    });
    for (const code of [
      'unauthorized',
      'token_revoked',
      'token_blocked',
      'token_not_found',
      'token_expired',
      'missing_authorization',
    ]) {
      expect(normalize(401, errorList({ code }))?.kind, code).toBe('authentication');
    }
  });

  it('reads *_not_found as not_found, except parameter_not_found (a missing parameter)', () => {
    expect(normalize(400, errorList({ code: 'admin_not_found' }))?.kind).toBe('not_found');
    expect(normalize(404, errorList({ code: 'tag_not_found' }))?.kind).toBe('not_found');
    expect(normalize(404, errorList({ code: 'parameter_not_found' }))?.kind).toBe('validation');
  });

  it('reads the code, not the status, for version, plan, timeout and availability codes', () => {
    expect(normalize(400, errorList({ code: 'intercom_version_invalid' }))).toMatchObject({
      kind: 'unsupported',
      retryable: false,
    });
    expect(normalize(400, errorList({ code: 'api_plan_restricted' }))?.kind).toBe('permission');
    expect(normalize(500, errorList({ code: 'request_timeout' }))?.kind).toBe('timeout');
    expect(normalize(500, errorList({ code: 'service_unavailable' }))).toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
    expect(normalize(422, errorList({ code: 'resource_conflict' }))?.kind).toBe('conflict');
  });

  it('keeps the status reading for a code it does not know', () => {
    expect(normalize(422, errorList({ code: 'merge_failed', message: 'Already merged' }))).toMatchObject({
      kind: 'validation',
      code: 'merge_failed',
    });
  });

  it('takes the request id from the body, joins the messages, and gives fields as field errors', () => {
    const err = normalize(
      400,
      errorList(
        { code: 'parameter_invalid', message: 'email is invalid', field: 'email' },
        { code: 'parameter_invalid', message: 'name too long' },
      ),
    );
    expect(err).toMatchObject({ requestId: 'FAKE-req', code: 'parameter_invalid' });
    expect(err?.message).toContain('email is invalid; name too long');
    expect(err?.fieldErrors).toEqual([{ path: 'email', message: 'email is invalid', code: 'parameter_invalid' }]);
  });
});

describe('merged contacts', () => {
  const merged = errorList({ code: 'contact_merged', message: 'This contact has been merged.' });

  it('read a 410 contact_merged as not_found at this id, naming the canonical contact from the Link header', () => {
    const err = normalize(410, merged, { headers: { link: '</contacts/FAKEnew>; rel="canonical"' } });
    expect(err).toMatchObject({ kind: 'not_found', retryable: false, code: 'contact_merged' });
    expect(err?.message).toContain('canonical contact: /contacts/FAKEnew');
    expect(normalize(410, merged)?.message).not.toContain('canonical');
  });

  it('leave any other 410 to core (unsupported)', () => {
    expect(normalize(410, errorList({ code: 'gone' }))?.kind).toBe('unsupported');
  });
});

describe('throttling', () => {
  const now = Date.UTC(2026, 10, 26, 12);
  const window = (remaining: number) => ({
    'x-ratelimit-limit': '167',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(now / 1_000 + 4),
  });

  it('reads the 10-second window’s reset (epoch seconds) as the wait of a 429', () => {
    const err = normalizeResponse(intercom, {
      status: 429,
      headers: { 'content-type': 'application/json', ...window(0), date: new Date(now).toUTCString() },
      body: errorList({ code: 'rate_limit_exceeded', message: 'Exceeded rate limit of 167 in 10_seconds' }),
      url: `${intercom.baseUrl}/contacts`,
    });
    expect(err).toMatchObject({ kind: 'rate_limited', retryable: true, rateLimit: { limit: 167, remaining: 0 } });
    expect(err?.retryAfterMs).toBeGreaterThan(0);
  });

  it('reads too_many_requests and rate_limit_exceeded under any status as rate_limited', () => {
    expect(normalize(503, errorList({ code: 'too_many_requests' }))).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
    });
    expect(normalize(400, errorList({ code: 'rate_limit_exceeded' }))?.kind).toBe('rate_limited');
  });

  it('scopes too_many_requests ("too many requests for this resource") to the resource bucket, not the app window', () => {
    expect(normalize(429, errorList({ code: 'too_many_requests' }))?.rateLimit?.scope).toBe('resource');
    expect(normalize(429, errorList({ code: 'rate_limit_exceeded' }))?.rateLimit?.scope).toBeUndefined();
  });

  it('reads a pending-export-jobs 429 as not retryable, scoped to the export-jobs bucket', () => {
    const err = normalize(
      429,
      errorList({
        code: 'rate_limit_exceeded',
        message: 'Exceeded rate limit of 5 pending reporting dataset export jobs',
      }),
      { method: 'POST', path: '/export/reporting_data/enqueue', headers: window(100) },
    );
    expect(err).toMatchObject({
      kind: 'rate_limited',
      retryable: false,
      rateLimit: { scope: 'export-jobs', remaining: 100 },
    });
    expect(err?.retryAfterMs).toBeUndefined();
  });

  it('resends a throttled POST (refused, not processed) but never a POST that got a 500', async () => {
    const sent: string[] = [];
    const answers = [
      json(errorList({ code: 'rate_limit_exceeded' }), { status: 429, headers: { 'retry-after': '0' } }),
      json({ type: 'contact', id: 'FAKE' }),
    ];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('intercom-version')}`);
      return answers.shift() ?? json(errorList({ code: 'server_error' }), { status: 500 });
    };
    const client = createClient(intercom, {
      auth: { token: 'FAKE-token' },
      fetch,
      rateLimit: false,
      retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
    await expect(client.post('/contacts', { body: { role: 'user' } })).resolves.toMatchObject({ id: 'FAKE' });
    expect(sent).toEqual([`POST /contacts ${INTERCOM_VERSION}`, `POST /contacts ${INTERCOM_VERSION}`]);
    await expect(client.post('/contacts', { body: {} })).rejects.toMatchObject({ kind: 'server', attempts: 1 });
  });
});

describe('jobs inside HTTP 200', () => {
  it('a failed job or data export is an error, never retryable', () => {
    expect(normalize(200, { type: 'job', id: 'FAKE', status: 'failed' })).toMatchObject({
      status: 200,
      kind: 'unknown',
      code: 'failed',
      retryable: false,
    });
    expect(normalize(200, { job_identifier: 'FAKE', status: 'failed' })?.code).toBe('failed');
  });

  it('a job pending, done or canceled, and any other 200 with a failed status, is a success', () => {
    for (const status of ['pending', 'success']) expect(normalize(200, { type: 'job', id: 'FAKE', status })).toBeNull();
    for (const status of ['pending', 'in_progress', 'completed', 'no_data', 'canceled'])
      expect(normalize(200, { job_identifier: 'FAKE', status })).toBeNull();
    expect(
      normalize(200, { message_id: 'FAKE', status: 'failed', error: { message: 'Message delivery failed' } }),
    ).toBeNull();
  });
});

describe('robustness', () => {
  const context = (body: unknown, status: number, headers: Record<string, string>) =>
    classifyContext({ url: `${intercom.baseUrl}/contacts/FAKE`, body, status, headers });

  it(`never throws on arbitrary JSON and headers, any status (seed ${SEED})`, () => {
    const classify = intercom.classify;
    if (classify === undefined) throw new Error('no classify hook');
    const headers = fc.dictionary(fc.constantFrom('link', 'x-ratelimit-remaining', 'a'), fc.string());
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({
        type: fc.constantFrom('error.list', 'error', 'job'),
        errors: fc.jsonValue(),
        status: fc.jsonValue(),
      }),
    );
    fc.assert(
      fc.property(body, fc.integer({ min: 200, max: 599 }), headers, (b, status, h) => {
        expect(() => classify(context(b, status, h))).not.toThrow();
      }),
      { seed: SEED },
    );
  });
});

describe('declared protocol', () => {
  it('pins Intercom-Version as the official SDK does, bearer auth, epoch-second X-RateLimit-* headers', () => {
    expect(intercom.defaultHeaders).toEqual({ 'Intercom-Version': '2.14' });
    expect(intercom.auth).toEqual([{ type: 'bearer' }]);
    expect(intercom.rateLimitHeaders?.resetUnit).toBe('epoch-seconds');
    expect(intercom.throttleRefusesRequest?.source).toContain('rate-limiting');
  });

  it('paginates by starting_after = pages.next.starting_after over data', async () => {
    const cursors: (string | null)[] = [];
    const pages = [
      { type: 'list', data: [{ id: 'a' }, { id: 'b' }], pages: { type: 'pages', next: { starting_after: 'FAKE-c' } } },
      { type: 'list', data: [{ id: 'c' }], pages: { type: 'pages', page: 2, total_pages: 2 } },
    ];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      cursors.push(new URL(new Request(input, init).url).searchParams.get('starting_after'));
      return json(pages.shift());
    };
    const client = createClient(intercom, { auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
    const ids: string[] = [];
    for await (const contact of client.paginate<{ id: string }>('/contacts')) ids.push(contact.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(cursors).toEqual([null, 'FAKE-c']);
  });
});
