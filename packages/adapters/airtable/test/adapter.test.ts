import { createClient, normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { AIRTABLE_PENALTY_MS, airtable, airtableWarnings } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;
const BASE = 'appFAKE0000000001';
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  const json = typeof body === 'string' ? {} : JSON_HEADERS;
  return normalizeResponse(airtable, {
    status,
    headers: { ...json, ...options.headers },
    body,
    method: options.method ?? 'GET',
    url: `${airtable.baseUrl}${options.path ?? `/v0/${BASE}/Tasks`}`,
  });
}

const objectError = (type: string, message = `message of ${type}`) => ({ error: { type, message } });

describe('airtable fixtures', () => {
  it('are at least 20, and hold no real-looking token', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) {
      // Personal access tokens start `pat` and a 14-character id, then a dot and a 64-hex secret; fixtures carry none.
      expect(JSON.stringify(fixture), fixture.name).not.toMatch(/\bpat[A-Za-z0-9]{14}\.[0-9a-f]{16,}/);
    }
  });
});

describe('the three body shapes', () => {
  it('read the same type and message from an error object, a bare type and an errors list', () => {
    const bodies = [
      objectError('NOT_FOUND', 'gone'),
      { error: 'NOT_FOUND', message: 'gone' },
      { errors: [{ error: 'NOT_FOUND', message: 'gone' }] },
    ];
    for (const body of bodies) {
      // 418: a status with no meaning of its own, so only the type can give the kind.
      expect(normalize(418, body), JSON.stringify(body)).toMatchObject({
        kind: 'not_found',
        code: 'NOT_FOUND',
        detail: 'gone',
      });
    }
  });

  it('tell a lower-case RFC 6749 code from a bare Airtable type, and read it with core’s OAuth reader', () => {
    const oauth = normalize(
      400,
      { error: 'invalid_client', error_description: 'Client authentication failed' },
      { method: 'POST', path: '/oauth2/v1/token' },
    );
    expect(oauth).toMatchObject({
      kind: 'authentication',
      code: 'invalid_client',
      detail: 'Client authentication failed',
    });
    expect(normalize(400, { error: 'NOT_FOUND' })).toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
  });

  it('fall through to the next shape when one holds no Airtable type', () => {
    const body = { error: { message: 'no type' }, errors: [{ error: 'RATE_LIMIT_REACHED' }] };
    expect(normalize(400, body)).toMatchObject({ kind: 'rate_limited', code: 'RATE_LIMIT_REACHED' });
  });
});

describe('the type decides, whatever the status', () => {
  it('reads each documented type as its kind', () => {
    const table: [string, string][] = [
      ['AUTHENTICATION_REQUIRED', 'authentication'],
      ['INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', 'permission'],
      ['INVALID_PERMISSIONS', 'permission'],
      ['NOT_AUTHORIZED', 'permission'],
      ['NOT_FOUND', 'not_found'],
      ['REQUEST_TOO_LARGE', 'validation'],
      ['INVALID_REQUEST_UNKNOWN', 'validation'],
      ['UNKNOWN_FIELD_NAME', 'validation'],
      ['INVALID_VALUE_FOR_COLUMN', 'validation'],
      ['INVALID_MULTIPLE_CHOICE_OPTIONS', 'validation'],
      ['LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'conflict'],
      ['RATE_LIMIT_REACHED', 'rate_limited'],
      ['TOO_MANY_REQUESTS', 'rate_limited'],
      ['PUBLIC_API_BILLING_LIMIT_EXCEEDED', 'quota_exceeded'],
      ['SERVER_ERROR', 'server'],
      ['SERVICE_UNAVAILABLE', 'unavailable'],
    ];
    for (const [type, kind] of table) {
      expect(normalize(418, objectError(type)), type).toMatchObject({ kind, code: type, detail: `message of ${type}` });
    }
  });

  it('keeps an unknown select option a validation error, not a permission error, on a 403 too', () => {
    const body = objectError(
      'INVALID_MULTIPLE_CHOICE_OPTIONS',
      'Insufficient permissions to create new select option "X"',
    );
    expect(normalize(403, body)).toMatchObject({ kind: 'validation', retryable: false });
  });

  it('keeps the status reading, with the type, for a type it does not know or one named like a prototype member', () => {
    expect(normalize(422, objectError('SOMETHING_NEW'))).toMatchObject({ kind: 'validation', code: 'SOMETHING_NEW' });
    for (const type of ['CONSTRUCTOR', 'HAS_OWN_PROPERTY', '__PROTO__'.replace(/^_+/, 'P')]) {
      expect(normalize(503, objectError(type))).toMatchObject({ kind: 'unavailable', retryable: true, code: type });
    }
  });

  it('reads an expired list iterator as a conflict that no resend fixes', () => {
    const err = normalize(422, { error: { type: 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE' } });
    expect(err).toMatchObject({ kind: 'conflict', retryable: false });
  });
});

describe('fields named inside 422 messages', () => {
  it('lift the field of UNKNOWN_FIELD_NAME and INVALID_VALUE_FOR_COLUMN, whatever the type', () => {
    const unknown = normalize(422, objectError('UNKNOWN_FIELD_NAME', 'Unknown field name: "Due \\"Date\\""'));
    expect(unknown?.fieldErrors).toEqual([
      { path: 'Due \\"Date\\"', message: 'Unknown field name: "Due \\"Date\\""', code: 'UNKNOWN_FIELD_NAME' },
    ]);
    const value = normalize(
      422,
      objectError('INVALID_REQUEST_UNKNOWN', 'Field "Estimate" cannot accept the provided value'),
    );
    expect(value?.fieldErrors).toEqual([
      {
        path: 'Estimate',
        message: 'Field "Estimate" cannot accept the provided value',
        code: 'INVALID_REQUEST_UNKNOWN',
      },
    ]);
  });

  it('name no field when the message names none', () => {
    expect(normalize(422, objectError('INVALID_REQUEST_UNKNOWN', 'Invalid request'))?.fieldErrors).toEqual([]);
    expect(normalize(422, { error: { type: 'UNKNOWN_FIELD_NAME' } })?.fieldErrors).toEqual([]);
  });
});

describe('429: wait versus quota spent', () => {
  it('reads RATE_LIMIT_REACHED as rate_limited with the documented 30-second penalty when no Retry-After is sent', () => {
    const body = { errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' }] };
    expect(AIRTABLE_PENALTY_MS).toBe(30_000);
    expect(normalize(429, body)).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 30_000 });
    expect(normalize(429, body, { headers: { 'retry-after': '7' } })?.retryAfterMs).toBe(7_000);
  });

  it('gives a 429 without a readable type the penalty too, and a Retry-After when there is one', () => {
    expect(normalize(429, undefined)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 });
    expect(normalize(429, {})).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 });
    expect(normalize(429, undefined, { headers: { 'retry-after': '2' } })?.retryAfterMs).toBe(2_000);
  });

  it('reads PUBLIC_API_BILLING_LIMIT_EXCEEDED as quota_exceeded, never retried, in any shape', () => {
    for (const body of [
      { errors: [{ error: 'PUBLIC_API_BILLING_LIMIT_EXCEEDED', message: 'API billing plan limit exceeded.' }] },
      { error: 'PUBLIC_API_BILLING_LIMIT_EXCEEDED' },
      objectError('PUBLIC_API_BILLING_LIMIT_EXCEEDED'),
    ]) {
      const err = normalize(429, body);
      expect(err).toMatchObject({ kind: 'quota_exceeded', retryable: false });
      expect(err?.retryAfterMs).toBeUndefined();
    }
  });

  it('resends a throttled POST once the penalty is over, but never a POST whose monthly quota is spent', async () => {
    const sent: string[] = [];
    const answer = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
    const answers = [
      answer(429, { errors: [{ error: 'RATE_LIMIT_REACHED' }] }),
      answer(200, { records: [{ id: 'recFAKE0000000001' }] }),
      answer(429, { errors: [{ error: 'PUBLIC_API_BILLING_LIMIT_EXCEEDED' }] }),
    ];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return answers.shift() ?? answer(500, {});
    };
    vi.useFakeTimers();
    try {
      const client = createClient(airtable, { auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
      const created = client.post(`/v0/${BASE}/Tasks`, { body: { records: [] } });
      // The resend waits out the whole penalty, not a backoff of its own.
      await vi.advanceTimersByTimeAsync(AIRTABLE_PENALTY_MS - 1);
      expect(sent).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(created).resolves.toMatchObject({ records: [{ id: 'recFAKE0000000001' }] });
      await expect(client.post(`/v0/${BASE}/Tasks`, { body: { records: [] } })).rejects.toMatchObject({
        kind: 'quota_exceeded',
        attempts: 1,
      });
    } finally {
      vi.useRealTimers();
    }
    expect(sent).toEqual([`POST /v0/${BASE}/Tasks`, `POST /v0/${BASE}/Tasks`, `POST /v0/${BASE}/Tasks`]);
  });
});

describe('2xx answers', () => {
  it('a JSON array or scalar is not Airtable’s answer: invalid_response, as the official client rejects it', () => {
    // As JSON text, the way the body arrives, so that `"ok"` is a JSON string and not a text body.
    for (const body of ['["foo","bar"]', '"ok"', '42', 'null']) {
      expect(normalize(200, body, { headers: JSON_HEADERS }), body).toMatchObject({
        kind: 'invalid_response',
        code: 'non_object_body',
        retryable: false,
      });
    }
  });

  it('objects, empty bodies and text read raw are successes', () => {
    expect(normalize(200, { records: [] })).toBeNull();
    expect(normalize(200, { id: 'recFAKE0000000001', deleted: true })).toBeNull();
    expect(normalize(200, { id: 'recFAKE', fields: { error: 'NOT_FOUND' } })).toBeNull();
    expect(normalize(200, undefined)).toBeNull();
    const text = normalizeResponse(airtable, {
      status: 200,
      headers: { 'content-type': 'text/csv' },
      body: 'a,b',
      method: 'GET',
      url: `${airtable.baseUrl}/v0/${BASE}/Tasks`,
      raw: true,
    } as Parameters<typeof normalizeResponse>[1]);
    expect(text).toBeNull();
  });
});

describe('warnings', () => {
  it('flag each webhook payload that reports a broken webhook, nothing else', () => {
    const page = (payloads: unknown[]) => ({ payloads, cursor: 1, mightHaveMore: false });
    expect(
      airtableWarnings(page([{ error: true, code: 'INVALID_FILTERS' }, { timestamp: 'x' }, { error: true }])),
    ).toEqual(['webhook payload error: INVALID_FILTERS', 'webhook payload error: UNKNOWN']);
    expect(airtableWarnings(page([{ error: false, code: 'INVALID_HOOK' }]))).toEqual([]);
    for (const body of [undefined, null, 'x', [], {}, { payloads: 'x' }, { records: [] }]) {
      expect(airtableWarnings(body)).toEqual([]);
    }
  });
});

describe('robustness', () => {
  const context = (body: unknown, status: number) =>
    classifyContext({ url: `https://api.airtable.com/v0/${BASE}/Tasks`, body, status });

  it(`never throws on arbitrary JSON, any status (seed ${SEED})`, () => {
    const classify = airtable.classify;
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
  it('bearer then basic auth, OAuth secrets redacted, throttles refused, the SDK’s first delay', () => {
    expect(airtable.auth).toEqual([{ type: 'bearer' }, { type: 'basic' }]);
    expect(airtable.credentialParams).toEqual(['client_secret', 'refresh_token', 'code', 'code_verifier']);
    expect(airtable.throttleRefusesRequest?.source).toContain('managing-api-call-limits');
    expect(airtable.retry).toEqual({ baseDelayMs: 5_000, maxDelayMs: 30_000 });
  });

  it('paginates list records by offset / offset over records', async () => {
    const offsets: (string | null)[] = [];
    const pages = [{ records: [{ id: 'a' }, { id: 'b' }], offset: 'itrFAKE/recb' }, { records: [{ id: 'c' }] }];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      offsets.push(new URL(new Request(input, init).url).searchParams.get('offset'));
      return new Response(JSON.stringify(pages.shift()), { headers: JSON_HEADERS });
    };
    const client = createClient(airtable, { auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
    const ids: string[] = [];
    for await (const record of client.paginate<{ id: string }>(`/v0/${BASE}/Tasks`)) ids.push(record.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(offsets).toEqual([null, 'itrFAKE/recb']);
  });
});
