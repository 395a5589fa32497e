// Deadlines, aborts and resources attacked a second time (stop 26): each test pins a fault found here. Fake timers,
// request logs and listener counts, never the wall clock.
import { getEventListeners } from 'node:events';
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import { slowPages } from '../client/slow-pages';

const gh = defineAdapter({ id: 'gh', displayName: 'GH', baseUrl: 'https://api.gh.test', pagination: { type: 'link' } });

afterEach(() => {
  vi.useRealTimers();
});

describe("a manual iterator's return() while a page is in flight", () => {
  for (const [name, walk] of [
    ['pages()', (client: ReturnType<typeof createClient>) => client.paginate.pages<number>('/items')],
    ['items', (client: ReturnType<typeof createClient>) => client.paginate<number>('/items')],
  ] as const) {
    it(`${name}: aborts the page at once; the pending next() ends done, no rejection, no timer left`, async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const log: string[] = [];
      const client = createClient(gh, {
        fetch: slowPages(60_000, 9, (event, page) => log.push(`${event} ${page}`)),
        rateLimit: false,
      });
      const iterator = (walk(client) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      const first = iterator.next();
      let returned = false;
      const ended = iterator.return?.().then((result) => {
        returned = true;
        return result;
      });
      await vi.advanceTimersByTimeAsync(1);
      expect(returned).toBe(true);
      expect(await first).toEqual({ done: true, value: undefined });
      expect(await ended).toEqual({ done: true, value: undefined });
      expect(log).toEqual(['page 1', 'abort 1']);
      expect(vi.getTimerCount()).toBe(0);
    });
  }
});

describe("client.fetch and the caller's long-lived signal", () => {
  it('leaves no listener on it per call (Node’s Request keeps one until garbage collection)', async () => {
    const controller = new AbortController();
    const scripted = createScriptedFetch([{ status: 200, body: { ok: 1 } }]);
    const client = createClient(gh, { fetch: scripted.fetch, rateLimit: false });
    for (let i = 0; i < 20; i++) {
      const response = await client.fetch('https://api.gh.test/x', { signal: controller.signal });
      await response.text();
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(scripted.log).toHaveLength(20);
  });

  it('the signal still ends a call in flight with an AbortError, from init or from a Request', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const log: string[] = [];
    const client = createClient(gh, {
      fetch: slowPages(60_000, 1, (event, page) => log.push(`${event} ${page}`)),
      rateLimit: false,
    });
    const viaInit = new AbortController();
    const viaRequest = new AbortController();
    const calls = [
      client.fetch('https://api.gh.test/items', { signal: viaInit.signal }).catch((error: Error) => error.name),
      client
        .fetch(new Request('https://api.gh.test/items', { signal: viaRequest.signal }))
        .catch((error: Error) => error.name),
    ];
    await vi.advanceTimersByTimeAsync(10);
    viaInit.abort();
    viaRequest.abort();
    expect(await Promise.all(calls)).toEqual(['AbortError', 'AbortError']);
    expect(log).toEqual(['page 1', 'page 1', 'abort 1', 'abort 1']);
  });
});
