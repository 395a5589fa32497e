// One worker process of bench/distributed.bench.ts: a Rosetta client whose rate limit lives in Redis (`shared`),
// one with its own in-process limiter (`local`), or naive p-retry(ky) (`naive`).
// Argument: the WorkerConfig as JSON. Sends 'ready' once connected, runs its calls on 'go', reports.
import { setMaxListeners } from 'node:events';
import { createClient, genericAdapter, type RateLimitOptions } from '@rosetta/core';
import { redisRateLimit } from '@rosetta/core/redis';
import { loadBaselines } from './support/load-baselines';
import { runPool } from './support/run-pool';
import { sendJson, startHttpServer } from './support/start-http-server';

/** What the parent tells a worker. */
export interface WorkerConfig {
  /** `shared`: the limit lives in Redis; `local`: each process its own in-process limiter; `naive`: p-retry(ky). */
  readonly mode: 'shared' | 'local' | 'naive';
  readonly providerUrl: string;
  readonly redisUrl: string;
  /** The shared limiter's id: one per variant, so variants never share state. */
  readonly limiterId: string;
  readonly rateLimit: Omit<RateLimitOptions, 'engine'>;
  readonly calls: number;
  readonly concurrency: number;
  /** No call starts after this long; the ones in flight are aborted. */
  readonly timeLimitMs: number;
}

/** What a worker reports. */
export interface WorkerReport {
  readonly type: 'done';
  readonly succeeded: number;
  readonly failed: number;
  /** Calls not started before the time limit. */
  readonly skipped: number;
  readonly errors: readonly (readonly [string, number])[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;

// Warm the code paths with an in-process limiter against a plain server: the shared Redis
// budget is for the measured calls only.
const warm = await startHttpServer((req, res) => {
  req.resume();
  sendJson(res, 200, { id: 'item_0', ok: true });
});
const twin = createClient(genericAdapter, { baseUrl: warm.url, rateLimit: false });
await runPool({ total: 100, concurrency: config.concurrency, task: () => twin.get('/item') });
await twin.close();
await warm.close();

const client = createClient(genericAdapter, {
  baseUrl: config.providerUrl,
  rateLimit:
    config.mode === 'shared'
      ? redisRateLimit({ ...config.rateLimit, id: config.limiterId, redis: { url: config.redisUrl } })
      : config.mode === 'local'
        ? config.rateLimit
        : false,
});
const stop = new AbortController();
setMaxListeners(config.concurrency * 4, stop.signal);
const { ky, pRetry } = await loadBaselines();
const call =
  config.mode === 'naive'
    ? () =>
        pRetry(() => ky.get(`${config.providerUrl}/item`, { retry: 0, signal: stop.signal }).json(), {
          retries: 10,
          signal: stop.signal,
        })
    : () => client.get('/item', { signal: stop.signal });

process.once('message', async (message) => {
  if (message !== 'go') return;
  const timer = setTimeout(() => stop.abort(new Error('time limit')), config.timeLimitMs);
  const result = await runPool({
    total: config.calls,
    concurrency: config.concurrency,
    timeLimitMs: config.timeLimitMs,
    task: call,
    describe: (error) => {
      const e = error as { kind?: unknown; code?: unknown; name?: unknown };
      if (e.kind === 'aborted' || stop.signal.aborted) return 'stopped at the time limit';
      return e.kind === undefined ? String(e.name) : `${String(e.kind)}/${String(e.code)}`;
    },
  });
  clearTimeout(timer);
  await client.close();
  const report: WorkerReport = {
    type: 'done',
    succeeded: result.succeeded,
    failed: result.failed,
    skipped: result.skipped,
    errors: [...result.errors],
  };
  process.send?.(report, () => process.exit(0));
});
process.send?.('ready');
