// Distributed limit: 4 worker processes share one Redis-backed limit of 100 req/s against one provider
// enforcing 100 req/s, next to 4 processes each with its own in-process limiter and naive p-retry(ky). Run: node --conditions=source --import tsx bench/distributed.bench.ts
import { fork } from 'node:child_process';
import type { WorkerConfig, WorkerReport } from './distributed-worker';
import { formatInt, formatPercent, markdownTable } from './support/format';
import { machineInfo } from './support/machine-info';
import {
  intArg,
  runIfMain,
  type Scenario,
  type ScenarioReport,
  type TargetCheck,
  targetTable,
} from './support/scenario';
import { startRateLimitedProvider } from './support/start-rate-limited-provider';
// The Redis limiter tests' helper: one way to start a throwaway redis-server for tests and benchmarks.
import { findRedisServer, startRedisServer } from '../packages/core/test/limit/redis-server';

const WORKERS = 4;
const RATE = 100;
const BURST = 10;
const CALLS_PER_WORKER = 200;
const CONCURRENCY_PER_WORKER = 25;
/** Each worker stops starting calls after this (a slow variant is judged on what it did). */
const TIME_LIMIT_MS = 15_000;
/** Workers that have not reported by then are killed. */
const KILL_AFTER_MS = TIME_LIMIT_MS + 15_000;

interface Variant {
  readonly name: string;
  readonly mode: WorkerConfig['mode'];
  /** Rated against the target (the shared-limit rows). */
  readonly judged: boolean;
  readonly rateLimit: WorkerConfig['rateLimit'];
}

const TOKEN_BUCKET: WorkerConfig['rateLimit'] = {
  extra: [{ id: 'rate', model: 'token-bucket', ratePerSec: RATE, burst: BURST, source: 'bench' }],
};
const FIXED_WINDOW: WorkerConfig['rateLimit'] = {
  extra: [{ id: 'rate', model: 'fixed-window', limit: RATE, windowMs: 1_000, source: 'bench' }],
};

const VARIANTS: readonly Variant[] = [
  {
    name: `Rosetta, shared through Redis: token bucket ${RATE}/s, burst ${BURST}`,
    mode: 'shared',
    judged: true,
    rateLimit: TOKEN_BUCKET,
  },
  // Not the provider's model (a 100-call window start into a 10-token bucket): shown, not rated. The in-process
  // limiter with the same declaration does worse (docs/benchmarks.md).
  {
    name: `Rosetta, shared through Redis: fixed window ${RATE} per second (not the provider's model)`,
    mode: 'shared',
    judged: false,
    rateLimit: FIXED_WINDOW,
  },
  {
    name: `Rosetta, each process its own in-process token bucket ${RATE}/s, burst ${BURST}`,
    mode: 'local',
    judged: false,
    rateLimit: TOKEN_BUCKET,
  },
  { name: 'naive p-retry(ky), 10 retries, no limiter', mode: 'naive', judged: false, rateLimit: {} },
];

interface Outcome {
  readonly variant: Variant;
  readonly ok: number;
  readonly limited: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly spanMs: number;
  readonly errors: ReadonlyMap<string, number>;
}

async function runVariant(variant: Variant, index: number, redisUrl: string, callsPerWorker: number): Promise<Outcome> {
  const provider = await startRateLimitedProvider({ ratePerSecond: RATE, burst: BURST });
  const config: WorkerConfig = {
    mode: variant.mode,
    providerUrl: provider.url,
    redisUrl,
    limiterId: `bench-distributed-${process.pid}-${index}`,
    rateLimit: variant.rateLimit,
    calls: callsPerWorker,
    concurrency: CONCURRENCY_PER_WORKER,
    timeLimitMs: TIME_LIMIT_MS,
  };
  const execArgv = process.execArgv.filter((flag) => flag !== '--expose-gc' && !flag.startsWith('--cpu-prof'));
  const workers = Array.from({ length: WORKERS }, () =>
    fork(new URL('./distributed-worker.ts', import.meta.url), [JSON.stringify(config)], { execArgv }),
  );
  await Promise.all(workers.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve()))));
  const reports = workers.map(
    (w) =>
      new Promise<WorkerReport | undefined>((resolve) => {
        w.on('message', (message: WorkerReport) => {
          if (message.type === 'done') resolve(message);
        });
        w.once('exit', () => resolve(undefined));
      }),
  );
  const killer = setTimeout(() => {
    for (const w of workers) w.kill('SIGKILL');
  }, KILL_AFTER_MS);
  for (const w of workers) w.send('go');
  const done = await Promise.all(reports);
  clearTimeout(killer);
  const counts = provider.counts();
  await provider.close();
  const errors = new Map<string, number>();
  for (const report of done) for (const [key, n] of report?.errors ?? []) errors.set(key, (errors.get(key) ?? 0) + n);
  const missing = done.filter((r) => r === undefined).length;
  if (missing > 0) errors.set('worker killed without a report', missing);
  const skipped = done.reduce((n, r) => n + (r?.skipped ?? 0), 0);
  if (skipped > 0) errors.set(`not started within ${TIME_LIMIT_MS / 1_000} s`, skipped);
  return {
    variant,
    ok: counts.ok,
    limited: counts.limited,
    succeeded: done.reduce((n, r) => n + (r?.succeeded ?? 0), 0),
    failed: done.reduce((n, r) => n + (r?.failed ?? 0), 0),
    spanMs: (counts.lastAt ?? 0) - (counts.firstAt ?? 0),
    errors,
  };
}

async function run(args: readonly string[]): Promise<ScenarioReport> {
  const binary = findRedisServer();
  if (binary === undefined) {
    const message = 'SKIPPED: redis-server is not installed (run scripts/ensure-redis.sh).';
    console.log(`distributed: ${message}`);
    return { name: 'distributed', markdown: `## Distributed limit (Redis)\n\n${message}`, targets: [] };
  }
  const callsPerWorker = intArg(args, 'calls-per-worker', CALLS_PER_WORKER);
  const redis = await startRedisServer(binary);
  console.log(
    `distributed: ${WORKERS} worker processes x ${callsPerWorker} calls (concurrency ${CONCURRENCY_PER_WORKER} each), ` +
      `one Redis-backed limit, provider ${RATE} req/s (token bucket, burst ${BURST}); variants one after another`,
  );
  const outcomes: Outcome[] = [];
  try {
    // `--variant <n>` runs only the n-th contender (from 1), for a quick look at one row.
    const only = intArg(args, 'variant', 0);
    for (const [index, variant] of VARIANTS.entries())
      if (only === 0 || only === index + 1) outcomes.push(await runVariant(variant, index, redis.url, callsPerWorker));
  } finally {
    await redis.kill();
  }
  const used = (o: Outcome): number => o.ok / Math.max(0.001, o.spanMs / 1_000) / RATE;
  // The provider cannot answer `ok` calls faster than its burst at once and the rest at its rate.
  const minimumMs = (o: Outcome): number => (Math.max(0, o.ok - BURST) / RATE) * 1_000;
  const rows = outcomes.map((o) => [
    o.variant.name,
    String(WORKERS),
    formatInt(o.succeeded + o.failed),
    formatPercent(used(o)),
    String(o.limited),
    String(o.failed),
    `${(o.spanMs / 1_000).toFixed(1)} s`,
    `${(o.spanMs / Math.max(1, minimumMs(o))).toFixed(2)}x`,
    [...o.errors].map(([k, n]) => `${k} x${n}`).join(', ') || '-',
  ]);
  const checks: TargetCheck[] = outcomes
    .filter((o) => o.variant.judged)
    .flatMap((o) => [
      { name: `${o.variant.name}: 429s`, target: '0', measured: String(o.limited), met: o.limited === 0 },
      {
        name: `${o.variant.name}: share of the limit used`,
        target: '>= 95%',
        measured: formatPercent(used(o)),
        met: used(o) >= 0.95,
      },
    ]);
  const markdown = [
    '## Distributed limit (Redis)',
    '',
    ...machineInfo().map((line) => `- ${line}`),
    '',
    `${WORKERS} worker processes, ${callsPerWorker} calls each at concurrency ${CONCURRENCY_PER_WORKER}, against one ` +
      `provider enforcing ${RATE} req/s (token bucket, burst ${BURST}; headers as in the goodput scenario). Shared ` +
      'rows: one Rosetta client per process with `rateLimit: redisRateLimit({ id, ..., redis: { url } })` (same id: ' +
      'one limit), own `redis-server` on a free port. Share of the limit used = 2xx answers per second between the ' +
      `first and the last request the provider saw, over ${RATE} req/s; time vs minimum = that span over ` +
      `(2xx answers - ${BURST}) / ${RATE} s. Each worker stops starting calls after ${TIME_LIMIT_MS / 1_000} s, so a ` +
      'slow variant is rated on what it did by then.',
    '',
    markdownTable(
      [
        'contender',
        'processes',
        'calls settled',
        'share of the limit used',
        'rejected (429s)',
        'calls failed',
        'time',
        'time vs minimum',
        'failures',
      ],
      rows,
    ),
    '',
    targetTable(checks),
  ].join('\n');
  return { name: 'distributed', markdown, targets: checks };
}

/** The distributed-limit scenario. */
export const distributed: Scenario = { name: 'distributed', run };

await runIfMain(import.meta.url, distributed);
