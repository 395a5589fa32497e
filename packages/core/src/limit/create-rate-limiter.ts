import { createLimiter } from './create-limiter';
import { resolveRateLimit } from './resolve-rate-limit';
import type { BucketDefinition, Limiter, LimiterHooks, RateLimitOptions } from './types';

/**
 * A standalone in-process limiter over `buckets`: what `createClient` builds from an adapter's declared
 * buckets and its `rateLimit` option (overrides by bucket id, `extra` buckets, `maxQueued`, `maxHoldMs`),
 * for an adapter's limits tests or for calls made outside a client. Every bucket is validated first.
 * `@rosetta/core/redis` has the cluster-mode counterpart, `createRedisLimiter`.
 *
 * @example
 * const limiter = createRateLimiter(githubLimits, { buckets: { core: { limit: 1_000 } } });
 * const got = limiter.acquire(request);
 * const permit = isPermit(got) ? got : await got;
 * permit.release(response);
 * await limiter.close();
 */
export function createRateLimiter(
  buckets: readonly BucketDefinition[],
  options: RateLimitOptions = {},
  hooks: LimiterHooks = {},
): Limiter {
  const resolved = resolveRateLimit(buckets, options);
  if (resolved === undefined || resolved.buckets.length === 0) throw new RangeError('rate limiter: no bucket to limit');
  return (resolved.options.engine ?? createLimiter)(resolved.buckets, resolved.options, hooks);
}
