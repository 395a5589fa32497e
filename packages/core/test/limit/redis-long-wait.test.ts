// Cluster mode, a wait past setTimeout's range (2^31 - 1 ms): Node fires such a timer after 1 ms, so a 40-day
// window with `maxHoldMs: Infinity` made the waiting call ask Redis again every millisecond. The timer is capped.
import { expect, it, vi } from 'vitest';
import { createRedisLimiter } from '../../src/redis';
import { describeRedis, sleep, track } from './helpers';
import { req, res, SOURCE } from './limit-fixtures';

const DAY = 86_400_000;

describeRedis('Redis cluster mode: a wait longer than setTimeout can hold', (redis) => {
  it('waits with one timer, not a Redis round trip per millisecond', async () => {
    const limiter = redis.keep(
      createRedisLimiter([{ id: 'fw', model: 'fixed-window', limit: 1, windowMs: 40 * DAY, source: SOURCE }], {
        id: `long-wait-${process.pid}`,
        maxHoldMs: Number.POSITIVE_INFINITY,
        redis: { url: redis.server.url, timeoutMs: 1_000 },
      }),
    );
    (await limiter.acquire(req())).release(res());
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const waiting = track(Promise.resolve(limiter.acquire(req())));
    await sleep(300);
    const longTimers = spy.mock.calls.filter(([, ms]) => typeof ms === 'number' && ms > 1_000).length;
    const shortTimers = spy.mock.calls.filter(([, ms]) => ms === 1).length;
    spy.mockRestore();
    expect(waiting.state).toBe('pending');
    expect(longTimers).toBe(1);
    expect(shortTimers).toBeLessThan(5);
  });
});
