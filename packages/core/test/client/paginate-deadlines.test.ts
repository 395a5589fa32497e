// A walk's pages each run as one call: each has its own deadline, and the walk's signal or close() stops it at
// once, wherever it is. Fake timers and request logs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import { isApiError } from '../../src/errors/is-api-error';
import { slowPages } from './slow-pages';

const gh = defineAdapter({ id: 'gh', displayName: 'GH', baseUrl: 'https://api.gh.test', pagination: { type: 'link' } });

afterEach(() => {
  vi.useRealTimers();
});

/** {@link slowPages} with each send logged at the fake clock's time. */
const pagesLoggedAt = (ms: number, last: number, log: string[]): typeof fetch =>
  slowPages(ms, last, (event, page) => {
    if (event === 'page') log.push(`${Date.now()} page ${page}`);
  });

/** Walks to the end; returns the items and the error it ended with. */
async function walk(iterable: AsyncIterable<number>, items: number[]): Promise<unknown> {
  try {
    for await (const item of iterable) items.push(item);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('client.paginate and deadlines', () => {
  it('each page has its own deadline: three 600 ms pages under a 1 s deadlineMs all arrive', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const log: string[] = [];
    const client = createClient(gh, { fetch: pagesLoggedAt(600, 3, log), deadlineMs: 1_000, rateLimit: false });
    const items: number[] = [];
    const done = walk(client.paginate<number>('/items'), items);
    await vi.advanceTimersByTimeAsync(1_800);
    expect(await done).toBeUndefined();
    expect(items).toEqual([1, 2, 3]);
  });

  it('a signal aborted while a page is in flight ends the walk at once with aborted', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const log: string[] = [];
    const client = createClient(gh, { fetch: pagesLoggedAt(600, 9, log), rateLimit: false });
    const controller = new AbortController();
    const items: number[] = [];
    const done = walk(client.paginate<number>('/items', { signal: controller.signal }), items);
    await vi.advanceTimersByTimeAsync(900);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    const error = await done;
    expect(isApiError(error) && [error.kind, error.code]).toEqual(['aborted', 'aborted']);
    expect(items).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('close() while a page is in flight ends the walk with client_closed; nothing more is sent', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const log: string[] = [];
    const client = createClient(gh, { fetch: pagesLoggedAt(600, 9, log), rateLimit: false });
    const items: number[] = [];
    const done = walk(client.paginate.pages<number>('/items') as unknown as AsyncIterable<number>, items);
    await vi.advanceTimersByTimeAsync(900);
    await client.close();
    const error = await done;
    expect(isApiError(error) && error.code).toBe('client_closed');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log.map((line) => line.split(' ').slice(1).join(' '))).toEqual(['page 1', 'page 2']);
  });

  it('breaking out of for await sends nothing more and leaves no timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const log: string[] = [];
    const client = createClient(gh, { fetch: pagesLoggedAt(100, 9, log), rateLimit: false });
    const walkDone = (async () => {
      for await (const item of client.paginate<number>('/items')) if (item === 2) break;
    })();
    await vi.advanceTimersByTimeAsync(200);
    await walkDone;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
