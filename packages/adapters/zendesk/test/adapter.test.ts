import { createClient, normalizeResponse } from '@rosetta/core';
import { classifyContext, createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { zendesk, zendeskUrl, zendeskWarnings } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261128;
const BASE = 'https://acme.zendesk.com/api/v2';

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  const json = typeof body === 'string' || body === undefined ? {} : { 'content-type': 'application/json' };
  return normalizeResponse(zendesk, {
    status,
    headers: { ...json, ...options.headers },
    body,
    method: options.method ?? 'GET',
    url: `${BASE}${options.path ?? '/tickets/1'}`,
  });
}

const named = (error: string, extra: Record<string, unknown> = {}) => ({ error, description: `of ${error}`, ...extra });
const jsonResponse = (body: unknown, init: ResponseInit = {}): Response =>
  new Response(JSON.stringify(body), { ...init, headers: { 'content-type': 'application/json', ...init.headers } });

describe('zendesk fixtures', () => {
  it('are at least 20, and hold no real-looking token', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) {
      // Zendesk API tokens are 40 alphanumerics; fixtures carry FAKE values only.
      expect(JSON.stringify(fixture), fixture.name).not.toMatch(/\b[A-Za-z0-9]{40}\b/);
    }
  });
});

describe('the four body shapes', () => {
  it('reads a named error as its kind and code, whatever the status', () => {
    const table: [string, string][] = [
      ['RecordNotFound', 'not_found'],
      ['InvalidEndpoint', 'not_found'],
      ['RecordInvalid', 'validation'],
      ['QueryError', 'validation'],
      ['Unavailable', 'unavailable'],
    ];
    for (const [code, kind] of table) {
      // 418: a status with no meaning of its own, so only the name can give the kind.
      expect(normalize(418, named(code)), code).toMatchObject({ kind, code, detail: `of ${code}` });
    }
    expect(normalize(418, named('Unavailable'))?.retryable).toBe(true);
  });

  it('reads a sentence in `error` as the message, with no code', () => {
    const err = normalize(401, { error: "Couldn't authenticate you" });
    expect(err).toMatchObject({ kind: 'authentication', detail: "Couldn't authenticate you" });
    expect(err?.code).toBeUndefined();
  });

  it('reads `{error: {title, message}}` as "title: message"', () => {
    const err = normalize(403, { error: { title: 'Forbidden', message: 'No access' } });
    expect(err).toMatchObject({ kind: 'permission', detail: 'Forbidden: No access' });
  });

  it('reads `{errors: [{code, title}]}` by its first error', () => {
    const err = normalize(418, { errors: [{ code: 'QueryError', title: 'Invalid type:x' }, { code: 'Other' }] });
    expect(err).toMatchObject({ kind: 'validation', code: 'QueryError', detail: 'Invalid type:x' });
  });

  it('keeps the status reading for an unknown name or one named like a prototype member', () => {
    expect(normalize(400, named('SomethingNew'))).toMatchObject({ kind: 'validation', code: 'SomethingNew' });
    for (const code of ['constructor', 'hasOwnProperty', '__proto__']) {
      expect(normalize(500, named(code))).toMatchObject({ kind: 'server', retryable: true, code });
    }
  });
});

describe('duplicates and 409s', () => {
  const duplicate = (errors: string[]) =>
    named('RecordInvalid', {
      details: { email: errors.map((error) => ({ description: `email ${error}`, error })) },
    });

  it('reads a RecordInvalid of DuplicateValue errors only as a conflict', () => {
    expect(normalize(422, duplicate(['DuplicateValue', 'DuplicateValue']))).toMatchObject({
      kind: 'conflict',
      code: 'DuplicateValue',
      retryable: false,
    });
    expect(normalize(422, duplicate(['DuplicateValue', 'InvalidValue']))).toMatchObject({
      kind: 'validation',
      code: 'RecordInvalid',
    });
    expect(normalize(422, named('RecordInvalid'))).toMatchObject({ kind: 'validation' });
  });

  it('retries a creation race but not a safe-update collision', () => {
    expect(normalize(409, undefined, { method: 'POST' })).toMatchObject({ kind: 'conflict', retryable: true });
    expect(normalize(409, undefined, { method: 'DELETE' })).toMatchObject({ kind: 'conflict', retryable: true });
    expect(normalize(409, undefined, { method: 'PUT' })).toMatchObject({ kind: 'conflict', retryable: false });
    expect(normalize(409, undefined, { method: 'patch' })).toMatchObject({ kind: 'conflict', retryable: false });
  });

  it('resends a racing ticket creation, keyless (the creation was refused) or with its same Idempotency-Key', async () => {
    const keys: (string | null)[] = [];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      keys.push(new Request(input, init).headers.get('idempotency-key'));
      return keys.length % 2 === 1 ? new Response(null, { status: 409 }) : jsonResponse({ ticket: { id: 1 } });
    };
    const client = createClient(zendesk, {
      baseUrl: BASE,
      auth: { scheme: 'bearer', token: 'FAKE-token' },
      fetch,
      rateLimit: false,
      retry: { baseDelayMs: 0 },
    });
    await expect(client.post('/tickets', { body: {} })).resolves.toEqual({ ticket: { id: 1 } });
    expect(keys).toEqual([null, null]);
    keys.length = 0;
    await expect(client.post('/tickets', { body: {}, idempotencyKey: 'FAKE-key' })).resolves.toEqual({
      ticket: { id: 1 },
    });
    expect(keys).toEqual(['FAKE-key', 'FAKE-key']);
  });
});

describe('429: which limit, and how long', () => {
  it('names the endpoint limit whose header has nothing left, and waits its resets without Retry-After', () => {
    const headers = {
      'zendesk-ratelimit-tickets-index': 'total=100; remaining=0; resets=41',
      'x-rate-limit-remaining': '9',
    };
    expect(normalize(429, undefined, { headers })).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 41_000,
      rateLimit: { scope: 'tickets-index' },
    });
    // Retry-After wins over the header's resets.
    expect(normalize(429, undefined, { headers: { ...headers, 'retry-after': '3' } })?.retryAfterMs).toBe(3_000);
  });

  it('names the account limit when X-Rate-Limit-Remaining is 0, and nothing when no header says', () => {
    const account = normalize(429, 'x', { headers: { 'x-rate-limit': '200', 'x-rate-limit-remaining': '0' } });
    expect(account?.rateLimit).toMatchObject({ limit: 200, remaining: 0, scope: 'account' });
    const left = { 'zendesk-ratelimit-tickets-index': 'total=100; remaining=5; resets=41' };
    expect(normalize(429, 'x', { headers: left })?.rateLimit?.scope).toBeUndefined();
  });

  it('reads TooManyJobs as the job limit, waiting the inflight-jobs resets, whatever the status', () => {
    const headers = { 'zendesk-ratelimit-inflight-jobs': 'total=30; remaining=0; resets=60' };
    for (const status of [400, 422, 429]) {
      expect(normalize(status, named('TooManyJobs'), { headers }), String(status)).toMatchObject({
        kind: 'rate_limited',
        retryable: true,
        code: 'TooManyJobs',
        retryAfterMs: 60_000,
        rateLimit: { scope: 'inflight-jobs' },
      });
    }
  });

  it('resends a throttled POST (refused, not processed) after Retry-After', async () => {
    let calls = 0;
    const fetch = async (): Promise<Response> =>
      ++calls === 1
        ? new Response('Number of allowed API requests per minute exceeded', {
            status: 429,
            headers: { 'content-type': 'text/plain', 'retry-after': '0' },
          })
        : jsonResponse({ ticket: { id: 2 } }, { status: 201 });
    const client = createClient(zendesk, {
      baseUrl: BASE,
      auth: { username: 'agent@example.com/token', password: 'FAKE-token' },
      fetch,
      rateLimit: false,
    });
    await expect(client.post('/tickets', { body: {} })).resolves.toEqual({ ticket: { id: 2 } });
    expect(calls).toBe(2);
  });
});

describe('503', () => {
  it('says database timeout with Retry-After, maintenance without, and keeps a body’s own message', () => {
    expect(normalize(503, undefined, { headers: { 'retry-after': '5' } })).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      retryAfterMs: 5_000,
      detail: expect.stringContaining('database timeout or deadlock'),
    });
    expect(normalize(503, undefined)?.detail).toContain('scheduled maintenance');
    expect(normalize(503, named('Unavailable'))?.detail).toBe('of Unavailable');
  });

  it('is never a rate limit: no rate-limit scope, unlike node-zendesk’s "429" for any Retry-After', () => {
    const err = normalize(503, undefined, { headers: { 'retry-after': '5' } });
    expect(err?.kind).toBe('unavailable');
    expect(err?.rateLimit?.scope).toBeUndefined();
  });
});

describe('errors inside HTTP 200', () => {
  const job = (status: string, message?: string) => ({
    job_status: { id: 'FAKE-job', status, ...(message === undefined ? {} : { message }) },
  });

  it('a failed or killed job is an error, never retryable', () => {
    expect(normalize(200, job('failed', 'boom'))).toMatchObject({ code: 'failed', retryable: false, detail: 'boom' });
    expect(normalize(200, job('killed'))).toMatchObject({ code: 'killed', detail: 'Zendesk job killed' });
  });

  it('a queued, working or completed job, and any other 2xx, is a success', () => {
    for (const status of ['queued', 'working', 'completed']) expect(normalize(200, job(status))).toBeNull();
    expect(normalize(200, { ticket: { id: 1, status: 'failed' } })).toBeNull();
    expect(normalize(204, undefined, { method: 'DELETE' })).toBeNull();
  });
});

describe('warnings', () => {
  it('flag an offset-paginated list, not a cursor page nor a last offset page', () => {
    const offset = { users: [], next_page: 'https://acme.zendesk.com/api/v2/users.json?page=2' };
    expect(zendeskWarnings(offset)).toHaveLength(1);
    expect(zendeskWarnings({ ...offset, meta: { has_more: true } })).toEqual([]);
    for (const body of [{ users: [], next_page: null }, undefined, null, 'x', [], {}]) {
      expect(zendeskWarnings(body)).toEqual([]);
    }
  });
});

describe('declared protocol', () => {
  it('uses basic (email/token) then bearer auth, X-Zendesk-Request-Id, and never generates idempotency keys', () => {
    expect(zendesk.auth).toEqual([{ type: 'basic' }, { type: 'bearer' }]);
    expect(zendesk.requestIdHeaders?.[0]).toBe('x-zendesk-request-id');
    expect(zendesk.idempotency).toEqual({ header: 'Idempotency-Key', methods: ['POST'], generate: false });
    expect(normalize(404, named('RecordNotFound'), { headers: { 'x-request-id': 'FAKE-a, FAKE-a' } })?.requestId).toBe(
      'FAKE-a',
    );
  });

  it('reads X-Rate-Limit and ratelimit-reset (seconds until) on a success', async () => {
    const fetch = async (): Promise<Response> =>
      jsonResponse(
        { ticket: {} },
        { headers: { 'x-rate-limit': '700', 'x-rate-limit-remaining': '699', 'ratelimit-reset': '41' } },
      );
    const client = createClient(zendesk, { baseUrl: BASE, auth: { scheme: 'bearer', token: 'FAKE' }, fetch });
    const before = Date.now();
    const { meta } = await client.requestWithMeta({ method: 'GET', path: '/tickets/1' });
    expect(meta.rateLimit).toMatchObject({ limit: 700, remaining: 699 });
    expect(meta.rateLimit?.resetAt).toBeGreaterThanOrEqual(before + 40_000);
  });

  it('paginates by page[after] = meta.after_cursor and stops after a page without a cursor', async () => {
    const cursors: (string | null)[] = [];
    const pages = [
      { tickets: [{ id: 1 }, { id: 2 }], meta: { has_more: true, after_cursor: 'FAKE-c1' } },
      { tickets: [{ id: 3 }], meta: { has_more: false, after_cursor: 'FAKE-c2' } },
      { tickets: [], meta: { has_more: false, after_cursor: null } },
    ];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      cursors.push(new URL(new Request(input, init).url).searchParams.get('page[after]'));
      return jsonResponse(pages.shift());
    };
    const client = createClient(zendesk, { baseUrl: BASE, auth: { scheme: 'bearer', token: 'FAKE' }, fetch });
    const ids: number[] = [];
    for await (const t of client.paginate<{ id: number }>('/tickets', { query: { 'page[size]': 2 } })) ids.push(t.id);
    expect(ids).toEqual([1, 2, 3]);
    // Zendesk keeps after_cursor on its last page: one more request finds the empty end.
    expect(cursors).toEqual([null, 'FAKE-c1', 'FAKE-c2']);
  });

  it('builds the base URL from a subdomain or its host, and refuses anything else', () => {
    expect(zendeskUrl('acme')).toBe('https://acme.zendesk.com/api/v2');
    expect(zendeskUrl('ACME.zendesk.com')).toBe('https://acme.zendesk.com/api/v2');
    for (const bad of ['', 'evil.com#', 'acme.zendesk.com.evil.com', 'a/b', '-acme', 'acme.zendesk.com/x']) {
      expect(() => zendeskUrl(bad), bad).toThrow(TypeError);
    }
  });
});

describe('robustness', () => {
  const context = (body: unknown, status: number, headers: Record<string, string>) =>
    classifyContext({ url: `${BASE}/tickets/1`, path: '/tickets/1', body, status, headers });

  it(`never throws on arbitrary JSON and headers, any status (seed ${SEED})`, () => {
    const classify = zendesk.classify;
    if (classify === undefined) throw new Error('no classify hook');
    const headers = fc.dictionary(
      fc.constantFrom('zendesk-ratelimit-x', 'zendesk-ratelimit-inflight-jobs', 'a'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 200, max: 599 }), headers, (body, status, h) => {
        expect(() => classify(context(body, status, h))).not.toThrow();
      }),
      { seed: SEED },
    );
  });
});

// support.zendesk.com/hc/en-us/articles/4422518967706: Update Organization allows 5 requests a minute, "in alignment
// with" Update User's per-user limit. No throttled Update Organization answer has been captured, so the 429 here is
// bare (no Retry-After, no body): the least such an answer can be. It waits the limit's minute, in the organization's
// own `update-organization` bucket, so other organizations (and the rest of the account) go on.
describe('Update Organization: 5 a minute per organization', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a bare 429 waits the minute and pauses only that organization', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 26) });
    const updated = { organization: { id: 7 } };
    const t = createScriptedFetch([
      { status: 429 },
      { status: 200, body: { organization: { id: 8 } } },
      { status: 200, body: updated },
    ]);
    const client = createClient(zendesk, { baseUrl: BASE, auth: { scheme: 'bearer', token: 'FAKE' }, fetch: t.fetch });
    const call = client.put('/organizations/7', { body: { organization: { notes: 'FAKE' } } });
    await vi.advanceTimersByTimeAsync(1_000);
    const other = client.put('/organizations/8', { body: { organization: { notes: 'FAKE' } } });
    await vi.advanceTimersByTimeAsync(57_000);
    expect(t.log).toEqual(['START PUT /api/v2/organizations/7', 'START PUT /api/v2/organizations/8']);
    await other;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.log).toHaveLength(3);
    await expect(call).resolves.toEqual(updated);
    await client.close();
  });

  it('reads a throttled PUT to one organization as a minute to wait, a Retry-After first', () => {
    const put = { method: 'PUT', path: '/organizations/7.json' };
    expect(normalize(429, undefined, put)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
    expect(normalize(429, undefined, { ...put, headers: { 'retry-after': '7' } })?.retryAfterMs).toBe(7_000);
    expect(normalize(429, undefined, { path: '/organizations/7' })?.retryAfterMs).toBeUndefined();
  });
});
