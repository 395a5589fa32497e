import { createClient, normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTION_VERSION, notion, notionWarnings } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261127;

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  const json = typeof body === 'string' ? {} : { 'content-type': 'application/json' };
  return normalizeResponse(notion, {
    status,
    headers: { ...json, ...options.headers },
    body,
    method: options.method ?? 'GET',
    url: `${notion.baseUrl}${options.path ?? '/v1/pages/FAKE'}`,
  });
}

const notionError = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  object: 'error',
  status,
  code,
  message: `message of ${code}`,
  ...extra,
});

describe('notion fixtures', () => {
  it('are at least 20, and hold no real-looking token', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) {
      // Notion integration tokens start secret_ or ntn_; fixtures carry none.
      expect(JSON.stringify(fixture), fixture.name).not.toMatch(/\b(secret|ntn)_[A-Za-z0-9]{8,}/);
    }
  });
});

describe('the code decides, as in the official SDK', () => {
  it('reads each documented code as its kind, whatever the status', () => {
    const table: [string, string][] = [
      ['invalid_json', 'validation'],
      ['invalid_request_url', 'validation'],
      ['invalid_request', 'unsupported'],
      ['invalid_grant', 'authentication'],
      ['invalid_beta', 'validation'],
      ['validation_error', 'validation'],
      ['missing_version', 'validation'],
      ['unauthorized', 'authentication'],
      ['restricted_resource', 'permission'],
      ['object_not_found', 'not_found'],
      ['conflict_error', 'conflict'],
      ['row_limit_exceeded', 'conflict'],
      ['rate_limited', 'rate_limited'],
      ['internal_server_error', 'server'],
      ['bad_gateway', 'unavailable'],
      ['service_unavailable', 'unavailable'],
      ['database_connection_unavailable', 'unavailable'],
      ['gateway_timeout', 'unavailable'],
      ['service_overload', 'unavailable'],
    ];
    for (const [code, kind] of table) {
      // 418: a status with no meaning of its own, so only the code can give the kind.
      expect(normalize(418, notionError(418, code)), code).toMatchObject({ kind, code, detail: `message of ${code}` });
    }
  });

  it('reads invalid_request as unsupported and invalid_grant as authentication, not the 400 default', () => {
    expect(normalize(400, notionError(400, 'invalid_request'))).toMatchObject({
      kind: 'unsupported',
      retryable: false,
    });
    expect(normalize(400, notionError(400, 'invalid_grant'))).toMatchObject({
      kind: 'authentication',
      retryable: false,
    });
  });

  it('keeps the status reading, with the code, for a code it does not know or one named like a prototype member', () => {
    expect(normalize(400, notionError(400, 'something_new'))).toMatchObject({
      kind: 'validation',
      code: 'something_new',
    });
    for (const code of ['constructor', 'hasOwnProperty', '__proto__']) {
      expect(normalize(503, notionError(503, code))).toMatchObject({ kind: 'unavailable', retryable: true, code });
    }
  });

  it('keeps size limits as validation errors, not rate limits', () => {
    const err = normalize(
      400,
      notionError(400, 'validation_error', { message: 'body.children.length should be ≤ 100' }),
    );
    expect(err).toMatchObject({ kind: 'validation', retryable: false });
  });

  it('reads 529 service_overload as unavailable (Notion-wide), with Retry-After', () => {
    const err = normalize(529, notionError(529, 'service_overload'), { headers: { 'retry-after': '7' } });
    expect(err).toMatchObject({ kind: 'unavailable', retryable: true, retryAfterMs: 7_000, code: 'service_overload' });
  });
});

describe('request ids', () => {
  it('takes the body request_id first, then x-notion-request-id, then the edge proxy’s cf-ray', () => {
    const both = { 'x-notion-request-id': 'FAKE-header', 'cf-ray': 'FAKE-ray' };
    expect(
      normalize(404, notionError(404, 'object_not_found', { request_id: 'FAKE-body' }), { headers: both })?.requestId,
    ).toBe('FAKE-body');
    expect(normalize(404, notionError(404, 'object_not_found'), { headers: both })?.requestId).toBe('FAKE-header');
    expect(normalize(522, '<html>error</html>', { headers: { 'cf-ray': 'FAKE-ray' } })?.requestId).toBe('FAKE-ray');
  });
});

describe('429 rate limits', () => {
  it('names the limit that was hit (additional_data.rate_limit_reason) as the rate-limit scope', () => {
    const body = notionError(429, 'rate_limited', { additional_data: { rate_limit_reason: 'FAKE_reason' } });
    const err = normalize(429, body, { headers: { 'retry-after': '30' } });
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000, rateLimit: { scope: 'FAKE_reason' } });
    expect(normalize(429, notionError(429, 'rate_limited'))?.rateLimit).toBeUndefined();
  });

  it('resends a throttled POST (refused, not processed) but never a POST that got a 500', async () => {
    const sent: string[] = [];
    const answers = [
      new Response(JSON.stringify(notionError(429, 'rate_limited')), {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '0' },
      }),
      new Response(JSON.stringify({ object: 'page', id: 'FAKE' }), { headers: { 'content-type': 'application/json' } }),
    ];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('notion-version')}`);
      return (
        answers.shift() ?? new Response(JSON.stringify(notionError(500, 'internal_server_error')), { status: 500 })
      );
    };
    const client = createClient(notion, {
      auth: { token: 'FAKE-token' },
      fetch,
      rateLimit: false,
      retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
    await expect(client.post('/v1/pages', { body: { parent: {} } })).resolves.toMatchObject({ id: 'FAKE' });
    expect(sent).toEqual([`POST /v1/pages ${NOTION_VERSION}`, `POST /v1/pages ${NOTION_VERSION}`]);
    await expect(client.post('/v1/pages', { body: {} })).rejects.toMatchObject({ kind: 'server', attempts: 1 });
  });
});

describe('file upload sends', () => {
  it('read a 409 conflict_error as the storage provider being down (unavailable, retryable) on /send only', () => {
    const body = notionError(409, 'conflict_error');
    expect(normalize(409, body, { method: 'POST', path: '/v1/file_uploads/FAKE/send' })).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      code: 'conflict_error',
    });
    expect(normalize(409, body, { method: 'POST', path: '/v1/file_uploads/FAKE/complete' })).toMatchObject({
      kind: 'conflict',
      retryable: false,
    });
    expect(normalize(409, body, { method: 'PATCH', path: '/v1/pages/FAKE' })?.kind).toBe('conflict');
  });
});

describe('OAuth bodies (RFC 6749) from /v1/oauth/token', () => {
  it('read through core’s shared reader: code, description as message, kind of the code', () => {
    const err = normalize(
      400,
      { error: 'invalid_grant', error_description: 'Code expired' },
      { method: 'POST', path: '/v1/oauth/token' },
    );
    expect(err).toMatchObject({
      kind: 'authentication',
      code: 'invalid_grant',
      detail: 'Code expired',
      retryable: false,
    });
    expect(normalize(401, { error: 'invalid_client' }, { method: 'POST', path: '/v1/oauth/token' })).toMatchObject({
      kind: 'authentication',
      code: 'invalid_client',
    });
  });
});

describe('edge proxy answers', () => {
  const page = '<!DOCTYPE html><html><head><title>Access denied</title></head><body>Blocked</body></html>';
  const html = { 'content-type': 'text/html; charset=UTF-8' };

  it('say so, with the Ray ID, when cf-ray comes without x-notion-request-id; a 403 may be a security rule', () => {
    const blocked = normalize(403, page, { headers: { ...html, 'cf-ray': 'FAKE-ray-SJC' } });
    expect(blocked).toMatchObject({ kind: 'permission', retryable: false, requestId: 'FAKE-ray-SJC' });
    expect(blocked?.detail).toContain(
      "Notion's edge proxy before reaching the Notion API (Cloudflare Ray ID FAKE-ray-SJC)",
    );
    expect(blocked?.detail).toContain('network security rule');
    expect(blocked?.detail).toContain('Access denied');
    const down = normalize(522, page, { headers: { ...html, 'cf-ray': 'FAKE-ray-SJC' } });
    expect(down).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(down?.detail).not.toContain('security rule');
  });

  it('do not claim the edge answered when Notion’s request id is there, or when there is no cf-ray', () => {
    const origin = normalize(403, page, {
      headers: { ...html, 'cf-ray': 'FAKE-ray', 'x-notion-request-id': 'FAKE-id' },
    });
    expect(origin?.detail).not.toContain('edge proxy');
    expect(normalize(502, 'upstream unavailable', { headers: { 'content-type': 'text/plain' } })?.detail).toBe(
      'upstream unavailable',
    );
  });
});

describe('async tasks inside HTTP 200', () => {
  const task = (status: string, error?: unknown) => ({
    object: 'async_task',
    id: 'FAKE-task',
    status,
    ...(error === undefined ? {} : { error }),
  });

  it('a failed task is an error of its embedded code, never retryable', () => {
    const err = normalize(200, task('failed', notionError(409, 'conflict_error')));
    expect(err).toMatchObject({ status: 200, kind: 'conflict', code: 'conflict_error', retryable: false });
    const throttled = normalize(200, task('failed', notionError(429, 'rate_limited')));
    expect(throttled).toMatchObject({ kind: 'rate_limited', retryable: false });
    expect(normalize(200, task('failed'))).toMatchObject({ kind: 'unknown', retryable: false });
  });

  it('a task in progress or done, and any other 200, is a success', () => {
    for (const status of ['queued', 'running', 'retrying', 'succeeded'])
      expect(normalize(200, task(status))).toBeNull();
    expect(normalize(200, { active: false })).toBeNull();
    expect(normalize(200, { object: 'block', type: 'unsupported', unsupported: { block_type: 'form' } })).toBeNull();
  });
});

describe('warnings', () => {
  it('flags a capped result (request_status incomplete), nothing else', () => {
    const capped = { request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' } };
    expect(notionWarnings(capped)).toEqual(['incomplete result: query_result_limit_reached']);
    expect(notionWarnings({ request_status: { type: 'incomplete' } })).toEqual(['incomplete result: incomplete']);
    expect(notionWarnings({ request_status: { type: 'complete' } })).toEqual([]);
    for (const body of [undefined, null, 'x', [], {}, { request_status: 'incomplete' }]) {
      expect(notionWarnings(body)).toEqual([]);
    }
  });

  it('reach the client’s warning event on a capped query, which still succeeds', async () => {
    const capped = {
      object: 'list',
      results: [],
      has_more: false,
      next_cursor: null,
      request_status: { type: 'incomplete' },
    };
    const fetch = async (): Promise<Response> =>
      new Response(JSON.stringify(capped), { headers: { 'content-type': 'application/json' } });
    const client = createClient(notion, { auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
    const warnings: string[][] = [];
    client.on('warning', (e) => warnings.push([...e.warnings]));
    await expect(client.post('/v1/data_sources/FAKE/query', { body: {} })).resolves.toEqual(capped);
    expect(warnings).toEqual([['incomplete result: incomplete']]);
  });
});

describe('robustness', () => {
  const context = (body: unknown, status: number) =>
    classifyContext({ url: 'https://api.notion.com/v1/pages/FAKE', body, status });

  it(`never throws on arbitrary JSON, any status (seed ${SEED})`, () => {
    const classify = notion.classify;
    if (classify === undefined) throw new Error('no classify hook');
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 200, max: 599 }), (body, status) => {
        expect(() => classify(context(body, status))).not.toThrow();
      }),
      { seed: SEED },
    );
  });
});

describe('declared protocol', () => {
  it('pins Notion-Version, bearer then basic auth, and the request-id headers', () => {
    expect(notion.defaultHeaders).toEqual({ 'Notion-Version': '2025-09-03' });
    expect(notion.auth).toEqual([{ type: 'bearer' }, { type: 'basic' }]);
    expect(notion.requestIdHeaders).toEqual(['x-notion-request-id', 'cf-ray']);
    expect(notion.throttleRefusesRequest?.source).toContain('request-limits');
  });

  it('paginates GET lists by start_cursor / next_cursor over results', async () => {
    const cursors: (string | null)[] = [];
    const pages = [
      { object: 'list', results: [{ id: 'a' }, { id: 'b' }], has_more: true, next_cursor: 'FAKE-c' },
      { object: 'list', results: [{ id: 'c' }], has_more: false, next_cursor: null },
    ];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      cursors.push(new URL(new Request(input, init).url).searchParams.get('start_cursor'));
      return new Response(JSON.stringify(pages.shift()), { headers: { 'content-type': 'application/json' } });
    };
    const client = createClient(notion, { auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
    const ids: string[] = [];
    for await (const block of client.paginate<{ id: string }>('/v1/blocks/FAKE/children')) ids.push(block.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(cursors).toEqual([null, 'FAKE-c']);
  });
});
