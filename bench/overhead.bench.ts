// Transport overhead: 20,000 GETs at concurrency 32 against a loopback server, per client, side by
// side in one process. Run: node --conditions=source --import tsx bench/overhead.bench.ts
import { createClient, genericAdapter } from '@rosetta/core';
import { formatInt, formatRatio, markdownTable, median } from './support/format';
import { loadBaselines } from './support/load-baselines';
import { runPool } from './support/run-pool';
import {
  intArg,
  runIfMain,
  type Scenario,
  type ScenarioReport,
  type TargetCheck,
  targetTable,
} from './support/scenario';
import { startServerProcess } from './support/start-server-process';

/**
 * 20,000 GETs per client in all, in short rounds so that a slow phase of the machine hits every client. 15 rounds,
 * not 5: on this shared 2-core machine one round's rate swings 2x, and five medians of the same build gave 0.70x,
 * 0.94x and 1.15x plain ky within ten minutes (2026-11-27 07:04-07:09).
 */
const REQUESTS = 20_000;
const ROUNDS = 15;
const CONCURRENCY = 32;
const WARMUP = 1_000;
/** Stock bottleneck tops out near 430 jobs/s (docs/benchmarks.md): 20,000 would take 50 s. */
const SLOW_REQUESTS = 600;
/** A safety net only: no client should get near it. */
const TIME_LIMIT_MS = 20_000;

interface Contender {
  readonly name: string;
  readonly requests: number;
  /** Builds a fresh client for one round. */
  readonly make: (url: string) => { call(): Promise<unknown>; close(): Promise<void> };
}

interface Sample {
  readonly rate: number;
  readonly cpuMicrosPerRequest: number;
  readonly failed: number;
}

const RAW = 'raw fetch';
const KY = 'plain ky (`retry: 0`)';
const ROSETTA = 'Rosetta, defaults';
/** Not a target: shows what the default (adaptive-only) limiter costs. */
const ROSETTA_UNLIMITED = 'Rosetta, `rateLimit: false` (no limiter at all)';
const ROSETTA_LIMITED = 'Rosetta, a concurrency bucket of 64';

async function contenders(): Promise<Contender[]> {
  const { ky, pRetry, Bottleneck } = await loadBaselines();
  const none = async (): Promise<void> => undefined;
  return [
    {
      name: RAW,
      requests: REQUESTS,
      make: (url) => ({
        call: async () => {
          const response = await fetch(`${url}/item`);
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.json();
        },
        close: none,
      }),
    },
    {
      name: KY,
      requests: REQUESTS,
      make: (url) => ({ call: () => ky.get(`${url}/item`, { retry: 0 }).json(), close: none }),
    },
    {
      name: 'naive ky + p-retry + bottleneck (`maxConcurrent: 64`)',
      requests: SLOW_REQUESTS,
      make: (url) => {
        const limiter = new Bottleneck({ maxConcurrent: 64 });
        return {
          call: () => limiter.schedule(() => pRetry(() => ky.get(`${url}/item`, { retry: 0 }).json(), { retries: 3 })),
          close: () => limiter.disconnect(),
        };
      },
    },
    {
      name: ROSETTA,
      requests: REQUESTS,
      make: (url) => {
        const client = createClient(genericAdapter, { baseUrl: url });
        return { call: () => client.get('/item'), close: () => client.close() };
      },
    },
    {
      name: ROSETTA_UNLIMITED,
      requests: REQUESTS,
      make: (url) => {
        const client = createClient(genericAdapter, { baseUrl: url, rateLimit: false });
        return { call: () => client.get('/item'), close: () => client.close() };
      },
    },
    {
      name: ROSETTA_LIMITED,
      requests: REQUESTS,
      make: (url) => {
        const client = createClient(genericAdapter, {
          baseUrl: url,
          rateLimit: { extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 64, source: 'bench' }] },
        });
        return { call: () => client.get('/item'), close: () => client.close() };
      },
    },
  ];
}

async function measure(contender: Contender, url: string, requests: number): Promise<Sample> {
  const client = contender.make(url);
  const result = await runPool({
    total: requests,
    concurrency: CONCURRENCY,
    timeLimitMs: TIME_LIMIT_MS,
    task: () => client.call(),
  });
  await client.close();
  const done = result.succeeded + result.failed;
  return {
    rate: (done / result.elapsedMs) * 1_000,
    cpuMicrosPerRequest: (result.cpuMs * 1_000) / Math.max(1, done),
    failed: result.failed,
  };
}

async function run(args: readonly string[]): Promise<ScenarioReport> {
  const rounds = intArg(args, 'rounds', ROUNDS);
  const total = intArg(args, 'requests', REQUESTS);
  const perRound = (c: Contender): number => Math.ceil(Math.min(total, c.requests) / rounds);
  const list = await contenders();
  const server = await startServerProcess('json');
  console.log(
    `overhead: ${formatInt(total)} GETs per client (${formatInt(SLOW_REQUESTS)} for stock bottleneck) in ${rounds} rounds ` +
      `(order rotated), concurrency ${CONCURRENCY}, server in its own process`,
  );
  const samples = new Map<string, Sample[]>(list.map((c) => [c.name, []]));
  for (const contender of list) await measure(contender, server.url, Math.min(WARMUP, perRound(contender)));
  for (let round = 0; round < rounds; round++) {
    // Rotating the order spreads slow phases of the machine (other jobs, GC) over every client.
    const order = list.map((_, i) => list[(i + round) % list.length] as Contender);
    for (const contender of order) {
      const sample = await measure(contender, server.url, perRound(contender));
      samples.get(contender.name)?.push(sample);
      console.log(
        `  round ${round + 1}: ${contender.name.padEnd(55)} ${formatInt(sample.rate).padStart(7)} req/s  ` +
          `${sample.cpuMicrosPerRequest.toFixed(0).padStart(4)} µs CPU/req`,
      );
    }
  }
  await server.close();

  const summary = list.map((c) => {
    const own = samples.get(c.name) ?? [];
    return {
      name: c.name,
      requests: perRound(c) * rounds,
      rate: median(own.map((s) => s.rate)),
      low: Math.min(...own.map((s) => s.rate)),
      high: Math.max(...own.map((s) => s.rate)),
      cpu: median(own.map((s) => s.cpuMicrosPerRequest)),
      failed: own.reduce((n, s) => n + s.failed, 0),
    };
  });
  const rateOf = (name: string): number => summary.find((s) => s.name === name)?.rate ?? Number.NaN;
  // Judged on paired ratios: each round's rate over plain ky's (or raw fetch's) in the same round, then the
  // median. A slow phase of the machine hits both sides of a pair, so it cancels; a ratio of two medians taken
  // from different rounds does not.
  const pairedRatio = (name: string, base: string): number => {
    const own = samples.get(name) ?? [];
    const other = samples.get(base) ?? [];
    return median(own.map((s, round) => s.rate / (other[round]?.rate ?? Number.NaN)));
  };
  const cpuOf = (name: string): number => summary.find((s) => s.name === name)?.cpu ?? Number.NaN;
  const rows = summary.map((s) => [
    s.name,
    formatInt(s.requests),
    formatInt(s.rate),
    `${formatInt(s.low)}–${formatInt(s.high)}`,
    formatRatio(s.rate / rateOf(RAW)),
    formatRatio(s.rate / rateOf(KY)),
    s.cpu.toFixed(0),
    formatRatio(s.cpu / cpuOf(RAW)),
    String(s.failed),
  ]);
  const checks: TargetCheck[] = [ROSETTA, ROSETTA_LIMITED].flatMap((name) => {
    const toKy = pairedRatio(name, KY);
    const toRaw = pairedRatio(name, RAW);
    return [
      { name: `${name} vs plain ky`, target: '>= 0.90x', measured: `${formatRatio(toKy)}x`, met: toKy >= 0.9 },
      {
        name: `${name} vs raw fetch (stretch)`,
        target: '>= 0.75x',
        measured: `${formatRatio(toRaw)}x`,
        met: toRaw >= 0.75,
      },
    ];
  });
  const markdown = [
    '## Transport overhead',
    '',
    `${formatInt(total)} GETs per client at concurrency ${CONCURRENCY} against a loopback \`node:http\` server in its own ` +
      `process answering a small JSON item, in ${rounds} rounds after a warm-up, the order rotated each round; req/s is ` +
      "the median over rounds (range in brackets). The targets are judged on paired ratios: each round's rate over " +
      "the baseline's in the same round, median over rounds. CPU µs/req is the benchmark process's own CPU time per request, " +
      `which other jobs on the machine disturb less than wall time. Stock bottleneck ran ${formatInt(SLOW_REQUESTS)} in all.`,
    '',
    markdownTable(
      [
        'client',
        'requests',
        'req/s (median)',
        'range',
        'vs raw fetch',
        'vs plain ky',
        'CPU µs/req',
        'CPU vs raw fetch',
        'failed',
      ],
      rows,
    ),
    '',
    targetTable(checks),
  ].join('\n');
  return { name: 'overhead', markdown, targets: checks };
}

/** The transport overhead scenario. */
export const overhead: Scenario = { name: 'overhead', run };

await runIfMain(import.meta.url, overhead);
