// docs/reliability.md 13: one AbortSignal cancels a waiting backoff, a queued limiter job and an in-flight
// request at once, each with kind `aborted`; the deadline stops an in-flight attempt too.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import { rejectsWithin, settleWithin } from './settle-within';

const BOUND_MS = 5_000;
const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;

afterEach(() => {
  vi.useRealTimers();
});

/**
 * A provider that answers `/v1/limited` with a 503 asking for a 30 s wait, `/v1/limited-no-wait` with a
 * bare 503, and never answers anything else; it logs starts and the abort of every request it holds.
 */
function provider() {
  const log: string[] = [];
  let notify: () => void = () => {};
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    log.push(`START ${path}`);
    notify();
    if (path === '/v1/limited') return new Response(null, { status: 503, headers: { 'retry-after': '30' } });
    if (path === '/v1/limited-no-wait') return new Response(null, { status: 503 });
    return new Promise<Response>((_resolve, reject) => {
      request.signal.addEventListener('abort', () => {
        log.push(`ABORTED ${path}`);
        reject(request.signal.reason);
      });
    });
  }) as typeof globalThis.fetch;
  /** Resolves once `n` requests have started. */
  const started = (n: number) =>
    new Promise<void>((resolve) => {
      notify = () => {
        if (log.filter((l) => l.startsWith('START')).length >= n) resolve();
      };
      notify();
    });
  return { fetch, log, started };
}

describe('one signal cancels every stage of a call at once (FAULTS 13)', () => {
  it('backoff, limiter queue and in-flight request, all aborted by the same signal', async () => {
    const p = provider();
    const client = createClient(acme, {
      rateLimit: { extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 1, source: 'test' }] },
      retry: noWait,
      fetch: p.fetch,
    });
    const controller = new AbortController();
    const signal = controller.signal;

    // 1. Got a 503 asking for 30 s: waits in backoff, holding no slot.
    const backoff = client.get('/v1/limited', { signal });
    await settleWithin(p.started(1), BOUND_MS);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // 2. Takes the only slot and hangs in flight.
    const inFlight = client.get('/v1/hang', { signal });
    await settleWithin(p.started(2), BOUND_MS);
    // 3. Waits in the limiter behind it.
    const queued = client.get('/v1/queued', { signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.pending).toBe(2);

    controller.abort();
    const errors = await Promise.all([backoff, inFlight, queued].map((call) => rejectsWithin(call, 200)));
    for (const err of errors) expect(err).toMatchObject({ kind: 'aborted', code: 'aborted', retryable: false });
    expect(p.log).toEqual(['START /v1/limited', 'START /v1/hang', 'ABORTED /v1/hang']);
    expect(client.pending).toBe(0);
    await client.close();
  });

  it('a signal that already fired rejects before any request', async () => {
    const p = provider();
    const client = createClient(acme, {
      rateLimit: { extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 1, source: 'test' }] },
      retry: noWait,
      fetch: p.fetch,
    });
    const err = await rejectsWithin(client.get('/v1/hang', { signal: AbortSignal.abort() }), BOUND_MS);
    expect(err).toMatchObject({ kind: 'aborted' });
    expect(p.log).toEqual([]);
  });

  it('client.close() settles waiting and in-flight calls with client_closed', async () => {
    const p = provider();
    const client = createClient(acme, {
      rateLimit: { extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 1, source: 'test' }] },
      retry: noWait,
      fetch: p.fetch,
    });
    const inFlight = client.get('/v1/hang');
    await settleWithin(p.started(1), BOUND_MS);
    const queued = client.get('/v1/queued');
    await client.close();
    const errors = await Promise.all([inFlight, queued].map((call) => rejectsWithin(call, BOUND_MS)));
    for (const err of errors) expect(err).toMatchObject({ kind: 'aborted', code: 'client_closed' });
    await expect(rejectsWithin(client.get('/v1/after'), BOUND_MS)).resolves.toMatchObject({ code: 'client_closed' });
    expect(p.log).toEqual(['START /v1/hang', 'ABORTED /v1/hang']);
  });
});

describe('the deadline covers the attempt in flight (FAULTS 13)', () => {
  it('a hung request is cut at the deadline with deadline_exceeded, not at the 30 s attempt timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const p = provider();
    const client = createClient(acme, {
      rateLimit: false,
      retry: noWait,
      deadlineMs: 1_000,
      timeoutMs: 30_000,
      fetch: p.fetch,
    });
    // Awaited only after the clock moves, so the rejection needs its handler now.
    const settled = rejectsWithin(client.get('/v1/hang'), BOUND_MS);
    await vi.advanceTimersByTimeAsync(999);
    expect(p.log).toEqual(['START /v1/hang']);
    await vi.advanceTimersByTimeAsync(1);
    const err = await settled;
    expect(err).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', retryable: false, attempts: 1 });
    expect(p.log).toEqual(['START /v1/hang', 'ABORTED /v1/hang']);
  });

  it('a backoff that would end after the deadline is not started at all', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const p = provider();
    const client = createClient(acme, { rateLimit: false, retry: noWait, deadlineMs: 10_000, fetch: p.fetch });
    const stops: unknown[] = [];
    client.on('error', (e) => stops.push(e.stopReason));
    // The 503 asks for 30 s, the deadline is 10 s away: fail now rather than sleep past it.
    const err = await rejectsWithin(client.get('/v1/limited'), BOUND_MS);
    expect(err).toMatchObject({ kind: 'unavailable', attempts: 1 });
    expect(stops).toEqual(['deadline']);
  });
});

describe('a deadline the clock passed before its timer fired (found by bench/soak.ts)', () => {
  it('is deadline_exceeded, not an unknown internal error', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const p = provider();
    const client = createClient(acme, { rateLimit: false, retry: noWait, deadlineMs: 1_000, fetch: p.fetch });
    // A busy event loop: the clock moves past the deadline while its timer has not run yet.
    client.on('retry', () => vi.setSystemTime(Date.now() + 5_000));
    const err = await rejectsWithin(client.get('/v1/limited-no-wait'), BOUND_MS).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', retryable: false });
    expect(p.log).toEqual(['START /v1/limited-no-wait']);
  });
});
