// The client and its limiter together (docs/reliability.md 25-27 at the client level; the limiter's own tests are in test/limit).
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
/** Two buckets scoped by path prefix: `/a...` and `/b...` count against different limits. */
const twoBuckets = defineAdapter({
  id: 'twobuckets',
  displayName: 'Two buckets',
  baseUrl: 'https://api.acme.test',
  limits: [
    {
      id: 'a',
      model: 'sliding-window',
      limit: 100,
      windowMs: 60_000,
      source: 'test',
      scope: (r) => (r.path.startsWith('/a') ? 'a' : null),
    },
    {
      id: 'b',
      model: 'sliding-window',
      limit: 100,
      windowMs: 60_000,
      source: 'test',
      scope: (r) => (r.path.startsWith('/b') ? 'b' : null),
    },
  ],
});
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;
afterEach(() => vi.useRealTimers());

describe('client + limiter', () => {
  it('a 429 pauses its bucket: another call on that bucket waits for Retry-After too', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 200, body: { ok: 1 } },
    ]);
    const client = createClient(twoBuckets, { fetch: t.fetch, retry: noWait });
    const first = client.get('/a1');
    await vi.advanceTimersByTimeAsync(50);
    expect(t.log).toEqual(['START GET /a1']);
    const second = client.get('/a2');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.log).toEqual(['START GET /a1']);
    await vi.advanceTimersByTimeAsync(1_100);
    await expect(Promise.all([first, second])).resolves.toEqual([{ ok: 1 }, { ok: 1 }]);
    expect([...t.log].sort()).toEqual(['START GET /a1', 'START GET /a1', 'START GET /a2']);
    await client.close();
  });

  it('buckets see the API path, not a proxy prefix of the base URL', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after': '30' } },
      { status: 200, body: { ok: 1 } },
    ]);
    const client = createClient(twoBuckets, { fetch: t.fetch, retry: false, baseUrl: 'https://proxy.test/upstream' });
    const first = client.get('/a1').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    await expect(first).resolves.toMatchObject({ kind: 'rate_limited' });
    const same = client.get('/a2');
    await vi.advanceTimersByTimeAsync(10);
    expect(t.log).toEqual(['START GET /upstream/a1']);
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(same).resolves.toEqual({ ok: 1 });
    expect(t.log).toEqual(['START GET /upstream/a1', 'START GET /upstream/a2']);
    await client.close();
  });

  it('a 429 on one bucket does not hold calls on another', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after': '30' } },
      { status: 200, body: { ok: 1 } },
    ]);
    const client = createClient(twoBuckets, { fetch: t.fetch, retry: false });
    const first = client.get('/a1').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    await expect(first).resolves.toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 });
    const other = client.get('/b1');
    await vi.advanceTimersByTimeAsync(10);
    await expect(other).resolves.toEqual({ ok: 1 });
    const same = client.get('/a2');
    await vi.advanceTimersByTimeAsync(10);
    expect(t.log).toEqual(['START GET /a1', 'START GET /b1']);
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(same).resolves.toEqual({ ok: 1 });
    await client.close();
  });

  it('a pause longer than the hold bound fails other calls at once as rate_limited with retryAfterMs', async () => {
    const t = createScriptedFetch([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const client = createClient(twoBuckets, { fetch: t.fetch, retry: noWait });
    await expect(client.get('/a1')).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_600_000 });
    const err = await client.get('/a2').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate_limited', code: 'rate_limit_hold' });
    expect((err as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(3_500_000);
    expect(t.log).toEqual(['START GET /a1']);
    await client.close();
  });

  it('close() rejects queued calls with aborted/client_closed', async () => {
    let release: (() => void) | undefined;
    const slow: typeof fetch = () =>
      new Promise((resolve) => {
        release = () => resolve(new Response('{}', { headers: { 'content-type': 'application/json' } }));
      });
    const client = createClient(acme, {
      fetch: slow,
      rateLimit: { extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 1, source: 'test' }] },
      retry: false,
    });
    const running = client.get('/1').catch((e: unknown) => e);
    const queued = client.get('/2').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    await client.close();
    release?.();
    await expect(queued).resolves.toMatchObject({ kind: 'aborted', code: 'client_closed' });
    await expect(running).resolves.toBeDefined();
    await expect(client.get('/3')).rejects.toMatchObject({ kind: 'aborted', code: 'client_closed' });
  });

  it('a full queue rejects new calls at once', async () => {
    const never: typeof fetch = (input, init) =>
      new Promise((_resolve, reject) => {
        const signal = new Request(input, init).signal;
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    const client = createClient(acme, {
      fetch: never,
      rateLimit: { extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 1, source: 'test' }], maxQueued: 1 },
      retry: false,
      timeoutMs: 60_000,
    });
    void client.get('/1').catch(() => {});
    void client.get('/2').catch(() => {});
    await new Promise((r) => setTimeout(r, 20));
    await expect(client.get('/3')).rejects.toMatchObject({ kind: 'rate_limited', code: 'queue_full' });
    await client.close();
  });
});
