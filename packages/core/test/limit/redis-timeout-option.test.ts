// redis.timeoutMs arms setTimeout and ioredis's connect and command timeouts, all of which fire at once past
// 2^31 - 1 ms: Infinity ("no timeout"), 30 days or NaN made a healthy Redis look unreachable to every call.
import { describe, expect, it } from 'vitest';
import { createRedisLimiter, redisRateLimit } from '../../src/redis';
import { describeRedis } from './helpers';
import { req, res, SOURCE } from './limit-fixtures';

const MAX_TIMER_MS = 2 ** 31 - 1;

describe('redisRateLimit: redis.timeoutMs outside what a timer can wait', () => {
  it.each([
    ['Infinity', Number.POSITIVE_INFINITY],
    ['2^31 ms (24.9 days)', 2 ** 31],
    ['30 days', 30 * 86_400_000],
    ['NaN', Number.NaN],
    ['0', 0],
    ['-1', -1],
  ])('%s is refused with a RangeError naming the option', (_label, timeoutMs) => {
    expect(() => redisRateLimit({ id: 'acme', redis: { timeoutMs } })).toThrow(/redis\.timeoutMs/);
    expect(() => redisRateLimit({ id: 'acme', redis: { timeoutMs } })).toThrow(RangeError);
  });

  it('2^31 - 1 ms and fractions are accepted', () => {
    expect(redisRateLimit({ id: 'acme', redis: { timeoutMs: MAX_TIMER_MS } }).engine).toBeTypeOf('function');
    expect(redisRateLimit({ id: 'acme', redis: { timeoutMs: 0.5 } }).engine).toBeTypeOf('function');
  });
});

describeRedis('Redis cluster mode with the longest timeoutMs a timer can wait', (redis) => {
  it('admits calls: Redis is not taken for unreachable', async () => {
    const limiter = redis.keep(
      createRedisLimiter([{ id: 'fw', model: 'fixed-window', limit: 5, windowMs: 60_000, source: SOURCE }], {
        id: `timeout-max-${process.pid}`,
        redis: { url: redis.server.url, timeoutMs: MAX_TIMER_MS },
      }),
    );
    (await limiter.acquire(req())).release(res());
  });
});
