import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BucketDefinition } from '../../src/limit/types';
import { limiterOf, req, res, SOURCE, sync, timed } from './limit-fixtures';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A GitHub-like set: an hourly window, a per-route sliding window and a concurrency cap per credential. */
const buckets: BucketDefinition[] = [
  { id: 'core', model: 'fixed-window', limit: 5_000, windowMs: 3_600_000, source: SOURCE },
  {
    id: 'points',
    model: 'sliding-window',
    limit: 900,
    windowMs: 60_000,
    source: SOURCE,
    scope: (r) => `${r.credentialKey} ${r.route}`,
  },
  { id: 'tier', model: 'sliding-window', limit: 50, windowMs: 60_000, source: SOURCE },
  { id: 'cc', model: 'concurrency', maxInFlight: 100, source: SOURCE },
];
const KEYS = 10_000;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('scale', () => {
  it(`${KEYS.toLocaleString('en')} active credentials (4 bucket keys each) stay under 20 MB`, () => {
    const limiter = limiterOf(buckets);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < KEYS; i++) {
      const request = req('/repos/a/b', { credentialKey: `cred-${i}` });
      // Several calls per key, so the logs and windows hold real entries.
      for (let j = 0; j < 3; j++) sync(limiter.acquire(request)).release(res());
    }
    gc();
    const used = process.memoryUsage().heapUsed - before;
    expect(limiter.keys).toBe(KEYS * 4);
    expect(used).toBeLessThan(20 * 1024 * 1024);
  });

  it('releases keys idle for max(window, 2 min), and only those', () => {
    const limiter = limiterOf([
      { id: 'minute', model: 'sliding-window', limit: 50, windowMs: 60_000, source: SOURCE },
      {
        id: 'hour',
        model: 'fixed-window',
        limit: 5_000,
        windowMs: 3_600_000,
        source: SOURCE,
        scope: (r) => (r.path === '/h' ? r.credentialKey : null),
      },
    ]);
    for (let i = 0; i < 100; i++) sync(limiter.acquire(req('/h', { credentialKey: `c${i}` }))).release(res());
    expect(limiter.keys).toBe(200);
    // 1 min 59 s later: nothing released (the minute window's keys are kept for 2 min).
    vi.setSystemTime(1_000_000 + 119_000);
    sync(limiter.acquire(req('/m', { credentialKey: 'late' }))).release(res());
    expect(limiter.keys).toBe(201);
    // Past 2 min: the minute keys go, the hour keys stay for their window.
    vi.setSystemTime(1_000_000 + 121_000 + 30_000);
    sync(limiter.acquire(req('/m', { credentialKey: 'later' }))).release(res());
    expect(limiter.keys).toBe(100 + 2);
    vi.setSystemTime(1_000_000 + 3_600_000 + 60_000);
    sync(limiter.acquire(req('/m', { credentialKey: 'last' }))).release(res());
    expect(limiter.keys).toBe(1);
  });

  it('never releases a key that holds a permit or that a waiting call will take', async () => {
    const limiter = limiterOf([
      { id: 'cc', model: 'concurrency', maxInFlight: 1, source: SOURCE },
      {
        id: 'tb',
        model: 'token-bucket',
        ratePerSec: 1,
        burst: 1,
        source: SOURCE,
        scope: (r) => (r.path === '/a' ? 'shared' : null),
      },
    ]);
    const holder = sync(limiter.acquire(req('/h', { credentialKey: 'held' })));
    // Waits on the cap; its token-bucket key (nobody else's) sits unused for an hour meanwhile.
    const waiting = timed(limiter, req('/a', { credentialKey: 'held' }));
    await vi.advanceTimersByTimeAsync(3_600_000);
    // Any acquire sweeps idle keys.
    sync(limiter.acquire(req('/b', { credentialKey: 'x' }))).release(res());
    expect(limiter.keys).toBe(3);
    holder.release(res());
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.at).toBe(1_000_000 + 3_600_000);
  });
});
