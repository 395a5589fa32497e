// Limiter overhead: no-op jobs through no limiter, stock bottleneck and Rosetta's limiter, side by side.
// MEASURED.md: a stock bottleneck limiter with nothing to limit runs ~430 jobs/s whatever the concurrency
// (LocalDatastore.yieldLoop awaits setTimeout(0) in every datastore step, serialized by its locks).
// Run: node --import tsx bench/limiter.bench.ts
import { createRequire } from 'node:module';
import { createLimiter } from '../packages/core/src/limit/create-limiter';
import { removeTimerYield } from '../packages/core/src/limit/remove-timer-yield';
import type { Limiter } from '../packages/core/src/limit/types';

// bottleneck is a dependency of @rosetta/core, not of the workspace root.
const Bottleneck = createRequire(new URL('../packages/core/package.json', import.meta.url))(
  'bottleneck/light.js',
) as typeof import('bottleneck').default;

const CONCURRENCY = 32;
const JOBS = 20_000;
/** Stock bottleneck needs ~1 s per 430 jobs: fewer jobs, same rate. */
const SLOW_JOBS = 1_000;
const ROUNDS = 3;

interface Variant {
  readonly name: string;
  readonly jobs: number;
  /** Builds a fresh scheduler for one round and a function that disposes of it. */
  readonly make: () => { schedule: (job: () => Promise<number>) => Promise<unknown>; dispose: () => Promise<unknown> };
}

const noop = (): Promise<number> => Promise.resolve(1);

function rosetta(options: Parameters<typeof createLimiter>[0]) {
  return () => {
    const limiter = createLimiter(options) as Limiter;
    return { schedule: (job: () => Promise<number>) => limiter.schedule(job), dispose: () => limiter.close() };
  };
}

function stock(patch: boolean) {
  return () => {
    const limiter = new Bottleneck({ maxConcurrent: CONCURRENCY });
    if (patch) removeTimerYield(limiter);
    return { schedule: (job: () => Promise<number>) => limiter.schedule(job), dispose: () => limiter.disconnect() };
  };
}

const variants: Variant[] = [
  { name: 'no limiter', jobs: JOBS, make: () => ({ schedule: (job) => job(), dispose: async () => undefined }) },
  { name: `stock bottleneck (maxConcurrent ${CONCURRENCY})`, jobs: SLOW_JOBS, make: stock(false) },
  {
    name: `Rosetta (maxConcurrent ${CONCURRENCY})`,
    jobs: JOBS,
    make: rosetta({ maxConcurrent: CONCURRENCY, maxQueued: JOBS }),
  },
  {
    name: `Rosetta (maxConcurrent ${CONCURRENCY} + reservoir)`,
    jobs: JOBS,
    make: rosetta({
      maxConcurrent: CONCURRENCY,
      reservoir: { size: 1_000_000, refreshIntervalMs: 60_000 },
      maxQueued: JOBS,
    }),
  },
  { name: 'Rosetta (adaptive only: {})', jobs: JOBS, make: rosetta({ maxQueued: JOBS }) },
  { name: `stock bottleneck + removeTimerYield only`, jobs: JOBS, make: stock(true) },
];

async function measure(variant: Variant): Promise<{ rate: number; cpuMicros: number }> {
  const { schedule, dispose } = variant.make();
  const cpu = process.cpuUsage();
  const began = performance.now();
  await Promise.all(Array.from({ length: variant.jobs }, () => schedule(noop)));
  const ms = performance.now() - began;
  const used = process.cpuUsage(cpu);
  await dispose();
  return { rate: (variant.jobs / ms) * 1_000, cpuMicros: (used.user + used.system) / variant.jobs };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

console.log(`limiter overhead — ${new Date().toISOString()} — Node ${process.version}`);
console.log(
  `no-op jobs, ${JOBS.toLocaleString('en-US')} per round (${SLOW_JOBS.toLocaleString('en-US')} for stock bottleneck), median of ${ROUNDS} rounds after a warm-up\n`,
);
const results: { name: string; rate: number; cpu: number }[] = [];
for (const variant of variants) {
  await measure({ ...variant, jobs: Math.min(variant.jobs, 1_000) });
  const rounds: { rate: number; cpuMicros: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) rounds.push(await measure(variant));
  results.push({
    name: variant.name,
    rate: median(rounds.map((r) => r.rate)),
    cpu: median(rounds.map((r) => r.cpuMicros)),
  });
}
const baseline = results[0]?.rate ?? 1;
const stockRate = results[1]?.rate ?? 1;
console.log(
  `${'variant'.padEnd(46)} ${'jobs/s'.padStart(12)} ${'CPU µs/job'.padStart(11)} ${'vs none'.padStart(9)} ${'vs stock'.padStart(9)}`,
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(46)} ${Math.round(r.rate).toLocaleString('en-US').padStart(12)} ${r.cpu.toFixed(1).padStart(11)} ${(r.rate / baseline).toFixed(4).padStart(9)} ${`${(r.rate / stockRate).toFixed(1)}x`.padStart(9)}`,
  );
}
