// Deadlines, timeouts, aborts and close() attacked as an outside auditor would: every wait a call can be in, and
// user code that never settles. Fake timers and attempt logs, never the wall clock.
import { runInNewContext } from 'node:vm';
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import { caught } from './caught';
import { pending } from './pending';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;
// setTimeout fires at once past this many ms (Node warns TimeoutOverflowWarning and uses 1 ms).
const MAX_TIMER_MS = 2 ** 31 - 1;

afterEach(() => {
  vi.useRealTimers();
});

/** A fetch that honours its signal and never answers, logging each send with the fake clock. */
function silentFetch(log: string[]): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    log.push(`SEND ${Date.now()}`);
    return new Promise<Response>((_, reject) => {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }) as typeof fetch;
}

describe('durations past setTimeout range (2^31 - 1 ms) are honoured, not fired at once or early', () => {
  it('a deadlineMs above 2^31 - 1 does not end the call early', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const log: string[] = [];
    const client = createClient(acme, { fetch: silentFetch(log), retry: false, timeoutMs: Number.POSITIVE_INFINITY });
    const call = caught(client.get('/slow', { deadlineMs: MAX_TIMER_MS + 10_000 }));
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 5_000);
    expect(await pending(call)).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await call).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded' });
  });

  it('a timeoutMs above 2^31 - 1 does not end the attempt early', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const log: string[] = [];
    const client = createClient(acme, {
      fetch: silentFetch(log),
      retry: false,
      deadlineMs: Number.POSITIVE_INFINITY,
    });
    const call = caught(client.get('/slow', { timeoutMs: MAX_TIMER_MS + 10_000 }));
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 5_000);
    expect(await pending(call)).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await call).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
  });

  it('a Retry-After past 2^31 - 1 ms is waited in full when the options allow it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const retryAfterS = Math.ceil((MAX_TIMER_MS + 10_000) / 1000);
    const t = createScriptedFetch([{ status: 503, headers: { 'retry-after': String(retryAfterS) } }, { status: 200 }]);
    const client = createClient(acme, {
      fetch: t.fetch,
      deadlineMs: Number.POSITIVE_INFINITY,
      retry: { ...noWait, maxRetryAfterMs: 4 * MAX_TIMER_MS },
    });
    const call = client.get('/slow');
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 5_000);
    expect(t.log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(retryAfterS * 1000);
    await call;
    expect(t.log).toHaveLength(2);
  });
});

describe('user code that never settles, in places the fault tests did not cover', () => {
  it('a beforeRequest hook that never resolves: the attempt timeout ends the attempt, retried, then the deadline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const seen: number[] = [];
    const sent: string[] = [];
    const client = createClient(acme, {
      hooks: {
        beforeRequest: [
          () => {
            seen.push(Date.now());
            return new Promise<never>(() => {});
          },
        ],
      },
      fetch: silentFetch(sent),
      retry: noWait,
      timeoutMs: 1_000,
      deadlineMs: 2_500,
    });
    const call = caught(client.get('/hook'));
    await vi.advanceTimersByTimeAsync(2_500);
    expect(await call).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 3 });
    expect(seen.map((at) => at - (seen[0] as number))).toEqual([0, 1_000, 2_000]);
    expect(sent).toEqual([]);
  });

  it('an afterResponse hook that never resolves: attempt_timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const client = createClient(acme, {
      fetch: t.fetch,
      hooks: { afterResponse: [() => new Promise<never>(() => {})] },
      retry: false,
      timeoutMs: 1_000,
    });
    const call = caught(client.get('/hook'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await call).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
  });

  it('a hook that never resolves: close() ends the call at once with client_closed', async () => {
    const client = createClient(acme, { hooks: { beforeRequest: [() => new Promise<never>(() => {})] } });
    const call = caught(client.get('/hook'));
    await new Promise((resolve) => setImmediate(resolve));
    await client.close();
    expect(await call).toMatchObject({ kind: 'aborted', code: 'client_closed' });
  });

  it('a token function that never settles on a retry (not the first attempt): the deadline ends the call', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 503 }, { status: 200 }]);
    let reads = 0;
    const client = createClient(acme, {
      fetch: t.fetch,
      auth: { token: () => (++reads === 1 ? 'first' : new Promise<string>(() => {})) },
      retry: noWait,
      deadlineMs: 5_000,
    });
    const call = caught(client.get('/token'));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(await pending(call)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 1 });
    expect(t.log).toHaveLength(1);
  });

  it('a token function that never settles on a retry: the caller signal and close() end it at once', async () => {
    const stuckOnRetry = () => {
      const t = createScriptedFetch([{ status: 503 }]);
      let reads = 0;
      const token = () => (++reads === 1 ? 'first' : new Promise<string>(() => {}));
      return { t, client: createClient(acme, { fetch: t.fetch, auth: { token }, retry: noWait }) };
    };
    const a = stuckOnRetry();
    const b = stuckOnRetry();
    const controller = new AbortController();
    const aborted = caught(a.client.get('/token', { signal: controller.signal }));
    const closed = caught(b.client.get('/token'));
    await new Promise((resolve) => setImmediate(resolve));
    expect([a.t.log.length, b.t.log.length]).toEqual([1, 1]);
    controller.abort();
    expect(await aborted).toMatchObject({ kind: 'aborted', code: 'aborted', attempts: 1 });
    await b.client.close();
    expect(await closed).toMatchObject({ kind: 'aborted', code: 'client_closed', attempts: 1 });
  });

  it('a listener or logger that throws changes nothing: the call succeeds, a process warning names it', async () => {
    const t = createScriptedFetch([{ status: 503 }, { status: 200, body: { ok: 1 } }]);
    const boom = (): never => {
      throw new Error('listener broke');
    };
    const client = createClient(acme, {
      fetch: t.fetch,
      retry: noWait,
      logger: { debug: boom, info: boom, warn: boom, error: boom },
    });
    for (const event of ['request', 'response', 'retry'] as const) client.on(event, boom);
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    await expect(client.get('/x')).resolves.toEqual({ ok: 1 });
    expect(warn.mock.calls.length).toBeGreaterThanOrEqual(5);
    warn.mockRestore();
  });
});

describe('close()', () => {
  it('a call started after close() fails at once with client_closed and sends nothing', async () => {
    const t = createScriptedFetch([{ status: 200 }]);
    const client = createClient(acme, { fetch: t.fetch });
    await client.close();
    expect(await caught(client.get('/late'))).toMatchObject({ kind: 'aborted', code: 'client_closed', attempts: 0 });
    const viaFetch = await client.fetch('https://api.acme.test/late').catch((error: unknown) => error);
    expect(viaFetch).toMatchObject({ name: 'AbortError', cause: { code: 'client_closed' } });
    expect(t.log).toEqual([]);
  });

  it('ends a call waiting in its backoff at once, and leaves no timer behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 503, headers: { 'retry-after': '30' } }]);
    const client = createClient(acme, { fetch: t.fetch });
    const call = caught(client.get('/backoff'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(vi.getTimerCount()).toBe(1);
    await client.close();
    expect(await call).toMatchObject({ kind: 'aborted', code: 'client_closed', attempts: 1 });
    expect(vi.getTimerCount()).toBe(0);
    expect(t.log).toHaveLength(1);
  });

  it('ends calls queued in the limiter (any priority, behind a concurrency cap) at once', async () => {
    const client = createClient(acme, {
      fetch: silentFetch([]),
      rateLimit: { extra: [{ id: 'one', model: 'concurrency', maxInFlight: 1, source: 'test' }] },
    });
    const calls = [1, 9, 5].map((priority) => caught(client.get('/q', { priority })));
    await new Promise((resolve) => setImmediate(resolve));
    expect(client.pending).toBe(3);
    await client.close();
    for (const call of calls) expect(await call).toMatchObject({ kind: 'aborted', code: 'client_closed' });
    expect(client.pending).toBe(0);
  });
});

describe('caller signals', () => {
  it('an already-aborted signal fails at once with aborted and sends nothing', async () => {
    const t = createScriptedFetch([{ status: 200 }]);
    const client = createClient(acme, { fetch: t.fetch });
    const error = await caught(client.get('/x', { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'aborted', code: 'aborted', attempts: 0 });
    expect(t.log).toEqual([]);
  });

  it('keeps a custom Error reason as a scrubbed cause (name and message); a reason that is no Error is left out', async () => {
    const client = createClient(acme, { fetch: silentFetch([]), retry: false });
    const withError = caught(client.get('/x', { signal: AbortSignal.abort(new RangeError('user left the page')) }));
    expect((await withError).cause).toMatchObject({ name: 'RangeError', message: 'user left the page' });
    const controller = new AbortController();
    const withString = caught(client.get('/x', { signal: controller.signal }));
    controller.abort('navigated away');
    const error = await withString;
    expect(error).toMatchObject({ kind: 'aborted', code: 'aborted' });
    expect(error.cause).toBeUndefined();
  });

  it("a caller's AbortSignal.timeout() is the caller's abort: aborted / aborted, not a Rosetta timeout", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const controller = new AbortController();
    // AbortSignal.timeout() is not faked; its shape is: a TimeoutError DOMException as reason.
    const signal = controller.signal;
    const client = createClient(acme, { fetch: silentFetch([]), retry: false });
    const call = caught(client.get('/x', { signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new DOMException('signal timed out', 'TimeoutError'));
    const error = await call;
    expect(error).toMatchObject({ kind: 'aborted', code: 'aborted', retryable: false });
    expect(error.cause).toMatchObject({ name: 'TimeoutError' });
  });
});

describe('Retry-After and the deadline', () => {
  it('a Retry-After that would end past the deadline is not waited: the call ends at once, with retryAfterMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 503, headers: { 'retry-after': '10' } }, { status: 200 }]);
    const client = createClient(acme, { fetch: t.fetch, deadlineMs: 5_000 });
    const stops: (string | undefined)[] = [];
    client.on('error', (e) => stops.push(e.stopReason));
    const call = caught(client.get('/x'));
    await vi.advanceTimersByTimeAsync(0);
    expect(await pending(call)).toBe(false);
    expect(await call).toMatchObject({ kind: 'unavailable', status: 503, retryAfterMs: 10_000, attempts: 1 });
    expect(stops).toEqual(['deadline']);
    expect(t.log).toHaveLength(1);
  });
  it.each([
    ['fractional seconds', '1.5', 1_500],
    ['an HTTP-date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT', 0],
    ['a negative number (ignored)', '-5', 0],
    ['an epoch in seconds where a delay was due (ignored)', String(Math.floor(Date.UTC(2030, 0) / 1000)), 0],
    ['garbage (ignored)', 'soon', 0],
  ])('Retry-After as %s: the retry waits %i ms', async (_label, value, waited) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const sent: number[] = [];
    const t = createScriptedFetch([{ status: 503, headers: { 'retry-after': value } }, { status: 200 }]);
    const fetchLogged = ((input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(Date.now());
      return t.fetch(input, init);
    }) as typeof fetch;
    const client = createClient(acme, { fetch: fetchLogged, retry: noWait, deadlineMs: 10_000 });
    const call = client.get('/x');
    await vi.advanceTimersByTimeAsync(5_000);
    await call;
    expect(sent.map((at) => at - (sent[0] as number))).toEqual([0, waited]);
  });

  it('a Retry-After that ends exactly at the deadline is not waited either (no attempt could follow it)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 503, headers: { 'retry-after': '5' } }, { status: 200 }]);
    const client = createClient(acme, { fetch: t.fetch, retry: noWait, deadlineMs: 5_000 });
    const error = await caught(client.get('/x'));
    expect(error).toMatchObject({ status: 503, retryAfterMs: 5_000, attempts: 1 });
    expect(t.log).toHaveLength(1);
  });
});

describe('an unknown responseType', () => {
  it.each(['blob', 'arrayBuffer', 'formData'])(
    '%s is refused before sending (validation / invalid_option)',
    async (type) => {
      const t = createScriptedFetch([{ status: 200, body: { a: 1 } }]);
      const client = createClient(acme, { fetch: t.fetch });
      const error = await caught(client.get('/x', { responseType: type as 'json' }));
      expect(error).toMatchObject({ kind: 'validation', code: 'invalid_option' });
      expect(error.message).toContain(type);
      expect(t.log).toEqual([]);
    },
  );
});

describe('a limiter wait known to end past the deadline is not started', () => {
  const windowed = defineAdapter({
    id: 'windowed',
    displayName: 'Windowed',
    baseUrl: 'https://api.windowed.test',
    limits: [{ id: 'minute', model: 'fixed-window', limit: 1, windowMs: 60_000, source: 'test' }],
  });

  it('fails at once with timeout / deadline_exceeded, retryAfterMs the wait, nothing sent', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const client = createClient(windowed, { fetch: t.fetch });
    await client.get('/first');
    const call = caught(client.get('/second', { deadlineMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(await pending(call)).toBe(false);
    const error = await call;
    expect(error).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 0, retryable: false });
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.message).toContain("past the call's deadline");
    expect(t.log).toHaveLength(1);
    expect(client.pending).toBe(0);
  });

  it('a wait that ends within the deadline is waited', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const client = createClient(windowed, { fetch: t.fetch });
    await client.get('/first');
    const call = client.get('/second', { deadlineMs: 90_000 });
    await vi.advanceTimersByTimeAsync(60_100);
    await expect(call).resolves.toEqual({});
    expect(t.log).toHaveLength(2);
  });

  it('a wait of unknown length (a concurrency cap) still waits, and the deadline ends it in the queue (fault 7)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const client = createClient(acme, {
      fetch: silentFetch([]),
      rateLimit: { extra: [{ id: 'one', model: 'concurrency', maxInFlight: 1, source: 'test' }] },
    });
    const first = caught(client.get('/first', { deadlineMs: 10_000 }));
    const second = caught(client.get('/second', { deadlineMs: 1_000 }));
    await vi.advanceTimersByTimeAsync(999);
    expect(await pending(second)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(await second).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 0 });
    await client.close();
    await first;
  });
});

/** Runs one successful call; returns the process warnings it caused and any unhandled rejection. */
async function warningsOf(
  client: ReturnType<typeof createClient>,
): Promise<{ warnings: string[]; unhandled: unknown[] }> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  try {
    await expect(client.get('/x')).resolves.toEqual({ ok: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    return { warnings: warn.mock.calls.map((c) => String(c[0])), unhandled };
  } finally {
    warn.mockRestore();
    process.off('unhandledRejection', onUnhandled);
  }
}

describe('an async listener or logger that rejects', () => {
  it('is reported like a throwing one (a process warning), never an unhandled rejection', async () => {
    const t = createScriptedFetch([{ status: 200, body: { ok: 1 } }]);
    const reject = async (): Promise<never> => {
      throw new Error('async listener broke');
    };
    const client = createClient(acme, {
      fetch: t.fetch,
      logger: { debug: reject, info: reject, warn: reject, error: reject },
    });
    client.on('response', reject);
    // request and response through the logger, and the response listener.
    expect(await warningsOf(client)).toEqual({
      warnings: [
        'a "request" listener threw (Error); the call goes on',
        'a "response" listener threw (Error); the call goes on',
        'a "response" listener threw (Error); the call goes on',
      ],
      unhandled: [],
    });
  });
});

describe('a listener whose failure is itself hostile (stop 29)', () => {
  it('a rejecting promise from another realm is reported, not left unhandled', async () => {
    const client = createClient(acme, { fetch: createScriptedFetch([{ status: 200, body: { ok: 1 } }]).fetch });
    // A vm context's Promise is not this realm's: `instanceof Promise` misses it.
    client.on('response', () => runInNewContext('Promise.reject(new Error("other realm"))'));
    expect(await warningsOf(client)).toEqual({
      warnings: ['a "response" listener threw (Error); the call goes on'],
      unhandled: [],
    });
  });

  it('an error whose name getter throws does not escape into the call', async () => {
    const client = createClient(acme, { fetch: createScriptedFetch([{ status: 200, body: { ok: 1 } }]).fetch });
    client.on('request', () => {
      const error = new Error('x');
      Object.defineProperty(error, 'name', {
        get() {
          throw new Error('name getter');
        },
      });
      throw error;
    });
    expect(await warningsOf(client)).toEqual({
      warnings: ['a "request" listener threw (object); the call goes on'],
      unhandled: [],
    });
  });
});

describe('timeoutMs and deadlineMs together, per client and per call', () => {
  const run = async (client: ReturnType<typeof createClient>, options: { timeoutMs?: number; deadlineMs?: number }) => {
    const call = caught(client.get('/slow', options));
    await vi.advanceTimersByTimeAsync(10_000);
    return call;
  };

  it('a deadlineMs smaller than timeoutMs wins: deadline_exceeded at the deadline, one attempt', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const log: string[] = [];
    const client = createClient(acme, { fetch: silentFetch(log), retry: noWait, timeoutMs: 5_000 });
    const start = Date.now();
    const error = await run(client, { deadlineMs: 1_000 });
    expect(error).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 1 });
    expect(log.map((line) => Number(line.split(' ')[1]) - start)).toEqual([0]);
  });

  it("a call's options override the client's both ways", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const log: string[] = [];
    const client = createClient(acme, { fetch: silentFetch(log), retry: false, timeoutMs: 500, deadlineMs: 800 });
    expect(await run(client, {})).toMatchObject({ code: 'attempt_timeout' });
    expect(await run(client, { timeoutMs: 2_000 })).toMatchObject({ code: 'deadline_exceeded' });
    expect(await run(client, { timeoutMs: 2_000, deadlineMs: 3_000 })).toMatchObject({ code: 'attempt_timeout' });
  });

  it('deadlineMs 0 fails at once, nothing sent; Infinity for both leaves only the signal and close()', async () => {
    const log: string[] = [];
    const client = createClient(acme, { fetch: silentFetch(log), retry: false });
    expect(await caught(client.get('/x', { deadlineMs: 0 }))).toMatchObject({
      code: 'deadline_exceeded',
      attempts: 0,
    });
    expect(log).toEqual([]);
    const forever = caught(
      client.get('/x', { deadlineMs: Number.POSITIVE_INFINITY, timeoutMs: Number.POSITIVE_INFINITY }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toHaveLength(1);
    await client.close();
    expect(await forever).toMatchObject({ code: 'client_closed', attempts: 1 });
  });

  it('an async schema that never settles is bounded by timeoutMs (attempt_timeout)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 200, body: { a: 1 } }]);
    const client = createClient(acme, { fetch: t.fetch, retry: false, timeoutMs: 1_000 });
    const schema = {
      '~standard': { version: 1 as const, vendor: 'test', validate: () => new Promise<never>(() => {}) },
    };
    const call = caught(client.get('/x', { schema }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await call).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
  });
});
