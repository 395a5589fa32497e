// A throttled bucket never delays calls on another bucket, even when both share a concurrency cap: calls waiting
// for their own bucket must not hold the shared cap's queue (head-of-line blocking across buckets).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BucketDefinition } from '../../src/limit/types';
import { limiterOf, req, res, SOURCE, sync, timed } from './limit-fixtures';

const T0 = 1_000_000;
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const byPrefix = (prefix: string) => (r: { path: string; credentialKey: string }) =>
  r.path.startsWith(prefix) ? r.credentialKey : null;
// GitHub-like: two resources, each a fixed window declared far larger than the server's, and one shared cap.
const buckets: readonly BucketDefinition[] = [
  { id: 'core', model: 'fixed-window', limit: 5_000, windowMs: 3_600_000, source: SOURCE, scope: byPrefix('/core') },
  {
    id: 'graphql',
    model: 'fixed-window',
    limit: 5_000,
    windowMs: 3_600_000,
    source: SOURCE,
    scope: byPrefix('/graphql'),
  },
  { id: 'concurrency', model: 'concurrency', maxInFlight: 3, source: SOURCE },
];

describe('isolation across buckets that share a concurrency cap', () => {
  it('calls on a spent bucket leave the shared cap to calls on another bucket', async () => {
    const limiter = limiterOf(buckets);
    // A first answer ends core's slow start: plenty left.
    sync(limiter.acquire(req('/core'))).release(res({ rateLimit: { limit: 10, remaining: 9, scope: 'core' } }));
    const first = [0, 1, 2].map(() => sync(limiter.acquire(req('/core'), {})));
    // The cap is full: these two wait on the cap, while the core window still looks untouched.
    const waiting = [timed(limiter, req('/core')), timed(limiter, req('/core'))];
    await vi.advanceTimersByTimeAsync(1);
    // The server says the core window is spent until a reset 10 s away.
    const spent = { rateLimit: { limit: 3, remaining: 0, resetAt: T0 + 10_000, scope: 'core' } };
    for (const permit of first) permit.release(res(spent));
    await vi.advanceTimersByTimeAsync(1);
    expect(waiting.map((w) => w.at)).toEqual([undefined, undefined]);
    // A graphql call needs the cap (free now) and its own bucket (untouched): it goes at once.
    const other = timed(limiter, req('/graphql'));
    await vi.advanceTimersByTimeAsync(1);
    expect(other.at).toBe(T0 + 2);
    await limiter.close();
  });
});
