import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BucketDefinition } from '../../src/limit/types';
import { isPermit } from '../../src/limit/types';
import { limiterOf, req, res, SOURCE, sync, timed } from './limit-fixtures';

// A fixed window declared with `slowStart` (its numbers are a prior): the first call of a key goes alone and
// its answer, whatever it is, releases the others. These tests pin that no call can wait on it for good.

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
const T0 = 1_000_000;
/** GitHub's declared core window, while the server may allow far less. */
const core: BucketDefinition = {
  id: 'core',
  model: 'fixed-window',
  limit: 5_000,
  windowMs: 3_600_000,
  source: SOURCE,
  slowStart: true,
};

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('slow start of a fixed window', () => {
  it('the first answer tells the real limit before the others go: none is sent beyond it', async () => {
    const limiter = limiterOf([core]);
    const first = sync(limiter.acquire(req()));
    const others = Array.from({ length: 5 }, () => timed(limiter, req()));
    await tick();
    expect(others.every((o) => o.at === undefined)).toBe(true);
    // The token has 2 calls left until the reset in 10 s.
    first.release(res({ rateLimit: { limit: 5_000, remaining: 2, resetAt: T0 + 10_000 } }));
    await tick();
    expect(others.filter((o) => o.at === T0)).toHaveLength(2);
    await tick(10_200);
    expect(others.every((o) => o.at !== undefined)).toBe(true);
  });

  it('an answer without state (an error, or a provider that sends none) ends it: the declared numbers apply', async () => {
    const limiter = limiterOf([core]);
    const first = sync(limiter.acquire(req()));
    const others = Array.from({ length: 3 }, () => timed(limiter, req()));
    first.release(res({ status: 500 }));
    await tick();
    expect(others.map((o) => o.at)).toEqual([T0, T0, T0]);
    // Open from now on: the fast path again.
    expect(isPermit(limiter.acquire(req()))).toBe(true);
  });

  it('no answer at all (network error, timeout, abort) ends it too', async () => {
    const limiter = limiterOf([core]);
    const first = sync(limiter.acquire(req()));
    const other = timed(limiter, req());
    await tick(5_000);
    expect(other.at).toBeUndefined();
    first.release(undefined);
    await tick();
    expect(other.at).toBe(T0 + 5_000);
  });

  it('a call waiting on it can be aborted and close() settles it: nothing hangs', async () => {
    const limiter = limiterOf([core]);
    sync(limiter.acquire(req()));
    const abort = new AbortController();
    const aborted = timed(limiter, req(), { signal: abort.signal });
    const closed = timed(limiter, req());
    abort.abort();
    await tick();
    expect(aborted.error?.reason).toBe('aborted');
    await limiter.close();
    await tick();
    expect(closed.error?.reason).toBe('closed');
  });

  it('only when asked for: by default the declared numbers admit at once', () => {
    const limiter = limiterOf([{ ...core, slowStart: false }]);
    for (let i = 0; i < 5; i++) sync(limiter.acquire(req()));
  });

  it('each key starts on its own: another credential is not held by this one’s first call', () => {
    const limiter = limiterOf([core]);
    sync(limiter.acquire(req('/a', { credentialKey: 'one' })));
    expect(isPermit(limiter.acquire(req('/a', { credentialKey: 'two' })))).toBe(true);
    expect(isPermit(limiter.acquire(req('/a', { credentialKey: 'one' })))).toBe(false);
  });
});
