// Limiter overhead, side by side in one run: no-op jobs through no limiter, stock bottleneck (light
// build, local datastore), bottleneck with its timer yield replaced, and Rosetta's limiter v2 on its
// fast path (no bucket near its limit) and engaged (every call waits for a concurrency slot, and a release
// hands it to the next waiter). "timers/job" counts setTimeout and setImmediate calls per job: a hand-off on a
// timer would show here as >= 1. docs/benchmarks.md: stock bottleneck runs ~430 jobs/s whatever its limits
// (LocalDatastore.yieldLoop awaits setTimeout(0) in every datastore step, serialized by its locks).
// Run: node --conditions=source --import tsx bench/limiter.bench.ts
import { createRequire } from 'node:module';
import { githubLimits } from '../packages/adapters/github/src/limits';
import { createLimiter } from '../packages/core/src/limit/create-limiter';
import type { BucketDefinition, LimitRequest, LimitResponse, Limiter, Permit } from '../packages/core/src/limit/types';

// bottleneck is a root devDependency: core no longer uses it (docs/decisions/bottleneck.md).
const Bottleneck = createRequire(import.meta.url)('bottleneck/light.js') as typeof import('bottleneck').default;

const CONCURRENCY = 32;
const JOBS = 20_000;
/** Stock bottleneck needs ~1 s per 430 jobs: fewer jobs, same rate. */
const SLOW_JOBS = 1_000;
const ROUNDS = 3;
const SOURCE = 'https://example.test/bench';

interface Variant {
  readonly name: string;
  readonly jobs: number;
  /** Builds a fresh scheduler for one round and a function that disposes of it. */
  readonly make: () => { schedule: (job: () => Promise<number>) => Promise<unknown>; dispose: () => Promise<unknown> };
}

const noop = (): Promise<number> => Promise.resolve(1);
const request: LimitRequest = {
  method: 'GET',
  path: '/repos/acme/app',
  route: '/repos/{owner}/{repo}',
  query: undefined,
  body: undefined,
  credentialKey: 'k',
};
const ok: LimitResponse = {
  status: 200,
  headers: {},
  body: undefined,
  now: 0,
  rateLimit: undefined,
  throttle: undefined,
};

/** The client's use of the limiter: acquire (sync on the fast path), run, release. */
function rosetta(buckets: readonly BucketDefinition[]) {
  return () => {
    const limiter = createLimiter(buckets, { maxQueued: JOBS, maxHoldMs: 60_000 }) as Limiter;
    const run = async (permit: Permit, job: () => Promise<number>) => {
      try {
        return await job();
      } finally {
        permit.release(ok);
      }
    };
    return {
      schedule: (job: () => Promise<number>) => {
        const got = limiter.acquire(request);
        return 'release' in got ? run(got, job) : got.then((permit) => run(permit, job));
      },
      dispose: () => limiter.close(),
    };
  };
}

/** bottleneck's LocalDatastore yields through a microtask instead of a 1 ms timer (this instance only). */
function removeTimerYield(limiter: object): void {
  const store = (limiter as { _store?: { yieldLoop?: (t?: number) => Promise<void> } })._store;
  if (store?.yieldLoop === undefined) throw new Error('bottleneck internals changed');
  store.yieldLoop = () => Promise.resolve();
}

function stock(patch: boolean) {
  return () => {
    const limiter = new Bottleneck({ maxConcurrent: CONCURRENCY });
    if (patch) removeTimerYield(limiter);
    return { schedule: (job: () => Promise<number>) => limiter.schedule(job), dispose: () => limiter.disconnect() };
  };
}

const cap: BucketDefinition = { id: 'cc', model: 'concurrency', maxInFlight: CONCURRENCY, source: SOURCE };
const roomy: BucketDefinition[] = [
  { id: 'tb', model: 'token-bucket', ratePerSec: 1e9, burst: 1e9, source: SOURCE },
  { ...cap, maxInFlight: JOBS },
];

/** GitHub's declarations (their scope and cost functions run per call) with room for every job. */
const roomyGithub = githubLimits.map((b) => ({
  ...b,
  ...(b.limit === undefined ? {} : { limit: 1e9 }),
  maxInFlight: JOBS,
}));

const variants: Variant[] = [
  { name: 'no limiter', jobs: JOBS, make: () => ({ schedule: (job) => job(), dispose: async () => undefined }) },
  { name: `stock bottleneck (maxConcurrent ${CONCURRENCY})`, jobs: SLOW_JOBS, make: stock(false) },
  { name: 'bottleneck, timer yield removed', jobs: JOBS, make: stock(true) },
  { name: 'Rosetta fast path (token bucket + cap)', jobs: JOBS, make: rosetta(roomy) },
  { name: 'Rosetta fast path (GitHub buckets)', jobs: JOBS, make: rosetta(roomyGithub) },
  { name: `Rosetta engaged (cap ${CONCURRENCY}: every call queues)`, jobs: JOBS, make: rosetta([cap]) },
  { name: 'Rosetta engaged (cap 1: one hand-off per job)', jobs: JOBS, make: rosetta([{ ...cap, maxInFlight: 1 }]) },
];

/** Counts the timers scheduled while `run` is pending (the limiter's own and the job's; no-op jobs set none). */
async function countingTimers<T>(run: () => Promise<T>): Promise<{ value: T; timers: number }> {
  const { setTimeout: timeout, setImmediate: immediate } = globalThis;
  let timers = 0;
  globalThis.setTimeout = ((...args: Parameters<typeof timeout>) => {
    timers++;
    return timeout(...args);
  }) as typeof timeout;
  globalThis.setImmediate = ((...args: Parameters<typeof immediate>) => {
    timers++;
    return immediate(...args);
  }) as typeof immediate;
  try {
    return { value: await run(), timers };
  } finally {
    globalThis.setTimeout = timeout;
    globalThis.setImmediate = immediate;
  }
}

async function measure(variant: Variant): Promise<{ rate: number; cpuMicros: number; timers: number }> {
  const { schedule, dispose } = variant.make();
  const cpu = process.cpuUsage();
  const began = performance.now();
  const { timers } = await countingTimers(() =>
    Promise.all(Array.from({ length: variant.jobs }, () => schedule(noop))),
  );
  const ms = performance.now() - began;
  const used = process.cpuUsage(cpu);
  await dispose();
  return {
    rate: (variant.jobs / ms) * 1_000,
    cpuMicros: (used.user + used.system) / variant.jobs,
    timers: timers / variant.jobs,
  };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

console.log(`limiter overhead — ${new Date().toISOString()} — Node ${process.version}`);
console.log(
  `no-op jobs, ${JOBS.toLocaleString('en-US')} per round (${SLOW_JOBS.toLocaleString('en-US')} for stock bottleneck), median of ${ROUNDS} rounds after a warm-up\n`,
);
const results: { name: string; rate: number; cpu: number; timers: number }[] = [];
for (const variant of variants) {
  await measure({ ...variant, jobs: Math.min(variant.jobs, 1_000) });
  const rounds: { rate: number; cpuMicros: number; timers: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) rounds.push(await measure(variant));
  results.push({
    name: variant.name,
    rate: median(rounds.map((r) => r.rate)),
    cpu: median(rounds.map((r) => r.cpuMicros)),
    timers: median(rounds.map((r) => r.timers)),
  });
}
const baseline = results[0]?.rate ?? 1;
const stockRate = results[1]?.rate ?? 1;
console.log(
  `${'variant'.padEnd(46)} ${'jobs/s'.padStart(12)} ${'CPU µs/job'.padStart(11)} ${'timers/job'.padStart(11)} ${'vs none'.padStart(9)} ${'vs stock'.padStart(9)}`,
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(46)} ${Math.round(r.rate).toLocaleString('en-US').padStart(12)} ${r.cpu.toFixed(1).padStart(11)} ${r.timers.toFixed(2).padStart(11)} ${(r.rate / baseline).toFixed(4).padStart(9)} ${`${(r.rate / stockRate).toFixed(1)}x`.padStart(9)}`,
  );
}
