// Deadlines, timeouts, aborts and close() attacked as an outside auditor would: every wait a call can be in, and
// user code that never settles. Fake timers and attempt logs, never the wall clock.
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { ApiError } from '../../src/errors/api-error';
import { isApiError } from '../../src/errors/is-api-error';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;
// setTimeout fires at once past this many ms (Node warns TimeoutOverflowWarning and uses 1 ms).
const MAX_TIMER_MS = 2 ** 31 - 1;

afterEach(() => {
  vi.useRealTimers();
});

/** The call's ApiError; anything else (or a success) fails the test. */
async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

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
