// One process of the example: a Stripe client whose rate limits live in Redis, making its share of the calls.
// Forked by run-shared-limit.ts with its settings in the environment. Over IPC it says `ready` once loaded, starts
// its calls on `go` (so that no process is still starting while the other calls), and sends its WorkerReport.
import { createClient, isApiError } from '@rosetta/core';
import { redisRateLimit } from '@rosetta/core/redis';
import { stripe } from '@rosetta/stripe';

/** What one worker tells its parent. */
export interface WorkerReport {
  readonly succeeded: number;
  /** Failed calls by kind and code, e.g. `rate_limited/rate_limit_hold`. */
  readonly failed: Readonly<Record<string, number>>;
  /** Answers the provider refused (429s seen by this client, retried or not). */
  readonly throttled: number;
}

const { STRIPE_URL, REDIS_URL, LIMITER_ID, CALLS, SHARED } = process.env;
if (STRIPE_URL === undefined || REDIS_URL === undefined || LIMITER_ID === undefined || CALLS === undefined) {
  throw new Error('worker: STRIPE_URL, REDIS_URL, LIMITER_ID and CALLS must be set');
}

const client = createClient(stripe, {
  baseUrl: STRIPE_URL,
  // A test-mode key: the adapter's `test` bucket applies, Stripe's 25 operations per second in test mode.
  auth: { apiKey: 'sk_test_FAKEsharedLimitExampleKey0000000' },
  // Every process created with the same id shares the adapter's buckets through Redis: the tokens taken, and
  // the pause after a refusal. SHARED=0 leaves each process its own in-process limiter, for comparison.
  ...(SHARED === '0' ? {} : { rateLimit: redisRateLimit({ id: LIMITER_ID, redis: { url: REDIS_URL } }) }),
});
let throttled = 0;
client.on('response', (event) => {
  if (event.status === 429) throttled++;
});

await new Promise<void>((resolve) => {
  process.once('message', () => resolve());
  process.send?.('ready');
});
const failed: Record<string, number> = {};
let succeeded = 0;
await Promise.all(
  Array.from({ length: Number(CALLS) }, async () => {
    try {
      await client.get('/v1/customers/{id}', { params: { id: 'cus_FAKE0001' } });
      succeeded++;
    } catch (err) {
      const key = isApiError(err) ? `${err.kind}/${err.code ?? ''}` : String(err);
      failed[key] = (failed[key] ?? 0) + 1;
    }
  }),
);
await client.close();
const report: WorkerReport = { succeeded, failed, throttled };
process.send?.(report, () => process.exit(0));
