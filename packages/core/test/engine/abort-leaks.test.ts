// Leaks an abort can leave behind: limiter slots, listeners and scopes that outlive the call they belonged to.
// Found attacking deadlines and aborts (stop 25); attempt logs and listener counts, never the wall clock.
import { getEventListeners } from 'node:events';
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { Limiter, Permit } from '../../src/limit/types';
import { caught } from './caught';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A fetch that honours its signal and never answers; `sent` counts the sends. */
function silentFetch(sent: { count: number }): typeof fetch {
  return ((_input: RequestInfo | URL, init?: RequestInit) => {
    sent.count++;
    return new Promise<Response>((_, reject) => {
      const signal = init?.signal as AbortSignal;
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }) as typeof fetch;
}

describe('a permit granted as its attempt is aborted goes back to the limiter', () => {
  it('one caller signal aborting a queue: the call granted by the first leaving does not keep its slot', async () => {
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const client = createClient(acme, {
      fetch: t.fetch,
      retry: false,
      rateLimit: {
        extra: [
          { id: 'one-at-a-time', model: 'concurrency', maxInFlight: 1, source: 'test' },
          // /big costs the whole burst: after /warm it waits 10 s for a token, and /small queues behind it.
          {
            id: 'points',
            model: 'cost-bucket',
            ratePerSec: 0.1,
            burst: 10,
            source: 'test',
            cost: (request) => (request.path === '/big' ? 10 : 1),
          },
        ],
      },
    });
    await client.get('/warm');
    const controller = new AbortController();
    const big = caught(client.get('/big', { signal: controller.signal }));
    const small = caught(client.get('/small', { signal: controller.signal }));
    await turn();
    expect(client.pending).toBe(2);
    // /big leaves first and hands the slot to /small, whose own listener then aborts it in the same dispatch.
    controller.abort();
    expect(await big).toMatchObject({ kind: 'aborted', attempts: 0 });
    expect(await small).toMatchObject({ kind: 'aborted', attempts: 0 });
    await turn();
    expect(client.pending).toBe(0);
    await client.get('/after');
    expect(t.log).toEqual(['START GET /warm', 'START GET /after']);
    await client.close();
  });

  it('a limiter engine deaf to the signal: the permit it grants after the abort is released', async () => {
    const releases: unknown[] = [];
    let grant: (permit: Permit) => void = () => {};
    const engine = (): Limiter => ({
      acquire: () =>
        new Promise<Permit>((resolve) => {
          grant = resolve;
        }),
      pending: 0,
      keys: 0,
      close: async () => {},
    });
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const client = createClient(acme, { fetch: t.fetch, rateLimit: { engine } });
    const controller = new AbortController();
    const call = caught(client.get('/x', { signal: controller.signal }));
    await turn();
    controller.abort();
    expect(await call).toMatchObject({ kind: 'aborted', attempts: 0 });
    grant({ release: (response) => releases.push(response) === 0 });
    await turn();
    expect(releases).toEqual([undefined]);
    expect(t.log).toEqual([]);
  });
});

describe('one caller signal shared by many calls (a request-scoped or shutdown signal)', () => {
  it('10,000 calls in flight on it: one listener, no MaxListeners warning; one abort ends them all, none left', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const sent = { count: 0 };
    const client = createClient(acme, { fetch: silentFetch(sent), retry: false });
    const controller = new AbortController();
    const calls = Array.from({ length: 10_000 }, () => caught(client.get('/x', { signal: controller.signal })));
    await turn();
    expect(sent.count).toBe(10_000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    const errors = await Promise.all(calls);
    expect(errors.every((error) => error.kind === 'aborted' && error.code === 'aborted')).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(warn.mock.calls.map(([warning]) => String(warning))).toEqual([]);
    warn.mockRestore();
  });

  it('signal: null from a JavaScript caller (fetch accepts it) is no signal, not a TypeError', async () => {
    const t = createScriptedFetch([{ status: 200, body: { ok: 1 } }]);
    const client = createClient(acme, { fetch: t.fetch });
    const options = { signal: null } as unknown as { signal: AbortSignal };
    await expect(client.get('/x', options)).resolves.toEqual({ ok: 1 });
  });

  it('calls that end on their own take the shared listener off with the last of them', async () => {
    const t = createScriptedFetch([{ status: 503 }, { status: 200, body: {} }]);
    const client = createClient(acme, { fetch: t.fetch, retry: { baseDelayMs: 0, maxDelayMs: 0 } });
    const { signal } = new AbortController();
    await Promise.all(Array.from({ length: 20 }, () => client.get('/x', { signal })));
    expect(t.log).toHaveLength(21);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});

describe('a stream call that fails after its body was handed over', () => {
  it('a schema refusing the stream: the body is cancelled and the scope goes, even with no timeout to end it', async () => {
    let cancelled = 0;
    const streaming = (async () =>
      new Response(new ReadableStream({ pull() {}, cancel: () => void cancelled++ }), {
        status: 200,
        headers: { 'content-type': 'application/octet-stream' },
      })) as typeof fetch;
    const client = createClient(acme, {
      fetch: streaming,
      timeoutMs: Number.POSITIVE_INFINITY,
      deadlineMs: Number.POSITIVE_INFINITY,
    });
    const schema = {
      '~standard': { version: 1, vendor: 'test', validate: () => ({ issues: [{ message: 'not a stream I want' }] }) },
    } as const;
    const { signal } = new AbortController();
    const error = await caught(client.request({ path: '/download', responseType: 'stream', schema, signal }));
    expect(error).toMatchObject({ kind: 'invalid_response', code: 'schema_mismatch', attempts: 1 });
    await turn();
    expect(cancelled).toBe(1);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
