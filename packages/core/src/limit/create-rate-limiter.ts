import { createLimiter } from './create-limiter';
import type { BucketDefinition, Limiter, LimiterHooks, RateLimitOptions, ResolvedLimitOptions } from './types';
import { validateBucket } from './validate-bucket';

/** Default of {@link RateLimitOptions.maxQueued}. */
const DEFAULT_MAX_QUEUED = 10_000;
/** Default of {@link RateLimitOptions.maxHoldMs}. */
const DEFAULT_MAX_HOLD_MS = 65_000;

/** The buckets and options `createLimiter()` takes, from an adapter's declaration and the user's options. */
interface ResolvedRateLimit {
  readonly buckets: readonly BucketDefinition[];
  readonly options: ResolvedLimitOptions;
}

/**
 * Applies the user's overrides to the adapter's buckets (`false` drops one, numbers replace the
 * declared ones), appends `extra`, validates every bucket and fills the defaults. `undefined` when
 * there is nothing to limit (`rateLimit: false`, or no bucket and no engine).
 *
 * @example
 * resolveRateLimit(githubLimits, { buckets: { core: { limit: 15_000 } } });
 */
export function resolveRateLimit(
  declared: readonly BucketDefinition[] | undefined,
  options: RateLimitOptions | false | undefined,
): ResolvedRateLimit | undefined {
  if (options === false) return undefined;
  const overrides = options?.buckets ?? {};
  for (const id of Object.keys(overrides)) {
    if (!declared?.some((bucket) => bucket.id === id))
      throw new RangeError(`rateLimit.buckets.${id}: the adapter declares no such bucket`);
  }
  const buckets: BucketDefinition[] = [];
  for (const bucket of declared ?? []) {
    const override = overrides[bucket.id];
    if (override === false) continue;
    buckets.push(validateBucket(override === undefined ? bucket : { ...bucket, ...override }));
  }
  for (const bucket of options?.extra ?? []) buckets.push(validateBucket(bucket));
  const ids = new Set<string>();
  for (const { id } of buckets) {
    if (ids.has(id)) throw new RangeError(`rate-limit bucket ${JSON.stringify(id)} is declared twice`);
    ids.add(id);
  }
  if (buckets.length === 0 && options?.engine === undefined) return undefined;
  return {
    buckets,
    options: {
      maxQueued: nonNegative('maxQueued', options?.maxQueued ?? DEFAULT_MAX_QUEUED),
      maxHoldMs: nonNegative('maxHoldMs', options?.maxHoldMs ?? DEFAULT_MAX_HOLD_MS),
      engine: options?.engine,
    },
  };
}

function nonNegative(name: string, value: number): number {
  // A string from a JavaScript caller's config is refused too: '600' would pass as a number, and 'abc' would lift the
  // bound unnoticed (every comparison with NaN is false: an unbounded queue, a hold never refused).
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new RangeError(
      `rateLimit.${name} must be 0 or more, got ${typeof value === 'string' ? JSON.stringify(value) : value}`,
    );
  }
  return value;
}

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
