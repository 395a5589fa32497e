// Goodput against a rate-limited provider: how close to the provider's limit each client gets, and
// how many 429s it provokes on the way. Run: node --conditions=source --import tsx bench/goodput.bench.ts
import { createClient, genericAdapter, type RateLimitOptions } from '@rosetta/core';
import { formatInt, formatPercent, formatRatio, markdownTable } from './support/format';
import { loadBaselines } from './support/load-baselines';
import { runPool } from './support/run-pool';
import { intArg, runIfMain, type Scenario, type ScenarioReport, type TargetCheck, targetTable } from './support/scenario';
import { startRateLimitedProvider } from './support/start-rate-limited-provider';

const RATE = 100;
const BURST = 10;
const CONCURRENCY = 50;
/** Rosetta's target is for 2,000 calls. */
const CALLS = 2_000;
/**
 * The naive clients need 3x to 13x the minimum (MEASURED.md): at 2,000 calls p-retry alone would
 * take over four minutes, so they run MEASURED.md's 500 calls, at the same time as Rosetta.
 */
const BASELINE_CALLS = 500;
/** No contender starts a call after this; the ones in flight are aborted. */
const TIME_LIMIT_MS = 90_000;

interface Contender {
  readonly name: string;
  readonly calls: number;
  /** Whether the Rosetta target applies. */
  readonly rosetta: boolean;
  /** Header precision of this contender's provider. @default 'seconds' */
  readonly precision?: 'seconds' | 'milliseconds';
  readonly make: (url: string) => { call(signal: AbortSignal): Promise<unknown>; close(): Promise<void> };
}

interface Outcome {
  readonly contender: Contender;
  readonly elapsedMs: number;
  readonly minimumMs: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly ok: number;
  readonly limited: number;
  readonly errors: ReadonlyMap<string, number>;
}

async function contenders(args: readonly string[]): Promise<Contender[]> {
  const { ky, pRetry } = await loadBaselines();
  const calls = intArg(args, 'calls', CALLS);
  const baselineCalls = intArg(args, 'baseline-calls', BASELINE_CALLS);
  const kyClient = (limit: number) => (url: string) => ({
    call: (signal: AbortSignal) => ky.get(`${url}/item`, { retry: { limit }, signal }).json(),
    close: async () => undefined,
  });
  const rosetta = (rateLimit: RateLimitOptions) => (url: string) => {
    const client = createClient(genericAdapter, { baseUrl: url, rateLimit });
    return { call: (signal: AbortSignal) => client.get('/item', { signal }), close: () => client.close() };
  };
  return [
    { name: 'ky default retry (limit 2, honours Retry-After)', calls: baselineCalls, rosetta: false, make: kyClient(2) },
    { name: 'ky retry limit 10', calls: baselineCalls, rosetta: false, make: kyClient(10) },
    {
      name: 'p-retry(ky), 10 retries',
      calls: baselineCalls,
      rosetta: false,
      make: (url) => ({
        call: (signal) => pRetry(() => ky.get(`${url}/item`, { retry: 0, signal }).json(), { retries: 10, signal }),
        close: async () => undefined,
      }),
    },
    {
      name: 'Rosetta `reservoir: { size: 100, refreshIntervalMs: 1000 }` (adaptive)',
      calls,
      rosetta: true,
      make: rosetta({ reservoir: { size: RATE, refreshIntervalMs: 1_000 } }),
    },
    {
      name: 'Rosetta `reservoir: { size: 100, refreshIntervalMs: 1000 }, adaptive: false`',
      calls,
      rosetta: true,
      make: rosetta({ reservoir: { size: RATE, refreshIntervalMs: 1_000 }, adaptive: false }),
    },
    {
      name: 'Rosetta `reservoir: { size: 10, refreshIntervalMs: 100 }` (adaptive)',
      calls,
      rosetta: true,
      make: rosetta({ reservoir: { size: BURST, refreshIntervalMs: 1_000 / (RATE / BURST) } }),
    },
    {
      name: 'Rosetta `reservoir: { size: 10, refreshIntervalMs: 100 }, adaptive: false`',
      calls,
      rosetta: true,
      make: rosetta({ reservoir: { size: BURST, refreshIntervalMs: 1_000 / (RATE / BURST) }, adaptive: false }),
    },
    {
      name: 'Rosetta `reservoir: { size: 5, refreshIntervalMs: 50 }, adaptive: false`',
      calls,
      rosetta: true,
      make: rosetta({ reservoir: { size: 5, refreshIntervalMs: 50 }, adaptive: false }),
    },
    {
      name: 'Rosetta `minTimeMs: 10` (adaptive)',
      calls,
      rosetta: true,
      make: rosetta({ minTimeMs: 1_000 / RATE }),
    },
    {
      name: 'Rosetta `minTimeMs: 10, adaptive: false`',
      calls,
      rosetta: true,
      make: rosetta({ minTimeMs: 1_000 / RATE, adaptive: false }),
    },
    {
      name: 'Rosetta `reservoir: { size: 100, refreshIntervalMs: 1000 }` (adaptive), ms-precision headers',
      calls,
      rosetta: true,
      precision: 'milliseconds',
      make: rosetta({ reservoir: { size: RATE, refreshIntervalMs: 1_000 } }),
    },
    {
      name: 'Rosetta `reservoir: { size: 10, refreshIntervalMs: 100 }, adaptive: false`, ms-precision headers',
      calls,
      rosetta: true,
      precision: 'milliseconds',
      make: rosetta({ reservoir: { size: BURST, refreshIntervalMs: 1_000 / (RATE / BURST) }, adaptive: false }),
    },
    {
      name: 'Rosetta `minTimeMs: 10`, ms-precision headers',
      calls,
      rosetta: true,
      precision: 'milliseconds',
      make: rosetta({ minTimeMs: 1_000 / RATE }),
    },
  ];
}

async function race(contender: Contender): Promise<Outcome> {
  const provider = await startRateLimitedProvider({
    ratePerSecond: RATE,
    burst: BURST,
    precision: contender.precision ?? 'seconds',
  });
  const client = contender.make(provider.url);
  const stop = new AbortController();
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
    contender,
    elapsedMs: result.elapsedMs,
    minimumMs: (Math.max(0, contender.calls - BURST) / RATE) * 1_000,
    succeeded: result.succeeded,
    failed: result.failed,
    skipped: result.skipped,
    ok,
    limited,
    errors: result.errors,
  };
}

function describeFailure(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { kind?: unknown; code?: unknown; name?: unknown; response?: { status?: unknown } };
    if (typeof e.kind === 'string') return `${e.kind}/${String(e.code)}`;
    if (typeof e.response?.status === 'number') return `${String(e.name)} ${e.response.status}`;
    if (typeof e.name === 'string') return e.name;
  }
  return String(error);
}

async function run(args: readonly string[]): Promise<ScenarioReport> {
  const only = args.indexOf('--only') >= 0 ? args[args.indexOf('--only') + 1] : undefined;
  const all = await contenders(args);
  const chosen = only === undefined ? all : all.filter((c) => c.name.toLowerCase().includes(only.toLowerCase()));
  console.log(
    `goodput: provider ${RATE} req/s (token bucket, burst ${BURST}), concurrency ${CONCURRENCY}, ` +
      `${chosen.length} clients at once, each against its own provider`,
  );
  const outcomes = await Promise.all(chosen.map(race));
  const rows = outcomes.map((o) => {
    const sent = o.ok + o.limited;
    const unfinished = o.skipped > 0 ? ` (time limit: ${o.skipped} not started)` : '';
    return [
      o.contender.name,
      formatInt(o.contender.calls),
      `${(o.elapsedMs / 1_000).toFixed(1)} s`,
      `${formatRatio(o.elapsedMs / o.minimumMs)}x`,
      formatPercent(sent === 0 ? 0 : o.limited / sent),
      `${formatInt(sent)}`,
      `${o.failed} / ${o.contender.calls}${unfinished}`,
    ];
  });
  const checks: TargetCheck[] = outcomes
    .filter((o) => o.contender.rosetta)
    .flatMap((o) => {
      const ratio = o.elapsedMs / o.minimumMs;
      const share = o.limited / Math.max(1, o.ok + o.limited);
      return [
        { name: `${o.contender.name}: time / minimum`, target: '<= 1.10x', measured: `${formatRatio(ratio)}x`, met: ratio <= 1.1 && o.skipped === 0 },
        { name: `${o.contender.name}: share of 429s`, target: '<= 2%', measured: formatPercent(share), met: share <= 0.02 },
        { name: `${o.contender.name}: failed calls`, target: '0', measured: String(o.failed), met: o.failed === 0 },
      ];
    });
  const failures = outcomes
    .filter((o) => o.errors.size > 0)
    .map((o) => `- ${o.contender.name}: ${[...o.errors].map(([k, n]) => `${k} x${n}`).join(', ')}`);
  const markdown = [
    '## Goodput against a rate-limited provider',
    '',
    `Provider: token bucket ${RATE} req/s, burst ${BURST}; 429 with \`Retry-After\` (whole seconds) and ` +
      '`x-ratelimit-limit/-remaining/-reset` on every answer. Concurrency ' +
      `${CONCURRENCY}; all clients ran at the same time, each against its own provider. Minimum = (calls - burst) / rate.`,
    '',
    markdownTable(['client', 'calls', 'time', 'time / minimum', 'requests answered 429', 'requests sent', 'calls failed'], rows),
    '',
    ...(failures.length > 0 ? ['Failures by kind:', ...failures, ''] : []),
    targetTable(checks),
  ].join('\n');
  return { name: 'goodput', markdown, targets: checks };
}

/** The goodput scenario. */
export const goodput: Scenario = { name: 'goodput', run };

await runIfMain(import.meta.url, goodput);
