// Cluster mode refuses a known wait that would end past the call's deadline at once, as the in-process limiter
// does (docs/retries-and-rate-limits.md, reason `deadline`); a wait of unknown length is still ended by the signal.
import { expect, it } from 'vitest';
import { isLimiterRejectedError } from '../../src/limit/limiter-rejected-error';
import { createRedisLimiter } from '../../src/redis';
import { describeRedis, track, until } from './helpers';
import { req, res, SOURCE } from './limit-fixtures';

describeRedis('Redis cluster mode: a wait past the deadline', (redis) => {
  it('is refused with reason deadline and the wait as retryAfterMs, not waited out', async () => {
    const limiter = redis.keep(
      createRedisLimiter([{ id: 'fw', model: 'fixed-window', limit: 1, windowMs: 60_000, source: SOURCE }], {
        id: `deadline-${process.pid}`,
        redis: { url: redis.server.url, timeoutMs: 1_000 },
      }),
    );
    (await limiter.acquire(req())).release(res());
    const waiting = track(Promise.resolve(limiter.acquire(req(), { deadlineAt: Date.now() + 30_000 })));
    await until(() => waiting.state !== 'pending', 'the refusal');
    expect(waiting.state).toBe('rejected');
    const error = waiting.error;
    expect(isLimiterRejectedError(error) && error.reason).toBe('deadline');
    expect(isLimiterRejectedError(error) && error.retryAfterMs).toBeGreaterThan(30_000);
    expect(isLimiterRejectedError(error) && error.bucket).toBe('fw');
  });

  it('a wait that ends before the deadline is waited', async () => {
    const limiter = redis.keep(
      createRedisLimiter([{ id: 'fw', model: 'fixed-window', limit: 1, windowMs: 300, source: SOURCE }], {
        id: `deadline-ok-${process.pid}`,
        redis: { url: redis.server.url, timeoutMs: 1_000 },
      }),
    );
    (await limiter.acquire(req())).release(res());
    const permit = await limiter.acquire(req(), { deadlineAt: Date.now() + 30_000 });
    permit.release(res());
  });
});
