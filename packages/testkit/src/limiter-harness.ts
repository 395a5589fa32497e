import {
  type BucketDefinition,
  createRateLimiter,
  isPermit,
  type Limiter,
  type LimitRequest,
  type Permit,
} from '@rosetta/core';

/** Options of {@link limiterHarness}. */
export interface LimiterHarnessOptions {
  /**
   * Calls that may wait at once. Large, so that a burst is stopped by a bucket, never by the queue.
   * @default 100_000
   */
  readonly maxQueued?: number;
  /**
   * Longest a call may wait. Long, so that a call that must wait a whole window waits (and is counted out)
   * instead of being refused in a way that lets the next call through as a probe.
   * @default 600_000
   */
  readonly maxHoldMs?: number;
  /** Members every {@link LimiterHarness.request} starts from, e.g. `{ credentialKey: 'agent-a' }`. */
  readonly request?: Partial<LimitRequest>;
}

/** Options of {@link LimiterHarness.burst}. */
export interface BurstOptions {
  /** Give each permit back (without a response) as soon as it is granted: windows bind, concurrency caps do not. */
  readonly release?: boolean;
  /**
   * Stop counting a request at this many: a bucket that no longer binds shows as this number, not as a hang.
   * @default 200_000
   */
  readonly max?: number;
  /** Run on this limiter (left open) instead of a fresh one (closed after). */
  readonly on?: Limiter;
}

/** A limiter on an adapter's buckets and the helpers its limits tests share. */
export interface LimiterHarness {
  /** A request as the limiter sees it: the harness's defaults, then `extra`; `route` is `path` unless given. */
  request(method: string, path: string, extra?: Partial<LimitRequest>): LimitRequest;
  /** A fresh limiter on the harness's buckets and options; the caller closes it. */
  limiter(): Limiter;
  /**
   * For each request in turn, how many calls like it the limiter admits at once (no time passes, no permit given
   * back unless `release`), all on one limiter. The call that had to wait stays queued (later requests of the
   * same key queue behind it) and is let go: its rejection when the limiter closes is expected.
   */
  burst(requests: readonly LimitRequest[], options?: BurstOptions): number[];
  /** The permit `limiter` grants `request` at once, or `undefined` when it has to wait (the waiting call is let go). */
  admit(limiter: Limiter, request: LimitRequest): Permit | undefined;
  /** The permit `limiter` grants `request` at once; throws when the call has to wait. */
  take(limiter: Limiter, request: LimitRequest): Permit;
}

/**
 * The harness of an adapter's limits test: build requests, count what the buckets admit at once, take permits
 * and give them back with a response of your own, against core's in-process limiter. A bucket's numbers are
 * checked by counting (`burst`), so the test fails when a declaration changes, not only when a field does.
 *
 * @example
 * const { request, burst } = limiterHarness(zendeskLimits, { request: { credentialKey: 'agent-a' } });
 * expect(burst([request('PUT', '/tickets/1'), request('PUT', '/tickets/1', { credentialKey: 'agent-b' })])).toEqual([30, 30]);
 */
export function limiterHarness(
  buckets: readonly BucketDefinition[],
  options: LimiterHarnessOptions = {},
): LimiterHarness {
  const limits = { maxQueued: options.maxQueued ?? 100_000, maxHoldMs: options.maxHoldMs ?? 600_000 };
  const defaults = options.request ?? {};
  const limiter = (): Limiter => createRateLimiter(buckets, limits);
  const admit = (on: Limiter, request: LimitRequest): Permit | undefined => {
    const got = on.acquire(request);
    if (isPermit(got)) return got;
    // It waits until the limiter closes (rejected then) or its bucket frees; neither is this test's concern.
    got.catch(() => undefined);
    return undefined;
  };
  return {
    request: (method, path, extra = {}) => ({
      route: path,
      query: undefined,
      body: undefined,
      credentialKey: 'token-a',
      ...defaults,
      method,
      path,
      ...extra,
    }),
    limiter,
    admit,
    take(on, request) {
      const permit = admit(on, request);
      if (permit === undefined) throw new Error(`limiterHarness: ${request.method} ${request.path} had to wait`);
      return permit;
    },
    burst(requests, { release = false, max = 200_000, on } = {}) {
      const used = on ?? limiter();
      const counts = requests.map((request) => {
        let n = 0;
        for (
          let permit = admit(used, request);
          permit !== undefined;
          permit = n < max ? admit(used, request) : undefined
        ) {
          n++;
          if (release) permit.release(undefined);
        }
        return n;
      });
      if (on === undefined) void used.close();
      return counts;
    },
  };
}
