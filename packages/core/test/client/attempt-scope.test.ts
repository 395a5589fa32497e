// An attempt's scope: which of caller, close(), attempt timeout and deadline ended it decides the call's error
// (failure.ts reads `cause`), so the first to fire must stay the cause, and a deadline that passed while the call
// waited (a token, the limiter) must end the attempt before anything is sent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openAttemptScope } from '../../src/client/attempt-scope';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const open = () => ({ closed: false, live: new Set<(reason: unknown) => void>() });

describe('openAttemptScope', () => {
  it('keeps the first cause: a caller abort is not turned into a timeout when the attempt timer fires later', async () => {
    const caller = new AbortController();
    const scopes = open();
    const scope = openAttemptScope(caller.signal, scopes, Date.now() + 60_000);
    scope.startSend(100);
    caller.abort(new Error('user cancelled'));
    await vi.advanceTimersByTimeAsync(200);
    for (const end of scopes.live) end(new Error('client closed'));
    expect(scope.cause).toBe('caller');
    expect((scope.signal.reason as Error).message).toBe('user cancelled');
    scope.dispose();
  });

  it('ends the attempt at once, before sending, when the deadline passed while the call waited', () => {
    const scope = openAttemptScope(undefined, open(), Date.now() + 1_000);
    // The clock moves on without the deadline timer running (an event loop blocked by other work).
    vi.setSystemTime(Date.now() + 5_000);
    scope.startSend(30_000);
    expect([scope.cause, scope.signal.aborted]).toEqual(['deadline', true]);
    scope.dispose();
  });
});
