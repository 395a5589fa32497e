import { createClient, isApiError, normalizeError, normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asana, asanaWarnings, readAsanaChanges, readAsanaSdkError, readSyncToken } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;
const JSON_TYPE = { 'content-type': 'application/json' };

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  const json = typeof body === 'string' || body === undefined ? {} : JSON_TYPE;
  return normalizeResponse(asana, {
    status,
    headers: { ...json, ...options.headers },
    body,
    method: options.method ?? 'GET',
    url: `${asana.baseUrl}${options.path ?? '/tasks/FAKE'}`,
  });
}

const errors = (...entries: Record<string, unknown>[]) => ({ errors: entries });
const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { ...JSON_TYPE, ...init.headers } });

describe('asana fixtures', () => {
  it('are at least 20, and hold no real-looking token', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    // Asana personal access tokens look like "2/<user gid>/<token gid>:<32 hex>" (or "1/..."); fixtures carry none.
    for (const fixture of fixtures)
      expect(JSON.stringify(fixture), fixture.name).not.toMatch(/\b[12]\/\d+(\/\d+)?:[0-9a-f]{32}\b/);
  });
});

describe('statuses Asana gives its own meaning', () => {
  it('reads 424 as a rate limit (its TooManyRequests answer), retryable with Retry-After', () => {
    const err = normalize(424, errors({ message: 'slow down' }), { headers: { 'retry-after': '3' } });
    expect(err).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 3_000, detail: 'slow down' });
    expect(normalize(424, undefined)).toMatchObject({ kind: 'rate_limited', retryable: true });
  });

  it('reads 501 as the load balancers failing to reach the API: unavailable and retryable, not unsupported', () => {
    expect(normalize(501, undefined)).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(normalize(501, errors({ message: 'x' }))).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it('keeps core’s reading of the statuses it documents plainly (402, 403, 404, 451, 503)', () => {
    expect(normalize(402, errors({ message: 'premium' }))?.kind).toBe('payment_required');
    expect(normalize(403, errors({ message: 'user: Forbidden' }))?.kind).toBe('permission');
    expect(normalize(404, errors({ message: 'user: Unknown object: 1' }))?.kind).toBe('not_found');
    expect(normalize(451, errors({ message: 'embargoed' }))?.kind).toBe('permission');
    expect(normalize(503, undefined)).toMatchObject({ kind: 'unavailable', retryable: true });
  });
});

describe('504 "took too long to complete"', () => {
  it('marks a write that got one as possibly processed, not a read', () => {
    expect(normalize(504, 'timeout', { method: 'POST', path: '/tasks' })).toMatchObject({
      kind: 'unavailable',
      possiblyProcessed: true,
    });
    expect(normalize(504, 'timeout', { method: 'PUT', path: '/tasks/1' })?.possiblyProcessed).toBe(true);
    expect(normalize(504, 'timeout')?.possiblyProcessed).toBeFalsy();
    expect(normalize(500, errors({ message: 'Server Error' }), { method: 'POST' })?.possiblyProcessed).toBeFalsy();
  });
});

describe('the errors array', () => {
  it('joins every entry’s message, skipping entries without one, and leaves help out', () => {
    const err = normalize(
      403,
      errors({ message: 'a: one', help: 'see the docs' }, { help: 'only help' }, { message: 'b: two' }),
    );
    expect(err?.detail).toBe('a: one; b: two');
  });

  it('makes a 400’s "<param>: <problem>" messages field errors, and no other status’s', () => {
    const body = errors(
      { message: 'workspace: Missing input' },
      { message: 'data.name: Too long' },
      { message: 'Bad' },
    );
    expect(normalize(400, body)?.fieldErrors).toEqual([
      { path: 'workspace', message: 'Missing input' },
      { path: 'data.name', message: 'Too long' },
    ]);
    expect(normalize(403, errors({ message: 'user: Forbidden' }))?.fieldErrors).toEqual([]);
    expect(
      normalize(400, errors({ message: 'Unrecognized request field `name`. Is it: wrapped?' }))?.fieldErrors,
    ).toEqual([]);
  });

  it('takes a 500’s phrase as the request id support asks for', () => {
    const err = normalize(500, errors({ message: 'Server Error', phrase: '6 sad squid snuggle softly' }));
    expect(err).toMatchObject({ kind: 'server', retryable: true, requestId: '6 sad squid snuggle softly' });
    expect(normalize(500, errors({ message: 'Server Error' }))?.requestId).toBeUndefined();
  });
});

describe('/events sync tokens (412)', () => {
  const expired = { message: 'Sync token invalid or too old.', sync: 'FAKE-sync:0' };

  it('reads the 412 with a fresh sync token as a non-retryable conflict that says where the token is', () => {
    const err = normalize(412, expired, { path: '/events' });
    expect(err).toMatchObject({ kind: 'conflict', retryable: false });
    expect(err?.detail).toBe("Sync token invalid or too old. (a fresh sync token is in the body's `sync`)");
    expect(normalize(412, { sync: '1' }, { path: '/events' })?.detail).toContain('Sync token invalid or too old');
    // A 412 without a sync token is core's plain 412.
    expect(normalize(412, errors({ message: 'other' }))).toMatchObject({ kind: 'conflict', detail: 'other' });
  });

  it('readSyncToken takes the token from a 412’s or a 200’s body, nothing else', () => {
    expect(readSyncToken(expired)).toBe('FAKE-sync:0');
    expect(readSyncToken({ data: [], sync: 'next' })).toBe('next');
    for (const body of [undefined, null, 'sync', [], {}, { sync: 1 }, { sync: '' }])
      expect(readSyncToken(body)).toBeUndefined();
  });

  it('is not resent, and the caller gets the fresh token from the error', async () => {
    let calls = 0;
    const fetch = async (): Promise<Response> => {
      calls++;
      return json(expired, { status: 412 });
    };
    const client = createClient(asana, { auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
    const err = await client.get('/events', { query: { resource: 'FAKE' } }).catch((e: unknown) => e);
    expect(isApiError(err) && readSyncToken(err.response?.body)).toBe('FAKE-sync:0');
    expect(calls).toBe(1);
  });
});

describe('jobs inside HTTP 200', () => {
  const job = (status: string) => ({
    data: { gid: 'FAKE1', resource_type: 'job', resource_subtype: 'duplicate_task', status },
  });

  it('a failed job is a non-retryable error; a job in progress or done, and any other 200, is a success', () => {
    expect(normalize(200, job('failed'), { path: '/jobs/FAKE1' })).toMatchObject({
      status: 200,
      kind: 'server',
      retryable: false,
      detail: 'Asana job failed: duplicate_task FAKE1',
    });
    expect(normalize(200, { data: { resource_type: 'job', status: 'failed' } })?.detail).toBe('Asana job failed');
    for (const status of ['not_started', 'in_progress', 'succeeded']) expect(normalize(200, job(status))).toBeNull();
    expect(normalize(200, { data: { resource_type: 'task', status: 'failed' } })).toBeNull();
    expect(normalize(200, { data: [{ status_code: 404, body: errors({ message: 'x' }) }] })).toBeNull();
  });
});

describe('throttled requests', () => {
  it('resends a throttled POST after Retry-After (refused, not processed) but never a POST that got a 500', async () => {
    const sent: string[] = [];
    const answers = [
      json(errors({ message: 'too many' }), { status: 429, headers: { 'retry-after': '0' } }),
      json({ data: { gid: 'FAKE1' } }, { status: 201 }),
    ];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('authorization')}`);
      return answers.shift() ?? json(errors({ message: 'Server Error', phrase: 'FAKE phrase' }), { status: 500 });
    };
    const client = createClient(asana, {
      auth: { token: 'FAKE-token' },
      fetch,
      rateLimit: false,
      retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
    await expect(client.post('/tasks', { body: { data: { name: 'x' } } })).resolves.toEqual({ data: { gid: 'FAKE1' } });
    expect(sent).toEqual(['POST /api/1.0/tasks Bearer FAKE-token', 'POST /api/1.0/tasks Bearer FAKE-token']);
    await expect(client.post('/tasks', { body: {} })).rejects.toMatchObject({
      kind: 'server',
      attempts: 1,
      requestId: 'FAKE phrase',
    });
  });
});

describe('Asana-Change warnings', () => {
  const both =
    'name=security_headers;info=https://asa.na/api-sh;affected=true, name=other_change;info=https://asa.na/api-oc';

  it('reads each change of repeated headers (joined by ", "), whether this request is affected', () => {
    expect(readAsanaChanges(both)).toEqual([
      { name: 'security_headers', info: 'https://asa.na/api-sh', affected: true },
      { name: 'other_change', info: 'https://asa.na/api-oc', affected: false },
    ]);
    expect(readAsanaChanges('name=a;info=https://x.example/?q=1,2')).toEqual([
      { name: 'a', info: 'https://x.example/?q=1,2', affected: false },
    ]);
    for (const header of [undefined, '', 'info=https://x.example', 'name=;affected=true']) {
      expect(readAsanaChanges(header)).toEqual([]);
    }
  });

  it('words one warning per change', () => {
    expect(asanaWarnings(undefined, { 'asana-change': both })).toEqual([
      'Asana-Change security_headers affects this request: https://asa.na/api-sh (opt in or out with Asana-Enable / Asana-Disable)',
      'Asana-Change other_change is coming: https://asa.na/api-oc (opt in or out with Asana-Enable / Asana-Disable)',
    ]);
    expect(asanaWarnings({ data: {} }, {})).toEqual([]);
  });

  it('reach the client’s warning event from a success’s headers', async () => {
    const fetch = async (): Promise<Response> =>
      json({ data: { gid: '1' } }, { headers: { 'asana-change': 'name=new_goal_memberships;affected=true' } });
    const client = createClient(asana, { auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
    const warnings: string[][] = [];
    client.on('warning', (e) => warnings.push([...e.warnings]));
    await expect(client.get('/goals/1')).resolves.toEqual({ data: { gid: '1' } });
    expect(warnings).toEqual([
      ['Asana-Change new_goal_memberships affects this request (opt in or out with Asana-Enable / Asana-Disable)'],
    ]);
  });
});

describe('declared protocol', () => {
  it('uses bearer tokens and declares the throttle refusal with its source', () => {
    expect(asana.auth).toEqual([{ type: 'bearer' }]);
    expect(asana.throttleRefusesRequest?.source).toBe('https://developers.asana.com/docs/rate-limits');
  });

  it('paginates by offset / next_page.offset over data, ending at next_page: null', async () => {
    const offsets: (string | null)[] = [];
    const pages = [
      { data: [{ gid: 'a' }, { gid: 'b' }], next_page: { offset: 'FAKE-o', path: '/tasks?offset=FAKE-o', uri: 'x' } },
      { data: [{ gid: 'c' }], next_page: null },
    ];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      offsets.push(new URL(new Request(input, init).url).searchParams.get('offset'));
      return json(pages.shift());
    };
    const client = createClient(asana, { auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
    const gids: string[] = [];
    for await (const task of client.paginate<{ gid: string }>('/tasks', { query: { project: '1', limit: 2 } })) {
      gids.push(task.gid);
    }
    expect(gids).toEqual(['a', 'b', 'c']);
    expect(offsets).toEqual([null, 'FAKE-o']);
  });
});

describe('robustness', () => {
  it(`the classify hook never throws on arbitrary JSON, any status (seed ${SEED})`, () => {
    const classify = asana.classify;
    if (classify === undefined) throw new Error('no classify hook');
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 200, max: 599 }), (body, status) => {
        expect(() => classify(classifyContext({ url: `${asana.baseUrl}/events`, body, status }))).not.toThrow();
      }),
      { seed: SEED },
    );
  });
});

describe('errors of the official Node SDK (node-asana v3, superagent)', () => {
  /**
   * Shaped as superagent v6 builds them (src/node/index.js: `new Error(http.STATUS_CODES[status])`, `err.status`,
   * `err.response`; src/node/response.js: `status`, `headers`/`header`, `body` (`{}` when not JSON), `text`,
   * `request` with `method` and `url`).
   */
  function superagentError(status: number, headers: Record<string, string>, body: unknown, text: string) {
    const request = { method: 'POST', url: 'https://app.asana.com/api/1.0/tasks' };
    const response = { status, headers, header: headers, body, text, request, req: {} };
    return Object.assign(new Error('Too Many Requests'), { status, response });
  }

  it('reads status, headers, body and request, as normalizeError', () => {
    const body = errors({ message: 'too many' });
    const err = normalizeError(
      asana,
      superagentError(429, { 'content-type': 'application/json', 'retry-after': '30' }, body, JSON.stringify(body)),
    );
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000, detail: 'too many', status: 429 });
    expect(err?.request?.method).toBe('POST');
    expect(readAsanaSdkError(superagentError(412, JSON_TYPE, { sync: 'FAKE' }, '{"sync":"FAKE"}'))?.body).toEqual({
      sync: 'FAKE',
    });
  });

  it('takes the text of a non-JSON answer (superagent’s body is {} then), and no response from other errors', () => {
    const read = readAsanaSdkError(superagentError(504, { 'content-type': 'text/plain' }, {}, 'Crappy Response'));
    expect(read).toMatchObject({ status: 504, body: 'Crappy Response', method: 'POST' });
    expect(readAsanaSdkError(superagentError(429, JSON_TYPE, {}, '{}'))?.body).toEqual({});
    for (const other of [new Error('ECONNRESET'), { status: 500, response: { status: 500, body: {} } }, null, 'x']) {
      expect(readAsanaSdkError(other)).toBeUndefined();
    }
    expect(readAsanaSdkError(Object.assign(new Error('x'), { response: { status: 500 } }))).toBeUndefined();
  });
});
