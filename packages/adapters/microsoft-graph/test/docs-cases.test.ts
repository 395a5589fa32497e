// Microsoft Graph's own pages, case by case: the status table and the example body of the errors page, the throttling
// page's sample answer; then the official SDK's RetryHandler decision next to Rosetta's on the same answers.
import { createClient, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { microsoftGraph } from '../src/index';

const ERRORS = 'https://learn.microsoft.com/graph/errors';
const JSON_TYPE = { 'content-type': 'application/json' };
const body = (code: string) => ({ error: { code, message: `message of ${code}` } });

function normalize(status: number, answer: unknown, headers: Record<string, string> = {}) {
  return normalizeResponse(microsoftGraph, {
    status,
    headers: { ...JSON_TYPE, ...headers },
    body: answer,
    method: 'GET',
    url: 'https://graph.microsoft.com/v1.0/me/drive/root/children',
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe(`the errors page's status table (${ERRORS}), with an unknown code so the status decides`, () => {
  // [status, what the page says, kind, retryable]
  const table: [number, string, string, boolean][] = [
    [400, 'Bad Request: malformed or incorrect', 'validation', false],
    [401, 'Unauthorized: authentication information missing or not valid', 'authentication', false],
    [402, 'Payment Required: the payment requirements for the API have not been met', 'payment_required', false],
    [403, 'Forbidden: access is denied to the requested resource', 'permission', false],
    [404, 'Not Found', 'not_found', false],
    [405, 'Method Not Allowed', 'unsupported', false],
    [406, 'Not Acceptable', 'validation', false],
    [409, 'Conflict: a conflict with the current state', 'conflict', false],
    [411, 'Length Required', 'validation', false],
    [412, 'Precondition Failed', 'conflict', false],
    [413, 'Request Entity Too Large', 'validation', false],
    [415, 'Unsupported Media Type', 'validation', false],
    [416, 'Requested Range Not Satisfiable', 'validation', false],
    [422, 'Unprocessable Entity', 'validation', false],
    [423, 'Locked: the resource that is being accessed is locked', 'conflict', true],
    [429, 'Too Many Requests: throttled, wait before repeating', 'rate_limited', true],
    [500, 'Internal Server Error', 'server', true],
    [501, 'Not Implemented: the requested feature isn’t implemented', 'unsupported', false],
    [503, 'Service Unavailable: repeat after a delay, maybe given in Retry-After', 'unavailable', true],
    [504, 'Gateway Timeout: the upstream server did not answer in time', 'unavailable', true],
    [507, 'Insufficient Storage: the maximum storage quota has been reached', 'payment_required', false],
    [509, 'Bandwidth Limit Exceeded: "can retry the request again after more time has elapsed"', 'rate_limited', true],
  ];

  it.each(table)('%i %s', (status, _said, kind, retryable) => {
    expect(normalize(status, body('someUnknownCode'))).toMatchObject({ status, kind, retryable });
  });

  it('reads the page’s full example body: the innermost code it knows, the message, and innerError.requestId', () => {
    // The example spells the id `requestId`; live answers spell it `request-id` (see the throttling sample below).
    const example = {
      error: {
        code: 'invalidRange',
        message: 'Uploaded fragment overlaps with existing data.',
        innerError: { requestId: 'request-id', date: 'date-time' },
      },
    };
    expect(normalize(416, example)).toMatchObject({
      kind: 'validation',
      code: 'invalidRange',
      retryable: false,
      detail: 'Uploaded fragment overlaps with existing data.',
      requestId: 'request-id',
    });
    // The `request-id` header still wins over the body, as for the dashed spelling.
    expect(normalize(416, example, { 'request-id': 'FAKE-header-id' })?.requestId).toBe('FAKE-header-id');
  });
});

describe('the throttling page (https://learn.microsoft.com/graph/throttling)', () => {
  // "Sample response": the decimal Retry-After and the body, as the page prints them.
  const sample = {
    error: {
      code: 'TooManyRequests',
      innerError: {
        code: '429',
        date: '2020-08-18T12:51:51',
        message: 'Please retry after',
        'request-id': '94fb3b52-452a-4535-a601-69e0a90e3aa2',
        status: '429',
      },
      message: 'Please retry again later.',
    },
  };

  it('reads the sample 429: rate_limited, Retry-After 2.128 s as 2,128 ms, the body’s request id', () => {
    expect(normalize(429, sample, { 'retry-after': '2.128' })).toMatchObject({
      kind: 'rate_limited',
      code: 'TooManyRequests',
      retryable: true,
      retryAfterMs: 2128,
      requestId: '94fb3b52-452a-4535-a601-69e0a90e3aa2',
    });
  });

  it('"Wait the number of seconds specified in the Retry-After header. Retry the request": a GET waits 2,128 ms', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 27) });
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after': '2.128' }, body: sample },
      { status: 200, body: { value: [] } },
    ]);
    const client = createClient(microsoftGraph, {
      auth: { token: 'FAKE-token' },
      fetch: t.fetch,
      retry: { random: () => 0 },
    });
    const call = client.get('/me/drive/root/children');
    await vi.advanceTimersByTimeAsync(2_127);
    expect(t.log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual({ value: [] });
    expect(t.log).toEqual(['START GET /v1.0/me/drive/root/children', 'START GET /v1.0/me/drive/root/children']);
  });
});

// msgraph-sdk-javascript src/middleware/RetryHandler.ts
// (microsoftgraph/msgraph-sdk-javascript@bfb564afcd4cad6d79a2294c91427d076213d092): RETRY_STATUS_CODES 429, 503, 504;
// `isBuffered` refuses a PUT, PATCH or POST whose Content-Type is application/octet-stream (a stream) and allows every
// other request, whatever the method; `getDelay` takes Retry-After (seconds or an HTTP date), else 3 s plus backoff.
const SDK_STATUSES = [429, 503, 504];
const sdkRetries = (method: string, status: number, contentType?: string): boolean =>
  SDK_STATUSES.includes(status) &&
  !(['PUT', 'PATCH', 'POST'].includes(method) && contentType === 'application/octet-stream');

describe('retry decisions: the SDK’s RetryHandler next to Rosetta, on the errors page’s statuses', () => {
  // [what, method, status, code, SDK resends, Rosetta resends, why they differ]
  const rows: [string, 'GET' | 'POST', number, string, boolean, boolean, string][] = [
    ['429, GET', 'GET', 429, 'TooManyRequests', true, true, ''],
    ['503, GET', 'GET', 503, 'serviceNotAvailable', true, true, ''],
    ['504, GET', 'GET', 504, 'UnknownError', true, true, ''],
    [
      '429, POST',
      'POST',
      429,
      'TooManyRequests',
      true,
      false,
      'Graph does not promise a throttled write was not applied; DESIGN.md never sends a POST twice without a key',
    ],
    ['503, POST', 'POST', 503, 'serviceNotAvailable', true, false, 'as above'],
    ['500, GET', 'GET', 500, 'generalException', false, true, 'an idempotent GET after a 500 is safe to repeat'],
    [
      '509, GET',
      'GET',
      509,
      'bandwidthLimitExceeded',
      false,
      true,
      'the errors page: "can retry the request again after more time has elapsed"',
    ],
    ['501, GET', 'GET', 501, 'notSupported', false, false, ''],
  ];

  it.each(rows)('%s', async (_what, method, status, code, sdk, rosetta) => {
    expect(sdkRetries(method, status)).toBe(sdk);
    const t = createScriptedFetch([
      { status, body: body(code) },
      { status: 200, body: { id: 'FAKE' } },
    ]);
    const client = createClient(microsoftGraph, {
      auth: { token: 'FAKE-token' },
      fetch: t.fetch,
      rateLimit: false,
      retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0, random: () => 0 },
    });
    const outcome = await client
      .request({ method, path: '/me/events', ...(method === 'GET' ? {} : { body: {} }) })
      .then(
        () => 'resent',
        (e: { attempts: number }) => `failed after ${e.attempts}`,
      );
    expect(outcome).toBe(rosetta ? 'resent' : 'failed after 1');
  });

  it('never resends a stream (the SDK’s isBuffered): Rosetta refuses a stream body before sending; a Blob is resent', async () => {
    expect(sdkRetries('PUT', 503, 'application/octet-stream')).toBe(false);
    const t = createScriptedFetch([
      { status: 503, body: body('serviceNotAvailable') },
      { status: 201, body: { id: 'FAKE' } },
    ]);
    const client = createClient(microsoftGraph, {
      auth: { token: 'FAKE-token' },
      fetch: t.fetch,
      rateLimit: false,
      retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0 },
    });
    const path = '/me/drive/root:/FAKE.txt:/content';
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('bytes'));
        c.close();
      },
    });
    await expect(client.put(path, { body: stream as never })).rejects.toMatchObject({
      kind: 'validation',
      attempts: 0,
    });
    expect(t.log).toEqual([]);
    // Buffered bytes can be sent again: a PUT upload after a 503 is resent whole.
    await expect(client.put(path, { body: new Blob(['bytes']) as never })).resolves.toEqual({ id: 'FAKE' });
    expect(t.requests.map((r) => r.body)).toEqual(['bytes', 'bytes']);
  });

  it('waits until an HTTP-date Retry-After, as the SDK’s getDelay does', async () => {
    const now = Date.UTC(2026, 10, 27, 8, 0, 0);
    vi.useFakeTimers({ now });
    const t = createScriptedFetch([
      {
        status: 503,
        headers: { 'retry-after': new Date(now + 20_000).toUTCString(), date: new Date(now).toUTCString() },
        body: body('serviceNotAvailable'),
      },
      { status: 200, body: { id: 'FAKE' } },
    ]);
    const client = createClient(microsoftGraph, {
      auth: { token: 'FAKE-token' },
      fetch: t.fetch,
      retry: { random: () => 0 },
    });
    const call = client.get('/me');
    await vi.advanceTimersByTimeAsync(19_999);
    expect(t.log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual({ id: 'FAKE' });
  });
});
