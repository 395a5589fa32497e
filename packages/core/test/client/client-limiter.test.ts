// The client and its limiter together (FAULTS.md 25-27 at the client level; the limiter's own tests are in test/limit).
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;
afterEach(() => vi.useRealTimers());

describe('client + limiter', () => {
  it('a 429 pauses the whole client: another call waits for Retry-After too', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 200, body: { ok: 1 } },
    ]);
    const client = createClient(acme, { fetch: t.fetch, retry: noWait });
    const first = client.get('/a');
    await vi.advanceTimersByTimeAsync(50);
    expect(t.log).toEqual(['START GET /a']);
    const second = client.get('/b');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.log).toEqual(['START GET /a']);
    await vi.advanceTimersByTimeAsync(1_100);
    await expect(Promise.all([first, second])).resolves.toEqual([{ ok: 1 }, { ok: 1 }]);
    expect([...t.log].sort()).toEqual(['START GET /a', 'START GET /a', 'START GET /b']);
    await client.close();
  });

  it('a pause longer than the hold bound fails other calls at once as rate_limited with retryAfterMs', async () => {
    const t = createScriptedFetch([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const client = createClient(acme, { fetch: t.fetch, retry: noWait });
    await expect(client.get('/a')).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_600_000 });
    const err = await client.get('/b').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate_limited', code: 'rate_limit_hold' });
    expect((err as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(3_500_000);
    expect(t.log).toEqual(['START GET /a']);
    await client.close();
  });

  it('close() rejects queued calls with aborted/client_closed', async () => {
    let release: (() => void) | undefined;
    const slow: typeof fetch = () =>
      new Promise((resolve) => {
        release = () => resolve(new Response('{}', { headers: { 'content-type': 'application/json' } }));
      });
    const client = createClient(acme, { fetch: slow, rateLimit: { maxConcurrent: 1 }, retry: false });
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
      rateLimit: { maxConcurrent: 1, maxQueued: 1 },
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
