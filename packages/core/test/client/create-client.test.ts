import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { genericAdapter } from '../../src/adapter/generic-adapter';
import { createClient } from '../../src/client/create-client';
import { isApiError } from '../../src/errors/is-api-error';
import { createScriptedFetch } from '../../../testkit/src/scripted-fetch';

const BASE = 'https://api.acme.test';
const acme = defineAdapter({
  id: 'acme',
  displayName: 'Acme',
  baseUrl: BASE,
  auth: [{ type: 'header', header: 'x-acme-key' }],
  requestIdHeaders: ['x-acme-request-id'],
  idempotency: { header: 'Idempotency-Key', methods: ['POST'], generate: false },
});
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;

beforeEach(() => nock.cleanAll());
afterEach(() => {
  vi.useRealTimers();
  nock.cleanAll();
});

/** Records `METHOD path` for every request nock answers, in order. */
function attemptLog(scope: nock.Scope): string[] {
  const log: string[] = [];
  scope.on('request', (req: { method: string; path: string }) => log.push(`${req.method} ${req.path}`));
  return log;
}

describe('createClient: success', () => {
  it('returns parsed JSON and meta with request id and rate limit', async () => {
    nock(BASE)
      .get('/v1/items/42')
      .matchHeader('x-acme-key', 'key_123456')
      .reply(
        200,
        { id: 42 },
        { 'x-acme-request-id': 'req_9', 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99' },
      );
    const client = createClient(acme, { auth: { apiKey: 'key_123456' }, rateLimit: false });
    const { data, meta } = await client.requestWithMeta({ path: '/v1/items/{id}', params: { id: 42 } });
    expect(data).toEqual({ id: 42 });
    expect(meta).toMatchObject({
      status: 200,
      requestId: 'req_9',
      attempts: 1,
      rateLimit: { limit: 100, remaining: 99 },
    });
  });

  it('gives undefined for 204 and for an empty 200', async () => {
    nock(BASE).delete('/v1/items/1').reply(204).get('/v1/empty').reply(200, '', { 'content-type': 'application/json' });
    const client = createClient(acme, { rateLimit: false });
    await expect(client.delete('/v1/items/1')).resolves.toBeUndefined();
    await expect(client.get('/v1/empty')).resolves.toBeUndefined();
  });

  it('validates a success body with a Standard Schema and fails with invalid_response', async () => {
    nock(BASE).get('/v1/me').reply(200, { id: 'x' });
    const client = createClient(acme, { rateLimit: false });
    const schema = {
      '~standard': {
        validate: (v: unknown) =>
          typeof (v as { id?: unknown }).id === 'number'
            ? { value: v as { id: number } }
            : { issues: [{ message: 'Expected number', path: ['id'] }] },
      },
    };
    await expect(client.get('/v1/me', { schema })).rejects.toMatchObject({
      kind: 'invalid_response',
      code: 'schema_mismatch',
      fieldErrors: [{ path: 'id', message: 'Expected number', code: 'schema_mismatch' }],
    });
  });
});

describe('createClient: shorthands', () => {
  it("the shorthand's method and path win over members of the same name slipped into its options", async () => {
    const t = createScriptedFetch([{ status: 200, body: { ok: true } }]);
    const client = createClient(genericAdapter, { baseUrl: BASE, fetch: t.fetch, rateLimit: false });
    // A JS caller (or a spread of a full request) can pass them; the types leave them out.
    const options = { method: 'DELETE', path: '/elsewhere' } as unknown as Record<string, never>;
    await client.get('/v1/items', options);
    expect(t.log).toEqual(['START GET /v1/items']);
  });
});

describe('createClient: errors and retries', () => {
  it('retries a GET on 503 exactly maxRetries times, then throws unavailable with attempts', async () => {
    const scope = nock(BASE).get('/v1/x').times(4).reply(503, { message: 'down' });
    const log = attemptLog(scope);
    const client = createClient(acme, { rateLimit: false, retry: { ...noWait, maxRetries: 3 } });
    await expect(client.get('/v1/x')).rejects.toMatchObject({ kind: 'unavailable', status: 503, attempts: 4 });
    expect(log).toEqual(['GET /v1/x', 'GET /v1/x', 'GET /v1/x', 'GET /v1/x']);
  });

  it('never sends a POST without an idempotency key twice, and says it may have been processed', async () => {
    const scope = nock(BASE).post('/v1/charges').reply(500, { message: 'boom' });
    const log = attemptLog(scope);
    const client = createClient(acme, { rateLimit: false, retry: noWait });
    const err = await client.post('/v1/charges', { body: { amount: 1 } }).catch((e: unknown) => e);
    expect(isApiError(err)).toBe(true);
    expect(err).toMatchObject({ kind: 'server', attempts: 1, possiblyProcessed: true });
    expect((err as Error).message).toContain('may have been processed');
    expect(log).toEqual(['POST /v1/charges']);
  });

  it('retries a POST with an idempotency key, sending the same key every time', async () => {
    const keys: string[] = [];
    nock(BASE)
      .post('/v1/charges')
      .times(2)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return [502, 'bad gateway'];
      })
      .post('/v1/charges')
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return [200, { id: 'ch_1' }];
      });
    const client = createClient(acme, { rateLimit: false, retry: noWait });
    await expect(client.post('/v1/charges', { body: { amount: 1 }, idempotencyKey: 'key-1' })).resolves.toEqual({
      id: 'ch_1',
    });
    expect(keys).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('does not retry non-retryable kinds', async () => {
    const scope = nock(BASE).get('/v1/y').reply(404, { message: 'nope' });
    const log = attemptLog(scope);
    const client = createClient(acme, { rateLimit: false, retry: noWait });
    await expect(client.get('/v1/y')).rejects.toMatchObject({ kind: 'not_found', attempts: 1, detail: 'nope' });
    expect(log).toHaveLength(1);
  });

  it('waits at least Retry-After before retrying (fake timers, attempt log)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after': '2.5' }, body: { message: 'slow' } },
      { status: 200, body: { ok: 1 } },
    ]);
    const client = createClient(acme, { rateLimit: false, retry: noWait, fetch: t.fetch });
    const p = client.get('/v1/z');
    await vi.advanceTimersByTimeAsync(2_499);
    expect(t.log).toEqual(['START GET /v1/z']);
    await vi.advanceTimersByTimeAsync(1);
    await expect(p).resolves.toEqual({ ok: 1 });
    expect(t.log).toEqual(['START GET /v1/z', 'START GET /v1/z']);
  });

  it('fails fast with retryAfterMs when the server asks for a wait beyond maxRetryAfterMs', async () => {
    const scope = nock(BASE).get('/v1/slow').reply(429, {}, { 'retry-after': '3600' });
    const log = attemptLog(scope);
    const client = createClient(acme, { rateLimit: false, retry: { ...noWait, maxRetryAfterMs: 60_000 } });
    await expect(client.get('/v1/slow')).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 3_600_000,
      attempts: 1,
    });
    expect(log).toHaveLength(1);
  });

  it('rejects absolute and protocol-relative paths before any request', async () => {
    const client = createClient(acme, { rateLimit: false });
    for (const path of ['https://evil.test/x', '//evil.test/x', '/\\evil.test']) {
      await expect(client.get(path)).rejects.toMatchObject({ kind: 'validation', code: 'invalid_path' });
    }
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a body that cannot be encoded is a validation error and nothing is sent', async () => {
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const client = createClient(acme, { rateLimit: false, fetch: t.fetch });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(client.post('/v1/c', { body: circular })).rejects.toMatchObject({
      kind: 'validation',
      code: 'invalid_body',
      attempts: 0,
    });
    await expect(client.post('/v1/c', { body: { n: 10n } })).rejects.toMatchObject({
      kind: 'validation',
      code: 'invalid_body',
    });
    expect(t.log).toEqual([]);
  });

  it('emits typed events: request, response, retry, error', async () => {
    nock(BASE).get('/v1/e').reply(503).get('/v1/e').reply(500);
    const client = createClient(acme, {
      rateLimit: false,
      retry: { ...noWait, maxRetries: 1 },
      auth: { apiKey: 'key_secret_1' },
    });
    const seen: string[] = [];
    client.on('request', (e) => seen.push(`request ${e.attempt} ${e.headers['x-acme-key']}`));
    client.on('response', (e) => seen.push(`response ${e.attempt} ${e.status}`));
    client.on('retry', (e) => seen.push(`retry ${e.attempt} ${e.reason}`));
    client.on('error', (e) => seen.push(`error ${e.error.kind} ${e.stopReason}`));
    await expect(client.get('/v1/e')).rejects.toMatchObject({ kind: 'server' });
    expect(seen).toEqual([
      'request 1 [REDACTED]',
      'response 1 503',
      'retry 1 unavailable',
      'request 2 [REDACTED]',
      'response 2 500',
      'error server max_retries',
    ]);
  });

  it('keeps the retry budget: an outage drains it and retries stop', async () => {
    nock(BASE).get('/v1/o').times(100).reply(503);
    const client = createClient(acme, {
      rateLimit: false,
      retry: { ...noWait, maxRetries: 3, budget: { capacity: 10, retryCost: 5 } },
    });
    const attempts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const err = await client.get('/v1/o').catch((e: unknown) => e);
      attempts.push((err as { attempts: number }).attempts);
    }
    expect(attempts).toEqual([3, 1, 1]);
    expect(client.retryBudgetAvailable).toBe(0);
  });

  it('rate-limited retries do not drain the retry budget (the limiter paces them)', async () => {
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after-ms': '1' } },
      { status: 429, headers: { 'retry-after-ms': '1' } },
      { status: 200, body: { ok: 1 } },
    ]);
    const client = createClient(acme, { fetch: t.fetch, retry: { ...noWait, budget: { capacity: 5, retryCost: 5 } } });
    await expect(client.get('/v1/r')).resolves.toEqual({ ok: 1 });
    expect(t.log).toHaveLength(3);
    expect(client.retryBudgetAvailable).toBe(5);
    await client.close();
  });

  it('opens the circuit after N consecutive retryable failures and fails fast', async () => {
    const scope = nock(BASE).get('/v1/c').times(2).reply(503);
    const log = attemptLog(scope);
    const client = createClient(acme, {
      rateLimit: false,
      retry: { ...noWait, maxRetries: 0, circuitBreaker: { failureThreshold: 2, resetTimeoutMs: 60_000 } },
    });
    await expect(client.get('/v1/c')).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(client.get('/v1/c')).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(client.get('/v1/c')).rejects.toMatchObject({ kind: 'unavailable', code: 'circuit_open' });
    expect(log).toHaveLength(2);
    expect(client.circuitState).toBe('open');
  });

  it('counts connection failures and attempt timeouts as failures of the provider, aborts as nothing', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    let sent = 0;
    const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent++;
      if (sent === 1) throw new TypeError('fetch failed', { cause: reset });
      // Answers only when aborted: the caller's abort (call 2), the attempt timeout (call 3).
      return await new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    });
    const client = createClient(acme, {
      fetch,
      rateLimit: false,
      retry: { ...noWait, maxRetries: 0, circuitBreaker: { failureThreshold: 2, resetTimeoutMs: 60_000 } },
    });
    await expect(client.get('/v1/c')).rejects.toMatchObject({ kind: 'network' });
    const caller = new AbortController();
    const aborted = client.get('/v1/c', { signal: caller.signal });
    await vi.waitFor(() => expect(sent).toBe(2));
    caller.abort();
    await expect(aborted).rejects.toMatchObject({ kind: 'aborted' });
    expect(client.circuitState).toBe('closed');
    await expect(client.get('/v1/c', { timeoutMs: 20 })).rejects.toMatchObject({ code: 'attempt_timeout' });
    await expect(client.get('/v1/c', { timeoutMs: 20 })).rejects.toMatchObject({ code: 'circuit_open' });
    expect(sent).toBe(3);
  });
});

describe('createClient: close()', () => {
  it('may be called again: the calls it ended keep their client_closed error, and nothing else happens', async () => {
    const fetch = vi.fn(
      (_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    );
    const cap = { id: 'one', model: 'concurrency', maxInFlight: 1, source: 'https://acme.test/limits' } as const;
    const client = createClient(acme, { fetch, rateLimit: { extra: [cap] } });
    const sending = client.get('/v1/a');
    const queued = client.get('/v1/b');
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    await Promise.all([client.close(), client.close()]);
    await client.close();
    for (const call of [sending, queued]) await expect(call).rejects.toMatchObject({ code: 'client_closed' });
    await expect(client.get('/v1/c')).rejects.toMatchObject({ code: 'client_closed' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('createClient: errors thrown by user code', () => {
  it('reads a TimeoutError or AbortError none of its own signals raised as a timeout or an abort, by name', async () => {
    // A token function whose own OAuth request timed out, a custom fetch whose own signal aborted.
    const timedOut = createClient(acme, {
      rateLimit: false,
      retry: { ...noWait, maxRetries: 0 },
      auth: { apiKey: () => Promise.reject(new DOMException('token request timed out', 'TimeoutError')) },
    });
    await expect(timedOut.get('/v1/t')).rejects.toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
    const aborted = createClient(acme, {
      rateLimit: false,
      fetch: () => Promise.reject(new DOMException('gave up', 'AbortError')),
    });
    await expect(aborted.get('/v1/t')).rejects.toMatchObject({ kind: 'aborted', code: 'aborted', retryable: false });
  });
});

describe('createClient: auth and secrets', () => {
  it('reads a credential function before every attempt (token refresh)', async () => {
    const seen: string[] = [];
    nock(BASE)
      .get('/v1/t')
      .reply(function () {
        seen.push(String(this.req.headers.authorization));
        return [401, { message: 'expired' }];
      });
    let n = 0;
    const client = createClient(genericAdapter, {
      baseUrl: BASE,
      rateLimit: false,
      auth: { token: async () => `tok_${++n}_abcdef` },
    });
    const err = await client.get('/v1/t').catch((e: unknown) => e);
    expect(seen).toEqual(['Bearer tok_1_abcdef']);
    expect(JSON.stringify(err)).not.toContain('tok_1_abcdef');
  });

  it('keeps api-key query credentials out of every error surface', async () => {
    const q = defineAdapter({ id: 'q', displayName: 'Q', baseUrl: BASE, auth: [{ type: 'query', param: 'api_key' }] });
    nock(BASE).get('/v1/q').query({ api_key: 'qk_supersecret' }).reply(403, { message: 'bad key qk_supersecret' });
    const client = createClient(q, { rateLimit: false, auth: { apiKey: 'qk_supersecret' } });
    const err = await client.get('/v1/q').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'permission' });
    const e = err as Error & { toJSON(): unknown };
    for (const text of [e.message, e.stack ?? '', JSON.stringify(e), JSON.stringify(e.toJSON())]) {
      expect(text).not.toContain('qk_supersecret');
    }
  });
});

describe('createClient: aborts and deadlines', () => {
  it('an AbortSignal cancels a waiting backoff at once with kind aborted', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 503, headers: { 'retry-after': '30' } }]);
    const controller = new AbortController();
    const client = createClient(acme, { rateLimit: false, retry: noWait, fetch: t.fetch });
    const settled = client.get('/v1/a', { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await expect(settled).resolves.toMatchObject({ kind: 'aborted', code: 'aborted' });
    expect(t.log).toEqual(['START GET /v1/a']);
  });

  it('no attempt starts after the deadline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 503, headers: { 'retry-after': '5' } }]);
    const client = createClient(acme, {
      rateLimit: false,
      retry: { ...noWait, maxRetries: 4 },
      deadlineMs: 12_000,
      fetch: t.fetch,
    });
    const settled = client.get('/v1/d').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(settled).resolves.toMatchObject({ kind: 'unavailable', attempts: 3 });
    expect(t.log).toEqual(['START GET /v1/d', 'START GET /v1/d', 'START GET /v1/d']);
  });

  it('the per-attempt timeout fires on a hung request and the GET is retried', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let calls = 0;
    const hang: typeof fetch = (input, init) =>
      new Promise((resolve, reject) => {
        calls += 1;
        if (calls === 2)
          return resolve(new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }));
        const signal = new Request(input, init).signal;
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    const client = createClient(acme, { rateLimit: false, retry: noWait, timeoutMs: 1_000, fetch: hang });
    const p = client.get('/v1/h');
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(p).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  it('a timeout of a POST without a key is not retried and may have been processed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let calls = 0;
    const hang: typeof fetch = (input, init) =>
      new Promise((_resolve, reject) => {
        calls += 1;
        const signal = new Request(input, init).signal;
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    const client = createClient(acme, { rateLimit: false, retry: noWait, timeoutMs: 1_000, fetch: hang });
    const settled = client.post('/v1/p', { body: {} }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(settled).resolves.toMatchObject({
      kind: 'timeout',
      code: 'attempt_timeout',
      possiblyProcessed: true,
      attempts: 1,
    });
    expect(calls).toBe(1);
  });
});
