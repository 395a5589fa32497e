// Deadlines, aborts and close() attacked a third time: through the limiter's own bucket shapes, timeoutMs against
// deadlineMs, slow bodies and close() semantics. Fake timers and attempt logs, never the wall clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import type { BucketDefinition } from '../../src/limit/types';
import { createClient } from '../../src/client/create-client';
import { caught } from './caught';

afterEach(() => {
  vi.useRealTimers();
});

/** Whether a promise is still pending after the microtasks run. */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const settled = await Promise.race([
    promise.then(
      () => 'resolved',
      () => 'rejected',
    ),
    new Promise((resolve) => setImmediate(() => resolve(marker))),
  ]);
  return settled === marker;
}

/** A fetch whose answers the test gives by hand, in order; it honours its signal. Logs `SEND <ms> <path>`. */
function gatedFetch(log: string[]) {
  const answers: Array<(response: Response) => void> = [];
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    log.push(`SEND ${Date.now()} ${new URL(url).pathname}`);
    return new Promise<Response>((resolve, reject) => {
      answers.push(resolve);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }) as typeof globalThis.fetch;
  return { fetch, answer: (i: number, response: Response) => answers[i]?.(response) };
}

const limited = (limits: BucketDefinition[]) =>
  defineAdapter({ id: 'limited', displayName: 'Limited', baseUrl: 'https://api.limited.test', limits });

describe('a bucket paused past a queued call’s deadline while it waits', () => {
  it('the call fails at once with deadline_exceeded and retryAfterMs, not at its deadline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    const log: string[] = [];
    const t = gatedFetch(log);
    const client = createClient(
      limited([{ id: 'second', model: 'token-bucket', ratePerSec: 1, burst: 1, source: 'test' }]),
      { fetch: t.fetch, retry: false },
    );
    const first = caught(client.get('/first'));
    await vi.advanceTimersByTimeAsync(0);
    // Queued for the next token (1 s), well within its 5 s deadline.
    const second = caught(client.get('/second', { deadlineMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(500);
    expect(await pending(second)).toBe(true);
    // The provider pauses the bucket for a minute: the queued call cannot start before its deadline.
    t.answer(0, new Response('{}', { status: 429, headers: { 'retry-after': '60' } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(await pending(second)).toBe(false);
    const error = await second;
    expect(error).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 0 });
    expect(error.retryAfterMs).toBeGreaterThan(59_000);
    expect(await first).toMatchObject({ kind: 'rate_limited' });
    expect(log).toEqual(['SEND 0 /first']);
    expect(vi.getTimerCount()).toBe(0);
    await client.close();
  });
});
