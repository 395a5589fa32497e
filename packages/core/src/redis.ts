/**
 * `@rosetta/core/redis`: cluster-wide rate limits through Redis. A separate entry so that apps
 * which do not use it never ship full bottleneck (15 KB gz) and ioredis; install `ioredis` to use it.
 */
import { createLimiter } from './limit/create-limiter';
import { createRedisEngineFactory } from './limit/redis-engine';
import type { RedisRateLimitOptions } from './limit/redis-limiter-options';
import type { Limiter, LimiterHooks, RateLimitOptions } from './limit/types';

export type { RedisClientOptions, RedisLimiterOptions, RedisRateLimitOptions } from './limit/redis-limiter-options';

/**
 * Turns cluster options into the `rateLimit` value of `createClient()`: every process with the
 * same `id` shares the limits through Redis. Pauses and adaptive pacing stay per process.
 *
 * @example
 * createClient(stripe, {
 *   rateLimit: redisRateLimit({ id: 'stripe:acct_1', maxConcurrent: 20, redis: { url: process.env.REDIS_URL } }),
 * });
 */
export function redisRateLimit(options: RedisRateLimitOptions): RateLimitOptions {
  const { id, redis, ...rest } = options;
  if (id.length === 0) throw new RangeError('redisRateLimit: id must not be empty');
  return { ...rest, engine: createRedisEngineFactory(id, redis) };
}

/**
 * A standalone limiter in cluster mode (what `createClient` builds from {@link redisRateLimit}).
 *
 * @example
 * const limiter = createRedisLimiter({ id: 'github', reservoir: { size: 5_000, refreshIntervalMs: 3_600_000 }, redis: {} });
 * await limiter.schedule(() => fetch(url));
 * await limiter.close();
 */
export function createRedisLimiter(options: RedisRateLimitOptions, hooks?: LimiterHooks): Limiter {
  return createLimiter(redisRateLimit(options), hooks) as Limiter;
}
