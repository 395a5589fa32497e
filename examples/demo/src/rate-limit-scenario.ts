import { type Adapter, type AuthOptions, createClient } from '@rosetta/core';
import type { SimulatedLimit, Simulator } from '@rosetta/testkit';
import type { DemoOutput } from './demo-output';
import { STOP_REASON_TEXT } from './observe-call';
import { createProgressBar } from './progress-bar';

/** What the rate-limit scenario measured. */
export interface RateLimitSummary {
  readonly provider: string;
  /** Whether the client ran Rosetta's limiter, or relied on retries alone. */
  readonly limiter: boolean;
  readonly calls: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Answers refused by the provider's limit (GitHub's 403, others' 429), all retried. */
  readonly throttled: number;
  readonly retries: number;
  /** Calls the limiter held back (waits of 10 ms or more), and the longest hold, per bucket. */
  readonly waitsByBucket: Readonly<Record<string, { readonly calls: number; readonly longestMs: number }>>;
  readonly elapsedMs: number;
  /** The first window's burst free, then `limit` per window. */
  readonly theoreticalMinMs: number;
  /** Requests the simulator received for the provider during the scenario. */
  readonly serverRequests: number;
  /** Why calls failed, if any, and how many: e.g. `6 retry budget spent`. */
  readonly failureReasons: readonly string[];
  /** The calls on another bucket made meanwhile, one at a time. */
  readonly other: OtherBucketSummary;
}

/** Calls on another bucket of the same provider while the main bucket is saturated. */
export interface OtherBucketSummary {
  readonly path: string;
  readonly calls: number;
  readonly succeeded: number;
  /** The longest time one of them spent in the client before it was sent (the limiter's admission included), ms. */
  readonly longestHoldMs: number;
}

/** Inputs of {@link runRateLimitScenario}. */
export interface RateLimitScenarioOptions {
  readonly sim: Simulator;
  readonly provider: string;
  readonly adapter: Adapter;
  readonly auth: AuthOptions;
  /** The provider's limits for this run, with fresh state; lifted when it ends. */
  readonly limits: readonly SimulatedLimit[];
  /** The main bucket's window, as the simulator enforces it (windows start at multiples of `windowMs`). */
  readonly window: { readonly limit: number; readonly windowMs: number };
  readonly calls: number;
  readonly path: string;
  /** A path on another bucket, called one at a time every `otherEveryMs` while the main calls run. */
  readonly otherPath: string;
  readonly otherEveryMs: number;
  /** Use Rosetta's limiter (`true`), or `rateLimit: false` and retries alone, for comparison. */
  readonly limiter: boolean;
  readonly out: DemoOutput;
}

/**
 * Fires `calls` GETs at once at a rate-limited provider through one client and reports how close
 * to the theoretical minimum time it got and whether every call succeeded. Meanwhile it calls
 * `otherPath`, which the provider counts in another bucket, one call at a time: with the limiter a
 * paused bucket holds only its own calls, so those go out at once. With `limiter`, the client uses
 * the adapter's declared buckets and follows the provider's rate-limit headers; without, it has only
 * its retries, which honour the provider's reset.
 */
export async function runRateLimitScenario(options: RateLimitScenarioOptions): Promise<RateLimitSummary> {
  const { sim, provider, window, calls, out } = options;
  const client = createClient(options.adapter, {
    baseUrl: sim.urlFor(provider),
    auth: options.auth,
    // With the limiter: the adapter's declared buckets (they read the provider's rate-limit headers).
    ...(options.limiter ? {} : { rateLimit: false as const }),
    retry: { maxRetries: 5, baseDelayMs: 50, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 },
  });
  let throttled = 0;
  let retries = 0;
  const waitsByBucket: Record<string, { calls: number; longestMs: number }> = {};
  client.on('response', (e) => {
    if (e.status === 429 || e.status === 403) throttled++;
  });
  client.on('retry', () => {
    retries++;
  });
  const reasons = new Map<string, number>();
  client.on('error', (e) => {
    const reason = e.stopReason === undefined ? e.error.kind : STOP_REASON_TEXT[e.stopReason];
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  });
  client.on('rateLimitWait', (e) => {
    const seen = waitsByBucket[e.bucket] ?? { calls: 0, longestMs: 0 };
    waitsByBucket[e.bucket] = seen;
    seen.calls++;
    seen.longestMs = Math.max(seen.longestMs, e.ms);
  });
  // When each call of the other bucket was made: its first attempt's `request` event ends its hold.
  let otherCalledAt: number | undefined;
  let longestHoldMs = 0;
  const otherPathname = options.otherPath.split('?')[0] as string;
  client.on('request', (e) => {
    if (otherCalledAt === undefined || e.attempt !== 1 || !new URL(e.url).pathname.endsWith(otherPathname)) return;
    longestHoldMs = Math.max(longestHoldMs, performance.now() - otherCalledAt);
    otherCalledAt = undefined;
  });

  // The simulator's windows start at multiples of windowMs: begin with a fresh one, so both runs
  // start equal and the theoretical minimum holds.
  await new Promise((resolve) => setTimeout(resolve, window.windowMs - (Date.now() % window.windowMs)));
  sim.setScenario(provider, { limits: options.limits });
  const before = sim.stats(provider).requests;
  const bar = createProgressBar(out, calls, options.limiter ? "calls, Rosetta's limiter" : 'calls, retries only');
  let done = 0;
  const started = Date.now();
  const main = Promise.allSettled(
    Array.from({ length: calls }, (_, i) =>
      client
        .get(`${options.path}${options.path.includes('?') ? '&' : '?'}page=${i + 1}`)
        .finally(() => bar.update(++done)),
    ),
  );
  let mainDone = false;
  const other = { calls: 0, succeeded: 0 };
  const otherCalls = (async () => {
    while (!mainDone) {
      other.calls++;
      otherCalledAt = performance.now();
      await client.get(options.otherPath).then(
        () => other.succeeded++,
        () => undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, options.otherEveryMs));
    }
  })();
  const results = await main;
  const elapsedMs = Date.now() - started;
  mainDone = true;
  await otherCalls;
  bar.finish();
  await client.close();
  const serverRequests = sim.stats(provider).requests - before;
  sim.setScenario(provider, {});

  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  return {
    provider,
    limiter: options.limiter,
    calls,
    succeeded: calls - failures.length,
    failed: failures.length,
    throttled,
    retries,
    waitsByBucket,
    elapsedMs,
    // The first window's calls at once, then one window per `limit` calls.
    theoreticalMinMs: (Math.ceil(calls / window.limit) - 1) * window.windowMs,
    serverRequests,
    failureReasons: [...reasons].map(([reason, count]) => `${count} ${reason}`),
    other: { path: otherPathname, calls: other.calls, succeeded: other.succeeded, longestHoldMs },
  };
}
