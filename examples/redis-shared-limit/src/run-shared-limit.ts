import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadFixtures, type ProviderStats, startSimulator } from '@rosetta/testkit';
import type { WorkerReport } from './worker';

/** Options of {@link runSharedLimit}. */
export interface SharedLimitOptions {
  /** Where the shared limiter keeps its state, e.g. `redis://127.0.0.1:6379`. */
  readonly redisUrl: string;
  /** @default 2 */
  readonly workers?: number;
  /** @default 50 */
  readonly callsPerWorker?: number;
  /**
   * `false` gives each process its own in-process limiter instead, to see what sharing changes.
   * @default true
   */
  readonly shared?: boolean;
}

/** What a run measured. */
export interface SharedLimitResult {
  readonly workers: readonly WorkerReport[];
  /** What the simulated Stripe saw: requests, answers by status, and how many it refused. */
  readonly provider: ProviderStats;
  readonly calls: number;
  /** From the moment every worker was told to start to the last report. */
  readonly elapsedMs: number;
  /** The least time the calls can take without a refusal: all but a full bucket wait for tokens, `(calls - burst) / rate`. */
  readonly minimumMs: number;
}

/**
 * Stripe's test-mode limit, "Sandbox: 25 operations" per second per account (https://docs.stripe.com/rate-limits),
 * as the simulator models it (a token bucket, full at the start) and as `@rosetta/stripe` declares it (its `test`
 * bucket): both processes' clients together must stay under it.
 */
export const STRIPE_TEST_MODE = { ratePerSec: 25, burst: 25 } as const;

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts a simulated Stripe that enforces its test-mode rate limit, forks `workers` processes that each fire
 * `callsPerWorker` calls at once through a Stripe client sharing its limits through Redis, and reports what the
 * provider saw.
 *
 * @example
 * const result = await runSharedLimit({ redisUrl: 'redis://127.0.0.1:6379' });
 * console.log(result.provider.rateLimited); // 0
 */
export async function runSharedLimit(options: SharedLimitOptions): Promise<SharedLimitResult> {
  const workers = options.workers ?? 2;
  const callsPerWorker = options.callsPerWorker ?? 50;
  const fixtures = loadFixtures(new URL('../../../packages/adapters/stripe/test/fixtures', import.meta.url));
  const sim = await startSimulator({
    providers: [{ id: 'stripe', fixtures, limits: [{ model: 'stripe', ...STRIPE_TEST_MODE }] }],
  });
  // A fresh id per run: a run never inherits the state of an earlier one kept in the same Redis.
  const limiterId = `stripe:example:${process.pid}:${Date.now()}`;
  const env = {
    STRIPE_URL: sim.urlFor('stripe'),
    REDIS_URL: options.redisUrl,
    LIMITER_ID: limiterId,
    SHARED: options.shared === false ? '0' : '1',
  };
  const children = Array.from({ length: workers }, () => forkWorker({ ...env, CALLS: String(callsPerWorker) }));
  try {
    await Promise.all(children.map((child) => child.ready));
    const started = Date.now();
    for (const child of children) child.go();
    const reports = await Promise.all(children.map((child) => child.report));
    const elapsedMs = Date.now() - started;
    const calls = workers * callsPerWorker;
    return {
      workers: reports,
      provider: sim.stats('stripe'),
      calls,
      elapsedMs,
      minimumMs: (Math.max(0, calls - STRIPE_TEST_MODE.burst) / STRIPE_TEST_MODE.ratePerSec) * 1_000,
    };
  } finally {
    for (const child of children) child.kill();
    await sim.close();
  }
}

/** A forked worker: loaded once `ready` resolves, calling after `go()`, done when `report` resolves. */
interface Worker {
  readonly ready: Promise<void>;
  readonly report: Promise<WorkerReport>;
  go(): void;
  kill(): void;
}

/** Forks one worker (TypeScript run by tsx, the workspace packages resolved to their sources). */
function forkWorker(env: Record<string, string>): Worker {
  const child = fork(WORKER, [], {
    cwd: EXAMPLE_DIR,
    execArgv: ['--conditions=source', '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`worker exited with code ${code} before it was done`)));
  });
  const ready = Promise.race([new Promise<void>((resolve) => child.once('message', () => resolve())), exited]);
  const report = Promise.race([
    ready.then(() => new Promise<WorkerReport>((resolve) => child.once('message', (m) => resolve(m as WorkerReport)))),
    exited,
  ]);
  // Whichever the caller does not await must not surface as an unhandled rejection.
  report.catch(() => undefined);
  return {
    ready,
    report,
    go: () => child.send('go'),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
