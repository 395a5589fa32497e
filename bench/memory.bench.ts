// Memory: 100,000 requests, one in ten an error, through one Rosetta client. Heap after GC must not
// grow by more than 10 MB, and no MaxListenersExceededWarning may fire.
// Run: node --conditions=source --import tsx --expose-gc bench/memory.bench.ts (re-runs itself with
// --expose-gc when started without it).
import { getEventListeners, setMaxListeners } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createClient, genericAdapter } from '@rosetta/core';
import { formatInt, formatMb, markdownTable } from './support/format';
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

const REQUESTS = 100_000;
const CONCURRENCY = 64;
const CHECKPOINTS = 4;
const WARMUP = 2_000;
const MAX_GROWTH_BYTES = 10 * 1024 * 1024;

/** Heap in use after full collections (run twice: the first may leave finalizer work behind). */
async function settledHeap(): Promise<number> {
  const gc = globalThis.gc as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await nextTurn();
  }
  return process.memoryUsage().heapUsed;
}

async function run(args: readonly string[]): Promise<ScenarioReport> {
  const requests = intArg(args, 'requests', REQUESTS);
  const warnings: string[] = [];
  process.on('warning', (warning) => warnings.push(`${warning.name}: ${warning.message}`));
  const server = await startServerProcess('mixed');
  // Short backoff: the point is 100,000 calls through every path (success, retry, 429 pause,
  // failure), not the waits; the default 500 ms base would only make the run longer.
  const client = createClient(genericAdapter, { baseUrl: server.url, retry: { baseDelayMs: 10 } });
  // One long-lived signal passed to every call, as an app's shutdown signal is: a listener
  // left on it per call is the classic leak.
  const shutdown = new AbortController();
  setMaxListeners(CONCURRENCY * 2, shutdown.signal);
  const failures = new Map<string, number>();
  const call = (): Promise<unknown> => client.get('/item', { signal: shutdown.signal });
  const describe = (error: unknown): string => {
    const e = error as { kind?: unknown; status?: unknown };
    return `${String(e.kind)} ${String(e.status)}`;
  };
  console.log(
    `memory: ${formatInt(requests)} requests at concurrency ${CONCURRENCY}, 10% errors (500, 429 retry-after-ms 2, 404)`,
  );

  await runPool({ total: WARMUP, concurrency: CONCURRENCY, task: call });
  const before = await settledHeap();
  const timeline: string[] = [];
  let done = 0;
  let elapsedMs = 0;
  for (let checkpoint = 1; checkpoint <= CHECKPOINTS; checkpoint++) {
    const chunk = Math.floor(requests / CHECKPOINTS);
    const result = await runPool({ total: chunk, concurrency: CONCURRENCY, task: call, describe });
    for (const [key, n] of result.errors) failures.set(key, (failures.get(key) ?? 0) + n);
    done += chunk;
    elapsedMs += result.elapsedMs;
    const heap = await settledHeap();
    timeline.push(`${formatInt(done)}: ${formatMb(heap - before, true)}`);
    console.log(
      `  after ${formatInt(done).padStart(7)} requests: heap ${formatMb(heap)} (${formatMb(heap - before, true)})`,
    );
  }
  const after = await settledHeap();
  const callerListeners = getEventListeners(shutdown.signal, 'abort').length;
  await client.close();
  const afterClose = await settledHeap();
  const counts = await server.counts();
  await server.close();

  const growth = after - before;
  const maxListener = warnings.filter((w) => w.startsWith('MaxListenersExceededWarning')).length;
  const checks: TargetCheck[] = [
    {
      name: 'heap growth after GC (client still open)',
      target: '<= 10 MB',
      measured: formatMb(growth, true),
      met: growth <= MAX_GROWTH_BYTES,
    },
    { name: 'MaxListenersExceededWarning', target: '0', measured: String(maxListener), met: maxListener === 0 },
  ];
  const rows = [
    ['requests (after a warm-up of 2,000)', formatInt(done)],
    ['time', `${(elapsedMs / 1_000).toFixed(1)} s (${formatInt((done / elapsedMs) * 1_000)} calls/s)`],
    [
      'answers by status (server)',
      Object.entries(counts)
        .map(([s, n]) => `${s}: ${formatInt(n)}`)
        .join(', '),
    ],
    ['calls failed, by kind and status', [...failures].map(([k, n]) => `${k}: ${formatInt(n)}`).join(', ') || '-'],
    ['heap after GC, before', formatMb(before)],
    ['heap after GC, after (client open)', `${formatMb(after)} (${formatMb(growth, true)})`],
    ['heap after GC, after `client.close()`', `${formatMb(afterClose)} (${formatMb(afterClose - before, true)})`],
    ['heap growth at each quarter', timeline.join('; ')],
    ["abort listeners left on the caller's signal", String(callerListeners)],
    ['process warnings', warnings.length === 0 ? '0' : warnings.join('; ')],
  ];
  const markdown = [
    '## Memory under errors',
    '',
    `${formatInt(done)} GETs through one Rosetta client (\`genericAdapter\`, \`retry: { baseDelayMs: 10 }\` so retries do not ` +
      `stretch the run) at concurrency ${CONCURRENCY}, every call passing the same long-lived \`AbortSignal\`. The server ` +
      '(its own process) answers one request in ten with an error: 500, 429 with `retry-after-ms: 2`, 404 in turn. ' +
      "Heap measured after forced GC (`--expose-gc`), warnings collected with `process.on('warning')`.",
    '',
    markdownTable(['measure', 'value'], rows),
    '',
    targetTable(checks),
  ].join('\n');
  return { name: 'memory', markdown, targets: checks };
}

/** The memory scenario. */
export const memory: Scenario = { name: 'memory', needsGc: true, run };

await runIfMain(import.meta.url, memory);
