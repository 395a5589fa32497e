// Goodput against a rate-limited provider: how close to the provider's limit each client gets, and
// how many 429s it provokes on the way. Run: node --conditions=source --import tsx bench/goodput.bench.ts
import { setMaxListeners } from 'node:events';
import { createClient, genericAdapter, type RateLimitOptions } from '@rosetta/core';
import { forkContenders, serveContender } from './support/fork-contenders';
import { formatInt, formatPercent, formatRatio, markdownTable } from './support/format';
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
import { sendJson, startHttpServer } from './support/start-http-server';
import { startRateLimitedProvider } from './support/start-rate-limited-provider';

const RATE = 100;
const BURST = 10;
const CONCURRENCY = 50;
/** Rosetta's target is for 2,000 calls. */
const CALLS = 2_000;
/**
 * The naive clients need 3x to 13x the minimum (docs/benchmarks.md): at 2,000 calls p-retry alone would
 * take over four minutes, so they run docs/benchmarks.md's 500 calls, at the same time as Rosetta.
 */
const BASELINE_CALLS = 500;
/** No contender starts a call after this; the ones in flight are aborted. */
const TIME_LIMIT_MS = 45_000;

interface Client {
  call(signal: AbortSignal): Promise<unknown>;
  /** Why calls stopped retrying (Rosetta's `error` events). */
  readonly stops: Map<string, number>;
  close(): Promise<void>;
}

interface Contender {
  readonly name: string;
  readonly calls: number;
  /** Whether the Rosetta target applies (diagnostic variants are reported, not judged). */
  readonly judged: boolean;
  /** Header precision of this contender's provider. @default 'seconds' */
  readonly precision?: 'seconds' | 'milliseconds';
  readonly make: (url: string) => Client;
}

/** Plain data: it crosses the process boundary. */
interface Outcome {
  readonly index: number;
  readonly elapsedMs: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly ok: number;
  readonly limited: number;
  readonly stops: readonly (readonly [string, number])[];
}

const DOCUMENTED = `token bucket ${RATE}/s, burst ${RATE}`;
const SHAPED = `token bucket ${RATE}/s, burst ${BURST}`;

async function contenders(args: readonly string[]): Promise<Contender[]> {
  const { ky, pRetry } = await loadBaselines();
  const calls = intArg(args, 'calls', CALLS);
  const baselineCalls = intArg(args, 'baseline-calls', BASELINE_CALLS);
  const plain = (call: (url: string, signal: AbortSignal) => Promise<unknown>) => (url: string) => ({
    call: (signal: AbortSignal) => call(url, signal),
    stops: new Map<string, number>(),
    close: async () => undefined,
  });
  const rosetta = (rateLimit: RateLimitOptions) => (url: string) => {
    const client = createClient(genericAdapter, { baseUrl: url, rateLimit });
    const stops = new Map<string, number>();
    client.on('error', ({ error, stopReason }) => {
      const key =
        error.kind === 'aborted' ? 'stopped at the time limit' : `${error.kind}, ${stopReason ?? 'not retried'}`;
      stops.set(key, (stops.get(key) ?? 0) + 1);
    });
    return { call: (signal: AbortSignal) => client.get('/item', { signal }), stops, close: () => client.close() };
  };
  const bucket = (burst: number) => ({
    extra: [{ id: 'rate', model: 'token-bucket' as const, ratePerSec: RATE, burst, source: 'bench: the server limit' }],
  });
  const shaped = bucket(BURST);
  return [
    {
      name: 'ky default retry (limit 2, honours Retry-After)',
      calls: baselineCalls,
      judged: false,
      make: plain((url, signal) => ky.get(`${url}/item`, { signal }).json()),
    },
    {
      name: 'ky retry limit 10',
      calls: baselineCalls,
      judged: false,
      make: plain((url, signal) => ky.get(`${url}/item`, { retry: { limit: 10 }, signal }).json()),
    },
    {
      name: 'p-retry(ky), 10 retries',
      calls: baselineCalls,
      judged: false,
      make: plain((url, signal) =>
        pRetry(() => ky.get(`${url}/item`, { retry: 0, signal }).json(), { retries: 10, signal }),
      ),
    },
    {
      name: `Rosetta \`${DOCUMENTED}\` `,
      calls,
      judged: true,
      make: rosetta(bucket(RATE)),
    },
    { name: `Rosetta \`${SHAPED}\``, calls, judged: true, make: rosetta(shaped) },
    {
      name: `Rosetta min interval ${1_000 / RATE} ms`,
      calls,
      judged: true,
      make: rosetta({ extra: [{ id: 'pace', model: 'min-interval', intervalMs: 1_000 / RATE, source: 'bench' }] }),
    },
    {
      name: `diagnostic: Rosetta \`${SHAPED}\`, provider sending \`retry-after-ms\``,
      calls,
      judged: false,
      precision: 'milliseconds',
      make: rosetta(shaped),
    },
  ];
}

/** Runs some calls through a twin of the contender against a plain server: JIT and sockets warm. */
async function warmUp(contender: Contender): Promise<void> {
  const server = await startHttpServer((req, res) => {
    req.resume();
    sendJson(res, 200, { id: 'item_0', ok: true });
  });
  const twin = contender.make(server.url);
  const signal = new AbortController().signal;
  setMaxListeners(CONCURRENCY * 2, signal);
  await runPool({ total: 4 * CONCURRENCY, concurrency: CONCURRENCY, task: () => twin.call(signal) });
  await twin.close();
  await server.close();
}

/** Sets a contender up (warm-up, provider, client) and returns the function that runs it. */
async function prepareRace(contender: Contender, index: number): Promise<() => Promise<Outcome>> {
  await warmUp(contender);
  const provider = await startRateLimitedProvider({
    ratePerSecond: RATE,
    burst: BURST,
    precision: contender.precision ?? 'seconds',
  });
  const client = contender.make(provider.url);
  const stop = new AbortController();
  // One signal shared by every call, as an app's shutdown signal would be.
  setMaxListeners(CONCURRENCY * 4, stop.signal);
  return async () => {
    const timer = setTimeout(() => stop.abort(new Error('time limit')), TIME_LIMIT_MS);
    const result = await runPool({
      total: contender.calls,
      concurrency: CONCURRENCY,
      timeLimitMs: TIME_LIMIT_MS,
      task: () => client.call(stop.signal),
      describe: describeFailure,
    });
    clearTimeout(timer);
    await client.close();
    const { ok, limited } = provider.counts();
    await provider.close();
    return {
      index,
      elapsedMs: result.elapsedMs,
      succeeded: result.succeeded,
      failed: result.failed,
      skipped: result.skipped,
      ok,
      limited,
      stops: client.stops.size > 0 ? [...client.stops] : [...result.errors],
    };
  };
}

function describeFailure(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown; response?: { status?: unknown } } | undefined;
  if (typeof e?.response?.status === 'number') return `${String(e.name)} ${e.response.status}`;
  return `${String(e?.name)}: ${String(e?.message).slice(0, 60)}`;
}

async function run(args: readonly string[]): Promise<ScenarioReport> {
  // `--only <regex>`: the contenders whose name matches (the same list in every process).
  const only = args.includes('--only') ? new RegExp(args[args.indexOf('--only') + 1] ?? '', 'i') : undefined;
  const list = (await contenders(args)).filter((c) => only === undefined || only.test(c.name));
  await serveContender(args, (index) => prepareRace(list[index] as Contender, index));
  console.log(
    `goodput: provider ${RATE} req/s (token bucket, burst ${BURST}), concurrency ${CONCURRENCY}; ` +
      `${list.length} clients at the same time, each in its own process against its own provider`,
  );
  const outcomes = (await forkContenders<Outcome>(import.meta.url, list.length, args)).map((o) => {
    const contender = list[o.index] as Contender;
    const minimumMs = (Math.max(0, contender.calls - BURST) / RATE) * 1_000;
    // A run cut by the time limit is judged on the pace it kept: calls done per second.
    const finished = o.skipped === 0;
    const paceMs = finished ? o.elapsedMs : (o.elapsedMs * contender.calls) / Math.max(1, o.succeeded + o.failed);
    return { ...o, contender, finished, ratio: paceMs / minimumMs, share: o.limited / Math.max(1, o.ok + o.limited) };
  });
  const rows = outcomes.map((o) => [
    o.contender.name,
    formatInt(o.contender.calls),
    o.finished
      ? `${(o.elapsedMs / 1_000).toFixed(1)} s`
      : `stopped at ${(o.elapsedMs / 1_000).toFixed(0)} s, ${o.skipped} not started`,
    `${formatRatio(o.ratio)}x${o.finished ? '' : ' (pace)'}`,
    formatPercent(o.share),
    formatInt(o.ok + o.limited),
    `${o.failed} / ${o.contender.calls}`,
    o.stops.map(([reason, n]) => `${reason} x${n}`).join('; ') || '-',
  ]);
  const checks: TargetCheck[] = outcomes
    .filter((o) => o.contender.judged)
    .flatMap((o) => [
      {
        name: `${o.contender.name}: time / minimum`,
        target: '<= 1.10x',
        measured: `${formatRatio(o.ratio)}x`,
        met: o.finished && o.ratio <= 1.1,
      },
      {
        name: `${o.contender.name}: share of 429s`,
        target: '<= 2%',
        measured: formatPercent(o.share),
        met: o.share <= 0.02,
      },
      {
        name: `${o.contender.name}: calls failed`,
        target: '0',
        measured: String(o.failed),
        met: o.failed === 0 && o.finished,
      },
    ]);
  const markdown = [
    '## Goodput against a rate-limited provider',
    '',
    `Provider: token bucket ${RATE} req/s, burst ${BURST}. A 429 carries \`Retry-After\` in whole seconds (as HTTP has it: ` +
      '`1`); every answer carries `x-ratelimit-limit: 100`, `x-ratelimit-remaining` (whole tokens left) and ' +
      '`x-ratelimit-reset` (whole seconds until the bucket is full). ' +
      `Concurrency ${CONCURRENCY}. Every client ran at the same time, each in its own process against its own provider, ` +
      `after a warm-up against a plain server. Minimum = (calls - burst) / rate: ${((CALLS - BURST) / RATE).toFixed(1)} s for ` +
      `${formatInt(CALLS)} calls, ${((BASELINE_CALLS - BURST) / RATE).toFixed(1)} s for ${BASELINE_CALLS}. A run stopped by the ` +
      `${TIME_LIMIT_MS / 1_000} s limit is rated by its pace (calls settled per second).`,
    '',
    markdownTable(
      [
        'client',
        'calls',
        'time',
        'time / minimum',
        'requests answered 429',
        'requests sent',
        'calls failed',
        'failures (kind, stop reason)',
      ],
      rows,
    ),
    '',
    targetTable(checks),
  ].join('\n');
  return { name: 'goodput', markdown, targets: checks };
}

/** The goodput scenario. */
export const goodput: Scenario = { name: 'goodput', run };

await runIfMain(import.meta.url, goodput);
