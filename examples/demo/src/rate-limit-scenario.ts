import { type Adapter, type AuthOptions, createClient } from '@rosetta/core';
import type { SimulatedRateLimit, Simulator } from '@rosetta/testkit';
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
  /** Calls the limiter held back, and the longest hold. */
  readonly limiterWaits: number;
  readonly longestLimiterWaitMs: number;
  readonly elapsedMs: number;
  /** The first window's burst free, then `limit` per window. */
  readonly theoreticalMinMs: number;
  /** Requests the simulator received for the provider during the scenario. */
  readonly serverRequests: number;
  /** Why calls failed, if any, and how many: e.g. `6 retry budget spent`. */
  readonly failureReasons: readonly string[];
}

/** Inputs of {@link runRateLimitScenario}. */
export interface RateLimitScenarioOptions {
  readonly sim: Simulator;
  readonly provider: string;
  readonly adapter: Adapter;
  readonly auth: AuthOptions;
  /** The provider's limit, as the simulator enforces it; the client is told the same. */
  readonly limit: SimulatedRateLimit;
  readonly calls: number;
  readonly path: string;
  /** Use Rosetta's limiter (`true`), or `rateLimit: false` and retries alone, for comparison. */
  readonly limiter: boolean;
  readonly out: DemoOutput;
}

/**
 * Fires `calls` GETs at once at a rate-limited provider through one client and reports how close
 * to the theoretical minimum time it got and whether every call succeeded. With `limiter`, the
 * client knows the provider's limit (a reservoir of `limit` per window) and follows its rate-limit
 * headers; without, it has only its retries, which honour the provider's reset.
 */
export async function runRateLimitScenario(options: RateLimitScenarioOptions): Promise<RateLimitSummary> {
  const { sim, provider, limit, calls, out } = options;
  const client = createClient(options.adapter, {
    baseUrl: sim.urlFor(provider),
    auth: options.auth,
    // With the limiter: the adapter's declared buckets (they read the provider's rate-limit headers).
    ...(options.limiter ? {} : { rateLimit: false as const }),
    retry: { maxRetries: 5, baseDelayMs: 50, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 },
  });
  let throttled = 0;
  let retries = 0;
  let limiterWaits = 0;
  let longestLimiterWaitMs = 0;
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
    limiterWaits++;
    longestLimiterWaitMs = Math.max(longestLimiterWaitMs, e.ms);
  });

  // The simulator's windows start at multiples of windowMs: begin with a fresh one, so both runs
  // start equal and the theoretical minimum holds.
  await new Promise((resolve) => setTimeout(resolve, limit.windowMs - (Date.now() % limit.windowMs)));
  const before = sim.stats(provider).requests;
  const bar = createProgressBar(out, calls, options.limiter ? "calls, Rosetta's limiter" : 'calls, retries only');
  let done = 0;
  const started = Date.now();
  const results = await Promise.allSettled(
    Array.from({ length: calls }, (_, i) =>
      client
        .get(`${options.path}${options.path.includes('?') ? '&' : '?'}page=${i + 1}`)
        .finally(() => bar.update(++done)),
    ),
  );
  const elapsedMs = Date.now() - started;
  bar.finish();
  await client.close();

  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  return {
    provider,
    limiter: options.limiter,
    calls,
    succeeded: calls - failures.length,
    failed: failures.length,
    throttled,
    retries,
    limiterWaits,
    longestLimiterWaitMs,
    elapsedMs,
    theoreticalMinMs: (Math.max(0, calls - limit.limit) / limit.limit) * limit.windowMs,
    serverRequests: sim.stats(provider).requests - before,
    failureReasons: [...reasons].map(([reason, count]) => `${count} ${reason}`),
  };
}
