// Deadlines attacked by a hostile-tester pass after deadline-attacks.test.ts: waits that must still end on time,
// with the right kind and code. Fake timers and attempt logs, never the wall clock.
import { runInNewContext } from 'node:vm';
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import { caught } from './caught';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;

afterEach(() => {
  vi.useRealTimers();
});

/** The time a call took to settle, on the fake clock. */
function timed<T>(promise: Promise<T>): { readonly done: Promise<T>; readonly ms: () => number } {
  const start = Date.now();
  let ms = -1;
  return {
    done: promise.finally(() => {
      ms = Date.now() - start;
    }),
    ms: () => ms,
  };
}

/** A fetch answering 200 at once with a body that trickles one byte per second, forever; `sent` logs each byte. */
function trickleFetch(sent: number[]): typeof fetch {
  return (async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const tick = (): void => {
          sent.push(Date.now());
          controller.enqueue(new Uint8Array([0x20]));
          timer = setTimeout(tick, 1_000);
        };
        tick();
      },
      cancel() {
        clearTimeout(timer);
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('a body that keeps arriving, one byte a second, never ends', () => {
  it('the deadline ends it at the deadline (deadline_exceeded), not when the trickle stops; no timer left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const sent: number[] = [];
    const client = createClient(acme, { fetch: trickleFetch(sent), retry: false, timeoutMs: Number.POSITIVE_INFINITY });
    const call = timed(caught(client.get('/x', { deadlineMs: 5_500 })));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await call.done).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 1 });
    expect(call.ms()).toBe(5_500);
    // The body was cancelled at the deadline: no byte after it.
    expect(sent.length).toBe(6);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('user code answering with a Promise of another realm (a vm context), which is no `instanceof Promise`', () => {
  /** A schema whose validate answers through another realm's Promise: `settle` says whether it ever settles. */
  const otherRealmSchema = (settle: boolean) => ({
    '~standard': {
      version: 1 as const,
      vendor: 'test',
      validate: (value: unknown) =>
        runInNewContext(settle ? 'Promise.resolve({ value: { checked: value } })' : 'new Promise(() => {})', {
          value,
        }) as Promise<{ value: unknown }>,
    },
  });

  it('a validate that never settles is still bounded by timeoutMs (attempt_timeout)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const client = createClient(acme, {
      fetch: createScriptedFetch([{ status: 200, body: { a: 1 } }]).fetch,
      retry: false,
      timeoutMs: 1_000,
    });
    const call = timed(caught(client.get('/x', { schema: otherRealmSchema(false) })));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await call.done).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
    expect(call.ms()).toBe(1_000);
  });

  it('one that settles is awaited as any promise', async () => {
    const client = createClient(acme, { fetch: createScriptedFetch([{ status: 200, body: { a: 1 } }]).fetch });
    expect(await client.get('/x', { schema: otherRealmSchema(true) })).toEqual({ checked: { a: 1 } });
  });
});

describe('a Retry-After that ends 1 ms before the deadline', () => {
  it('the retry is sent, and the deadline still cuts it on time: deadline_exceeded, 2 attempts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const sent: number[] = [];
    const first = createScriptedFetch([{ status: 503, headers: { 'retry-after': '4.999' } }]);
    const fetchOnceThenHang = ((input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(Date.now());
      if (sent.length === 1) return first.fetch(input, init);
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    }) as typeof fetch;
    const client = createClient(acme, { fetch: fetchOnceThenHang, retry: noWait, deadlineMs: 5_000 });
    const call = timed(caught(client.get('/x')));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await call.done).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 2 });
    expect(call.ms()).toBe(5_000);
    expect(sent.map((at) => at - (sent[0] as number))).toEqual([0, 4_999]);
  });
});

describe('a negative timeoutMs is refused like 0', () => {
  it('by createClient (RangeError) and per call (validation / invalid_option), nothing sent', async () => {
    const t = createScriptedFetch([{ status: 200 }]);
    expect(() => createClient(acme, { timeoutMs: -1 })).toThrow(RangeError);
    const client = createClient(acme, { fetch: t.fetch });
    expect(await caught(client.get('/x', { timeoutMs: -1 }))).toMatchObject({
      kind: 'validation',
      code: 'invalid_option',
      attempts: 0,
    });
    expect(t.log).toEqual([]);
  });
});

describe('an abort reason or a thrown error with a hostile shape still ends as an ApiError', () => {
  /** An Error whose message getter throws; and one whose message is no string (a library's object, a number). */
  class Booby extends Error {
    override get message(): string {
      throw new Error('getter');
    }
  }
  const odd = (): Error => Object.assign(new Error('x'), { message: 42 });

  it.each([
    ['a throwing message getter', () => new Booby()],
    ['a message that is no string', odd],
  ])('as the caller signal reason: aborted / aborted (%s)', async (_label, reason) => {
    const client = createClient(acme, { fetch: createScriptedFetch([{ status: 200 }]).fetch });
    expect(await caught(client.get('/x', { signal: AbortSignal.abort(reason()) }))).toMatchObject({
      kind: 'aborted',
      code: 'aborted',
    });
  });

  it.each([
    ['a throwing message getter', () => new Booby(), 'unexpected failure'],
    ['a message that is no string', odd, 'Error: 42'],
  ])('thrown by a custom fetch: unknown / internal_error (%s)', async (_label, thrown, detail) => {
    const client = createClient(acme, {
      retry: false,
      fetch: (async () => {
        throw thrown();
      }) as typeof fetch,
    });
    expect(await caught(client.get('/x'))).toMatchObject({ kind: 'unknown', code: 'internal_error', detail });
  });
});
