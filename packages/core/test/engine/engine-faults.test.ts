// Issue "Core engine v2": each fault found by trying the engine as an attacker and as a new user would, with a
// test that fails without its fix.
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { ApiError } from '../../src/errors/api-error';
import type { RetryOptions } from '../../src/retry/retry-options';
import { answerLater } from './answer-later';
import { caught } from './caught';

const SECRET = 'ZqSecretZq0123456789ZqAbCdEf';
const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const keyed = defineAdapter({
  id: 'keyed',
  displayName: 'Keyed',
  baseUrl: 'https://api.keyed.test',
  auth: [{ type: 'query', param: 'api_key' }],
});
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;

afterEach(() => {
  vi.useRealTimers();
});

/** Every way an error is shown, as one string to search. */
function surfaces(error: ApiError): string {
  const cause = error.cause as (Error & { code?: string }) | undefined;
  return [
    error.message,
    error.stack,
    JSON.stringify(error),
    error.request?.url,
    cause?.name,
    cause?.message,
    cause?.code,
    error.requestId,
  ].join('\n');
}

// Timers and the clock only: the limiter's own microtask scheduling must run as in production.
const clockOnly: Parameters<typeof vi.useFakeTimers>[0] = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
};

/** A fetch that logs `<ms> <path>` and answers from the script. */
function timedFetch(script: Parameters<typeof createScriptedFetch>[0]) {
  const t = createScriptedFetch(script);
  const log: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    log.push(`${Date.now()} ${new URL(new Request(input, init).url).pathname}`);
    return t.fetch(input, init);
  }) as typeof globalThis.fetch;
  return { fetch, log };
}

/** A client of acme behind a window bucket (100 a minute) over {@link timedFetch}. */
function windowedClient(
  script: Parameters<typeof createScriptedFetch>[0],
  options: { retry?: RetryOptions | false } = {},
) {
  const { fetch, log } = timedFetch(script);
  const window = { id: 'window', model: 'fixed-window', limit: 100, windowMs: 60_000, source: 'test' } as const;
  return { client: createClient(acme, { ...options, fetch, rateLimit: { extra: [window] } }), log };
}

/** A fetch that never settles and ignores its signal, logging what it was asked. */
function deafFetch(log: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    log.push(`START ${String(input instanceof Request ? input.url : input)}`);
    return new Promise<Response>(() => {});
  }) as typeof fetch;
}

describe('fault 1: a credential in the path on the first call is redacted', () => {
  it('with a string credential: message, request.url and the request event', async () => {
    const t = createScriptedFetch([{ status: 404, body: { message: 'no such user' } }]);
    const client = createClient(acme, { auth: { token: SECRET }, fetch: t.fetch, retry: false });
    const seen: string[] = [];
    client.on('request', (e) => seen.push(e.url));
    const error = await caught(client.get('/users/{id}', { params: { id: SECRET } }));
    expect(error.kind).toBe('not_found');
    expect(surfaces(error)).not.toContain(SECRET);
    expect(seen).toHaveLength(1);
    expect(seen.join()).not.toContain(SECRET);
    expect(t.requests[0]?.url).toContain(SECRET); // sent for real, only never shown
  });

  it('even when the call fails before any credential is read (a body that cannot be encoded)', async () => {
    const t = createScriptedFetch([{ status: 200 }]);
    const client = createClient(acme, { auth: { token: SECRET }, fetch: t.fetch });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const error = await caught(client.post('/users/{id}', { params: { id: SECRET }, body: circular }));
    expect(error).toMatchObject({ kind: 'validation', code: 'invalid_body' });
    expect(surfaces(error)).not.toContain(SECRET);
    expect(t.log).toEqual([]);
  });

  it("redacts the credentials, not the scheme's name (a path or message saying 'basic' stays readable)", async () => {
    const basic = defineAdapter({ ...acme, id: 'basic', auth: [{ type: 'bearer' }, { type: 'basic' }] });
    const t = createScriptedFetch([{ status: 404, body: { message: 'basic auth user not found' } }]);
    const client = createClient(basic, {
      auth: { scheme: 'basic', username: 'acct_ZqUser01', password: SECRET },
      fetch: t.fetch,
      retry: false,
    });
    const error = await caught(client.get('/basic/acct_ZqUser01'));
    expect(error.request?.url).toBe('https://api.acme.test/basic/[REDACTED]');
    expect(error.message).toContain('basic auth user not found');
    expect(surfaces(error)).not.toContain(SECRET);
  });

  it('with a token function read on the first attempt', async () => {
    const t = createScriptedFetch([{ status: 404 }]);
    const client = createClient(acme, { auth: { token: async () => SECRET }, fetch: t.fetch, retry: false });
    const seen: string[] = [];
    client.on('request', (e) => seen.push(e.url));
    const error = await caught(client.get('/users/{id}', { params: { id: SECRET } }));
    expect(surfaces(error)).not.toContain(SECRET);
    expect(seen.join()).not.toContain(SECRET);
  });
});

describe('fault 3: err.cause keeps nothing secret', () => {
  it('scrubs the thrown error name and code, not only its message', async () => {
    const fetch = (async () => {
      const e = new Error('boom') as Error & { code: string };
      e.name = `Err${SECRET}`;
      e.code = `E_${SECRET}`;
      throw e;
    }) as typeof globalThis.fetch;
    const client = createClient(keyed, { auth: { apiKey: SECRET }, fetch, retry: false });
    const error = await caught(client.get('/x'));
    const cause = error.cause as Error & { code?: string };
    expect(cause.name).not.toContain(SECRET);
    expect(cause.code).not.toContain(SECRET);
    expect(surfaces(error)).not.toContain(SECRET);
  });
});

describe('fault 4: a credential passed in a secret-looking header is a credential', () => {
  it('is not echoed back as a request id', async () => {
    const t = createScriptedFetch([{ status: 500, headers: { 'x-request-id': SECRET } }]);
    const client = createClient(acme, { fetch: t.fetch, retry: false, headers: { 'X-API-Key': SECRET } });
    const error = await caught(client.get('/x'));
    expect(t.requests[0]?.headers['x-api-key']).toBe(SECRET);
    expect(surfaces(error)).not.toContain(SECRET);
  });

  it('per call too, and never quoted in a header-validation message', async () => {
    const t = createScriptedFetch([{ status: 200 }]);
    const client = createClient(acme, { fetch: t.fetch, retry: false });
    const bad = `${SECRET}\u0000`;
    const error = await caught(client.get('/x', { headers: { 'X-Auth-Token': bad } }));
    expect(surfaces(error)).not.toContain(SECRET);
  });

  it('is not sent to a trusted origin a redirect leads to', async () => {
    const seen: Array<{ url: string; key: string | null }> = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, key: request.headers.get('x-api-key') });
      return request.url.startsWith('https://api.files.test')
        ? new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
        : new Response(null, { status: 302, headers: { location: 'https://api.files.test/blob' } });
    }) as typeof globalThis.fetch;
    const files = defineAdapter({ ...acme, id: 'files', trustedRedirectOrigins: ['https://api.files.test'] });
    const client = createClient(files, { fetch, retry: false, headers: { 'X-API-Key': SECRET } });
    await client.get('/download');
    expect(seen).toEqual([
      { url: 'https://api.acme.test/download', key: SECRET },
      { url: 'https://api.files.test/blob', key: null },
    ]);
  });
});

describe('fault 5: bad deadlines are reported clearly', () => {
  it.each([-1, Number.NaN])('createClient refuses deadlineMs %s with a message naming it', (deadlineMs) => {
    expect(() => createClient(acme, { deadlineMs })).toThrow(/deadlineMs must be a number >= 0/);
  });

  it.each([-1, Number.NaN])('a call with deadlineMs %s fails as validation, nothing sent', async (deadlineMs) => {
    const t = createScriptedFetch([{ status: 200 }]);
    const client = createClient(acme, { fetch: t.fetch });
    const error = await caught(client.get('/x', { deadlineMs }));
    expect(error).toMatchObject({ kind: 'validation', code: 'invalid_option', attempts: 0 });
    expect(t.log).toEqual([]);
  });

  // Date.now() + MAX_VALUE is finite and past any timer's range; MIN_VALUE rounds to a deadline already passed.
  it.each([Number.MAX_VALUE, Number.POSITIVE_INFINITY, 2 ** 31])(
    'deadlineMs %s lets a slow call answer',
    async (ms) => {
      vi.useFakeTimers();
      const fetch = ((_url: string, init?: RequestInit) =>
        answerLater(60_000, init?.signal ?? undefined, () => Response.json({ ok: 1 }))) as typeof globalThis.fetch;
      const client = createClient(acme, { fetch, deadlineMs: ms, timeoutMs: Number.POSITIVE_INFINITY, retry: false });
      const call = client.get('/x');
      await vi.advanceTimersByTimeAsync(60_000);
      await expect(call).resolves.toEqual({ ok: 1 });
    },
  );

  it.each([0, Number.MIN_VALUE])('deadlineMs %s ends the call as deadline_exceeded, nothing sent', async (ms) => {
    const t = createScriptedFetch([{ status: 200 }]);
    const client = createClient(acme, { fetch: t.fetch });
    const error = await caught(client.get('/x', { deadlineMs: ms }));
    expect(error).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 0 });
    expect(t.log).toEqual([]);
  });
});

describe('timeoutMs 0 is refused, not an attempt that can never answer', () => {
  it('by createClient, with a message naming Infinity as "no timeout"', () => {
    expect(() => createClient(acme, { timeoutMs: 0 })).toThrow(/timeoutMs must be a number > 0 \(Infinity for none\)/);
    expect(() => createClient(acme, { timeoutMs: Number.POSITIVE_INFINITY })).not.toThrow();
  });

  it('per call: validation / invalid_option, nothing sent', async () => {
    const t = createScriptedFetch([{ status: 200 }]);
    const client = createClient(acme, { fetch: t.fetch });
    const error = await caught(client.get('/x', { timeoutMs: 0 }));
    expect(error).toMatchObject({ kind: 'validation', code: 'invalid_option', attempts: 0 });
    expect(t.log).toEqual([]);
  });
});

describe('retry options out of range are refused, not replaced by defaults', () => {
  it.each([
    [{ maxRetries: -1 }, /retry\.maxRetries must be a number >= 0 and finite, got -1/],
    [{ maxRetries: Number.POSITIVE_INFINITY }, /retry\.maxRetries must be a number >= 0 and finite/],
    [{ maxRetryAfterMs: Number.NaN }, /retry\.maxRetryAfterMs must be a number >= 0, got NaN/],
    [{ budget: { capacity: -5 } }, /retry\.budget\.capacity must be/],
    [{ circuitBreaker: { resetTimeoutMs: -1 } }, /retry\.circuitBreaker\.resetTimeoutMs must be/],
  ])('createClient refuses %o', (retry, message) => {
    expect(() => createClient(acme, { retry })).toThrow(message);
  });

  it('a duration may be Infinity (honour any Retry-After)', () => {
    expect(() => createClient(acme, { retry: { maxRetryAfterMs: Number.POSITIVE_INFINITY } })).not.toThrow();
  });

  it('per call: validation / invalid_option, nothing sent', async () => {
    const t = createScriptedFetch([{ status: 200 }]);
    const client = createClient(acme, { fetch: t.fetch });
    const error = await caught(client.get('/x', { retry: { maxRetries: -1 } }));
    expect(error).toMatchObject({ kind: 'validation', code: 'invalid_option', attempts: 0 });
    expect(error.message).toContain('retry.maxRetries must be a number >= 0');
    expect(t.log).toEqual([]);
  });
});

describe('fault 6: user code that never settles cannot hold a call', () => {
  const hang = new Promise<never>(() => {});

  it('a token function: the deadline ends the call', async () => {
    vi.useFakeTimers();
    const client = createClient(acme, { auth: { token: () => hang }, deadlineMs: 1_000, retry: false });
    const settled = caught(client.get('/x'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await settled).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded' });
  });

  it("a custom fetch's body of declared length that never ends: the attempt timeout ends the call", async () => {
    vi.useFakeTimers();
    // A body stream that ignores every signal: only racing its read can end the attempt.
    const stalled = (async () =>
      new Response(new ReadableStream({ pull: () => hang }), {
        headers: { 'content-type': 'application/json', 'content-length': '10' },
      })) as unknown as typeof fetch;
    const client = createClient(acme, { fetch: stalled, timeoutMs: 1_000, retry: false });
    const settled = caught(client.get('/x'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await settled).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
  });

  it('an async schema: the caller signal ends the call', async () => {
    const t = createScriptedFetch([{ status: 200, body: { id: 1 } }]);
    const client = createClient(acme, { fetch: t.fetch });
    const controller = new AbortController();
    const schema = { '~standard': { validate: () => hang } };
    const settled = caught(client.get('/x', { schema, signal: controller.signal }));
    await vi.waitFor(() => expect(t.log).toHaveLength(1));
    controller.abort();
    expect(await settled).toMatchObject({ kind: 'aborted', code: 'aborted' });
  });

  it('a custom fetch that ignores its signal: close() ends the call', async () => {
    const log: string[] = [];
    const client = createClient(acme, { fetch: deafFetch(log) });
    const settled = caught(client.get('/x'));
    await vi.waitFor(() => expect(log).toHaveLength(1));
    await client.close();
    expect(await settled).toMatchObject({ kind: 'aborted', code: 'client_closed' });
  });

  it('a custom fetch that ignores its signal: the attempt timeout ends the attempt', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const client = createClient(acme, { fetch: deafFetch(log), timeoutMs: 100, retry: { maxRetries: 1, ...noWait } });
    const settled = caught(client.get('/x'));
    await vi.advanceTimersByTimeAsync(250);
    expect(await settled).toMatchObject({ kind: 'timeout', code: 'attempt_timeout', attempts: 2 });
    expect(log).toHaveLength(2);
  });
});

describe('fault 7: a deadline that passes in the limiter queue is a timeout', () => {
  it('reports timeout / deadline_exceeded, not aborted', async () => {
    vi.useFakeTimers(clockOnly);
    const client = createClient(acme, {
      fetch: deafFetch(),
      timeoutMs: 10_000,
      deadlineMs: 500,
      retry: false,
      rateLimit: { extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 1, source: 'test' }] },
    });
    // The first call holds the only slot past the second's deadline: the second must end in the queue, at 500 ms.
    const first = caught(client.get('/first', { deadlineMs: 5_000 }));
    const second = caught(client.get('/second'));
    let secondDone = false;
    void second.then(() => {
      secondDone = true;
    });
    await vi.advanceTimersByTimeAsync(500);
    expect(secondDone).toBe(true);
    expect(await second).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded' });
    await vi.advanceTimersByTimeAsync(4_500);
    expect(await first).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded' });
  });
});

describe('fault 9: a half-open circuit never sticks', () => {
  const breaker = { failureThreshold: 1, resetTimeoutMs: 1_000 };

  it('a probe answered 404 closes the circuit (the provider is up)', async () => {
    vi.useFakeTimers();
    const t = createScriptedFetch([{ status: 503 }, { status: 404 }, { status: 200, body: {} }]);
    const client = createClient(acme, { fetch: t.fetch, retry: { maxRetries: 0, circuitBreaker: breaker } });
    await caught(client.get('/a'));
    expect(client.circuitState).toBe('open');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await caught(client.get('/b'))).toMatchObject({ kind: 'not_found' });
    expect(client.circuitState).toBe('closed');
    await expect(client.get('/c')).resolves.toEqual({});
  });

  it('a probe that is aborted frees the probe slot; a failed probe re-opens', async () => {
    vi.useFakeTimers();
    const t = createScriptedFetch([{ status: 503 }, { status: 503 }, { status: 200, body: {} }]);
    // The probe hangs until its signal aborts it; everything else answers from the script.
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (!request.url.endsWith('/probe')) return t.fetch(input, init);
      return new Promise<Response>((_resolve, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    }) as typeof globalThis.fetch;
    const client = createClient(acme, { fetch, retry: { maxRetries: 0, circuitBreaker: breaker } });
    await caught(client.get('/a'));
    await vi.advanceTimersByTimeAsync(1_000);
    const controller = new AbortController();
    const probe = caught(client.get('/probe', { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    expect(client.circuitState).toBe('half-open');
    controller.abort();
    expect(await probe).toMatchObject({ kind: 'aborted' });
    expect(client.circuitState).toBe('half-open');
    expect(await caught(client.get('/probe2'))).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(client.circuitState).toBe('open');
    expect(await caught(client.get('/refused'))).toMatchObject({ code: 'circuit_open' });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(client.get('/ok')).resolves.toEqual({});
    expect(t.log).toEqual(['START GET /a', 'START GET /probe2', 'START GET /ok']);
  });
});

describe("fault 11: errors carry the caller's frames", () => {
  it('through the limiter and the retries', async () => {
    const t = createScriptedFetch([{ status: 404 }]);
    const client = createClient(acme, {
      fetch: t.fetch,
      rateLimit: { extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 1, source: 'test' }] },
    });
    async function loadTheInvoiceForTheCaller(): Promise<unknown> {
      return await client.get('/invoices/1');
    }
    const error = await caught(loadTheInvoiceForTheCaller());
    expect(error.stack).toContain('loadTheInvoiceForTheCaller');
  });
});

describe('fault 12: guarantees whose logic a test must pin', () => {
  it('a quota_exceeded is never retried, even when the server says it should be', async () => {
    const hinted = defineAdapter({
      ...acme,
      id: 'hinted',
      retryHintHeaders: ['x-should-retry'],
      classify: (ctx) => (ctx.status === 429 ? { kind: 'quota_exceeded' } : undefined),
    });
    const t = createScriptedFetch([{ status: 429, headers: { 'x-should-retry': 'true' } }, { status: 200 }]);
    const client = createClient(hinted, { fetch: t.fetch, retry: noWait });
    expect(await caught(client.get('/x'))).toMatchObject({ kind: 'quota_exceeded', attempts: 1 });
    expect(t.log).toEqual(['START GET /x']);
  });

  it('a success after retries refunds what the retries spent', async () => {
    const t = createScriptedFetch([{ status: 503 }, { status: 200, body: {} }]);
    const client = createClient(acme, {
      fetch: t.fetch,
      retry: { ...noWait, budget: { capacity: 10, retryCost: 5, successRefund: 1 } },
    });
    await client.get('/x');
    expect(t.log).toHaveLength(2);
    expect(client.retryBudgetAvailable).toBe(10);
  });

  it('a first-attempt success refunds successRefund', async () => {
    const t = createScriptedFetch([{ status: 503 }, { status: 503 }, { status: 200, body: {} }]);
    const client = createClient(acme, {
      fetch: t.fetch,
      retry: { ...noWait, maxRetries: 0, budget: { capacity: 10, retryCost: 5, successRefund: 1 } },
    });
    const retrying = createClient(acme, {
      fetch: createScriptedFetch([{ status: 503 }, { status: 503 }, { status: 200, body: {} }]).fetch,
      retry: { ...noWait, maxRetries: 1, budget: { capacity: 10, retryCost: 5, successRefund: 2 } },
    });
    await caught(retrying.get('/x'));
    expect(retrying.retryBudgetAvailable).toBe(5);
    await retrying.get('/y');
    expect(retrying.retryBudgetAvailable).toBe(7);
    await caught(client.get('/x'));
    expect(client.retryBudgetAvailable).toBe(10);
  });

  it('a 429 without Retry-After still holds the next call', async () => {
    vi.useFakeTimers(clockOnly);
    vi.setSystemTime(0);
    const { client, log } = windowedClient([{ status: 429 }, { status: 200, body: {} }], { retry: false });
    const first = caught(client.get('/a'));
    await vi.advanceTimersByTimeAsync(10);
    expect(await first).toMatchObject({ kind: 'rate_limited' });
    const next = client.get('/b');
    await vi.advanceTimersByTimeAsync(2_000);
    await next;
    expect(log[0]).toBe('0 /a');
    expect(Number(log[1]?.split(' ')[0])).toBeGreaterThanOrEqual(1_000);
  });

  // The bucket holds a hint-less 429 only for a default pause (1 s), so the retry's backoff must still space the
  // resends: without it every resend went out a second after the last and the retries were spent in seconds.
  it('a 429 without Retry-After is resent after the backoff, the limiter on; with Retry-After, after it once', async () => {
    vi.useFakeTimers(clockOnly);
    for (const [headers, expected] of [
      [{}, [0, 8_000, 24_000]],
      // Jira Data Center's `Retry-After: 0` (pycontribs/jira#1805): no hint, not "resend now".
      [{ 'retry-after': '0' }, [0, 8_000, 24_000]],
      [{ 'retry-after': '3' }, [0, 3_000, 6_000]],
    ] as const) {
      vi.setSystemTime(0);
      const { client, log } = windowedClient(
        [
          { status: 429, headers },
          { status: 429, headers },
          { status: 200, body: {} },
        ],
        { retry: { baseDelayMs: 8_000, maxDelayMs: 16_000, random: () => 1 } },
      );
      const call = client.get('/a');
      await vi.advanceTimersByTimeAsync(60_000);
      await call;
      expect(log).toEqual(expected.map((ms) => `${ms} /a`));
    }
  });

  it('rate-limit headers reach the limiter: remaining 0 holds calls until the reset', async () => {
    vi.useFakeTimers(clockOnly);
    vi.setSystemTime(0);
    const { client, log } = windowedClient([
      {
        status: 200,
        body: {},
        headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '5' },
      },
      { status: 200, body: {} },
    ]);
    const first = client.get('/a');
    await vi.advanceTimersByTimeAsync(10);
    await first;
    const next = client.get('/b');
    await vi.advanceTimersByTimeAsync(10_000);
    await next;
    expect(log[0]).toBe('0 /a');
    expect(Number(log[1]?.split(' ')[0])).toBeGreaterThanOrEqual(5_000);
  });
});

describe('retries never slip past a limit meant to stop them', () => {
  it('a retry meets an open circuit: the call ends there, nothing more is sent', async () => {
    vi.useFakeTimers(clockOnly);
    vi.setSystemTime(0);
    const { fetch, log } = timedFetch([{ status: 503 }, { status: 200, body: {} }]);
    const client = createClient(acme, {
      fetch,
      retry: {
        maxRetries: 3,
        baseDelayMs: 100,
        maxDelayMs: 100,
        random: () => 1,
        circuitBreaker: { failureThreshold: 1, resetTimeoutMs: 10_000 },
      },
    });
    const settled = caught(client.get('/x'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await settled).toMatchObject({ kind: 'unavailable', code: 'circuit_open', attempts: 1 });
    expect(log).toEqual(['0 /x']);
  });

  it("a throttle no bucket owns is waited out by the retry itself (the provider's Retry-After)", async () => {
    vi.useFakeTimers(clockOnly);
    vi.setSystemTime(0);
    const scoped = defineAdapter({
      ...acme,
      id: 'scoped',
      limits: [
        {
          id: 'a',
          model: 'sliding-window',
          limit: 100,
          windowMs: 60_000,
          source: 'test',
          scope: (r) => (r.path.startsWith('/a') ? 'a' : null),
        },
      ],
    });
    const { fetch, log } = timedFetch([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 200, body: {} },
    ]);
    const client = createClient(scoped, { fetch, retry: noWait });
    const settled = client.get('/b');
    await vi.advanceTimersByTimeAsync(3_000);
    await settled;
    expect(log).toEqual(['0 /b', '2000 /b']);
  });

  it('a hold longer than maxHoldMs is waited out before the retry, not retried at once until maxRetries', async () => {
    vi.useFakeTimers(clockOnly);
    vi.setSystemTime(0);
    const held = defineAdapter({
      ...acme,
      id: 'held',
      limits: [{ id: 'w', model: 'sliding-window', limit: 100, windowMs: 60_000, source: 'test' }],
    });
    const { fetch, log } = timedFetch([
      { status: 429, headers: { 'retry-after': '10' } },
      { status: 200, body: {} },
    ]);
    const client = createClient(held, { fetch, retry: { ...noWait, maxRetries: 3 }, rateLimit: { maxHoldMs: 5_000 } });
    const settled = client.get('/x');
    await vi.advanceTimersByTimeAsync(12_000);
    await expect(settled).resolves.toEqual({});
    expect(log).toEqual(['0 /x', '10000 /x']);
  });
});

describe('a missing credential is an error, never an unauthenticated request', () => {
  it.each([
    ['an unset environment variable', { apiKey: process.env.ROSETTA_SURELY_UNSET_VARIABLE }],
    ['an empty string', { token: '' }],
    ['a token function that returns nothing', { token: async () => '' }],
  ])('%s: authentication / missing_credential, nothing sent', async (_name, auth) => {
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const client = createClient(acme, { auth, fetch: t.fetch, retry: noWait });
    expect(await caught(client.get('/x'))).toMatchObject({ kind: 'authentication', code: 'missing_credential' });
    expect(t.log).toEqual([]);
  });

  it('without auth a client sends unauthenticated requests (public endpoints)', async () => {
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    await createClient(acme, { fetch: t.fetch }).get('/x');
    expect(t.requests[0]?.headers.authorization).toBeUndefined();
  });
});
