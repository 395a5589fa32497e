/**
 * `@rosetta/core/redis`: cluster-wide rate limits through Redis. A separate entry so that apps
 * which do not use it never ship ioredis or the cluster code; install `ioredis` to use it.
 */
import { createRateLimiter } from './limit/create-rate-limiter';
import { SharedLimiter } from './limit/redis/shared-limiter';
import { MAX_TIMER_MS } from './transport/max-timer';
import type { RedisRateLimitOptions } from './limit/redis/redis-limiter-options';
import type { BucketDefinition, Limiter, LimiterHooks, RateLimitOptions } from './limit/types';

export type {
  RedisClientOptions,
  RedisLimiterOptions,
  RedisRateLimitOptions,
} from './limit/redis/redis-limiter-options';

/**
 * Turns cluster options into the `rateLimit` value of `createClient()`: every process with the
 * same `id` shares every bucket (counts, server state, pauses, learned limits) through Redis.
 *
 * @throws RangeError when `id` is empty or `redis.timeoutMs` is not in (0, 2^31 - 1] ms.
 * @example
 * createClient(stripe, {
 *   rateLimit: redisRateLimit({ id: 'stripe:acct_1', redis: { url: process.env.REDIS_URL } }),
 * });
 */
export function redisRateLimit(options: RedisRateLimitOptions): RateLimitOptions {
  const { id, redis, ...rest } = options;
  if (id.length === 0) throw new RangeError('redisRateLimit: id must not be empty');
  const timeoutMs = redis.timeoutMs;
  // It arms setTimeout and ioredis's timeouts, which fire at once past 2^31 - 1 ms (or for NaN): Redis, though up,
  // would be declared unreachable for every call.
  if (timeoutMs !== undefined && !(timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    throw new RangeError(`redisRateLimit: redis.timeoutMs must be > 0 and at most ${MAX_TIMER_MS}, got ${timeoutMs}`);
  }
  return {
    ...rest,
    engine: (buckets, resolved, hooks) => new SharedLimiter(id, buckets, resolved, hooks, redis),
  };
}

/**
 * A standalone limiter in cluster mode over `buckets` (what `createClient` builds from
 * {@link redisRateLimit} and an adapter's declared buckets).
 *
 * @example
 * const limiter = createRedisLimiter(githubLimits, { id: 'github', redis: { url } });
 * const permit = await limiter.acquire(request);
 * permit.release(response);
 * await limiter.close();
 */
export function createRedisLimiter(
  buckets: readonly BucketDefinition[],
  options: RedisRateLimitOptions,
  hooks: LimiterHooks = {},
): Limiter {
  // The in-process standalone limiter's resolution (overrides by id, extra buckets, validation), on the Redis engine.
  return createRateLimiter(buckets, redisRateLimit(options), hooks);
}
