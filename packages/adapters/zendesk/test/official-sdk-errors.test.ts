import { normalizeError, normalizeResponse } from '@rosetta/core';
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readZendeskSdkError, zendesk } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

beforeAll(() => {
  vi.useFakeTimers({ now: Date.parse('2026-03-26T16:25:28Z'), toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

// node-zendesk's errors, built as blakmatrix/node-zendesk@3b354cfdf7f78741eda190e41be9679758edde97 builds them:
// src/clients/transporter.js `sendRequest` (`result` is the parsed body when the answer says JSON, else `{}`),
// src/clients/helpers.js `createError` and `checkRequestResponse`, src/clients/client.js `request` (the rethrow).
const failCodes: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Not Authorized',
  403: 'Forbidden',
  404: 'Item not found',
  405: 'Method not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function createError(message: string, statusCode: number, result: unknown = null) {
  return Object.assign(new Error(message), { statusCode, result });
}

/** What `client.request` gives for an answer: `thrown`, or `returned` in place of the result, or nothing (data). */
function nodeZendesk(f: AdapterFixture, throwOriginalException: boolean): { thrown?: Error; returned?: Error } {
  const { status, body } = f.response;
  const headers = new Headers(f.response.headers);
  let result: unknown = {};
  if (status !== 204 && headers.get('content-type')?.includes('application/json')) {
    // `response.json()` of an empty body throws a SyntaxError: no Zendesk error at all.
    if (body === undefined) return { thrown: new SyntaxError('Unexpected end of JSON input') };
    result = body;
  }
  try {
    if (headers.get('retry-after')) {
      return { returned: createError('Zendesk rate limits 200 requests per minute', 429, result) };
    }
    const failMessage = failCodes[status];
    if (failMessage) throw createError(`Zendesk Error (${status}): ${failMessage}`, status, result);
    return {};
  } catch (error) {
    if (throwOriginalException) return { thrown: error as Error };
    const e = error as { message: string; result?: { error?: { title?: string; message?: string } } };
    const { title = '', message: errorMessage = '' } = typeof e.result?.error === 'object' ? e.result.error : {};
    let detailed = `Request processing failed: ${e.message}`;
    if (title.length > 0 || errorMessage.length > 0) {
      detailed += ` - ${title}${title.length > 0 && errorMessage.length > 0 ? ': ' : ''}${errorMessage}`;
    }
    return { thrown: new Error(detailed) };
  }
}

const pick = (e: ReturnType<typeof normalizeResponse>) =>
  e && { kind: e.kind, code: e.code, status: e.status, retryable: e.retryable, retryAfterMs: e.retryAfterMs };

describe('errors of node-zendesk', () => {
  it('reads each thrown error exactly as the answer it kept (status, and the body or its title and message)', () => {
    let read = 0;
    for (const original of [false, true]) {
      for (const f of fixtures) {
        const { thrown, returned } = nodeZendesk(f, original);
        const sdk = thrown ?? returned;
        if (sdk === undefined || sdk instanceof SyntaxError) continue;
        const kept = readZendeskSdkError(sdk);
        expect(kept, f.name).toBeDefined();
        read++;
        expect(pick(normalizeError(zendesk, sdk)), f.name).toEqual(
          pick(normalizeResponse(zendesk, kept ?? { status: 0 })),
        );
      }
    }
    expect(read).toBeGreaterThanOrEqual(30);
  });

  it('gives the kind, status and retryability of the answer over HTTP, but for what the SDK drops', () => {
    // What node-zendesk loses, answer by answer (the SDK keeps no headers and no request):
    const lost: Record<string, string> = {
      // A PUT's 409 is a safe-update collision; without the method it reads as a creation race (retryable).
      'conflict-safe-update-collision-409': 'retryable',
      // checkRequestResponse returns any answer with Retry-After as a 429 "rate limits" error, a 503 included.
      'unavailable-database-timeout-503': 'kind status',
      // The rethrown message keeps no body whose `error` is a name (DuplicateValue) nor an `errors` list (Unavailable):
      // the status alone decides (422 validation, not conflict; 500 server, not unavailable, both retried).
      'wrapped conflict-duplicate-value-422': 'kind',
      'wrapped unavailable-autocomplete-errors-list-500': 'kind',
    };
    for (const original of [false, true]) {
      for (const f of fixtures) {
        const sdk = nodeZendesk(f, original);
        const error = sdk.thrown ?? sdk.returned;
        if (error === undefined || error instanceof SyntaxError) continue;
        const fromSdk = normalizeError(zendesk, error);
        const http = normalizeResponse(zendesk, { ...f.response, method: f.request.method });
        const differs = ['kind', 'status', 'retryable'].filter(
          (key) => fromSdk?.[key as 'kind'] !== http?.[key as 'kind'],
        );
        const expected = lost[f.name] ?? (original ? undefined : lost[`wrapped ${f.name}`]) ?? '';
        expect(differs.join(' '), `${f.name} (throwOriginalException: ${original})`).toBe(expected);
      }
    }
  });

  it('reads the wrapped message’s title and message as the text of the answer', () => {
    const f = fixtures.find((x) => x.name === 'permission-forbidden-wrapped-403');
    const thrown = f && nodeZendesk(f, false).thrown;
    expect(thrown?.message).toBe(
      'Request processing failed: Zendesk Error (403): Forbidden - Forbidden: You do not have access to this page. Please contact the account owner of this help desk for further help.',
    );
    expect(readZendeskSdkError(thrown)).toEqual({
      status: 403,
      body: 'Forbidden: You do not have access to this page. Please contact the account owner of this help desk for further help.',
    });
    expect(readZendeskSdkError(new Error('Request processing failed: Zendesk Error (404): Item not found'))).toEqual({
      status: 404,
    });
  });

  it('reads the original error’s JSON result as the body, and an empty result as none', () => {
    const body = { error: 'RecordNotFound', description: 'Not found' };
    const err = createError('Zendesk Error (404): Item not found', 404, body);
    expect(readZendeskSdkError(err)).toEqual({ status: 404, body });
    expect(normalizeError(zendesk, err)).toMatchObject({ kind: 'not_found', code: 'RecordNotFound' });
    expect(readZendeskSdkError(createError('Zendesk Error (500): Internal Server Error', 500, {}))).toEqual({
      status: 500,
    });
  });

  it('reads nothing from other errors', () => {
    const others = [
      new SyntaxError('Unexpected end of JSON input'),
      new Error('Request processing failed: fetch failed'),
      Object.assign(new Error('x'), { statusCode: 404, result: {} }),
      new Error('Zendesk Error (404): Item not found'),
      { message: 'Request processing failed: Zendesk Error (404): Item not found' },
      null,
    ];
    for (const other of others) expect(readZendeskSdkError(other)).toBeUndefined();
  });
});
