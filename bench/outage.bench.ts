// Outage: the provider answers 503 for 5 s, then recovers; 200 GETs start at once. How many attempts
// each client spends during the outage, and whether every call succeeds once the provider is back.
// Run: node --conditions=source --import tsx bench/outage.bench.ts
import { setMaxListeners } from 'node:events';
import { createClient, genericAdapter, type RetryOptions } from '@rosetta/core';
import { formatRatio, markdownTable } from './support/format';
import { loadBaselines } from './support/load-baselines';
import { forkContenders, serveContender } from './support/fork-contenders';
import { runPool } from './support/run-pool';
import { runIfMain, type Scenario, type ScenarioReport, type TargetCheck, targetTable } from './support/scenario';
import { startOutageProvider } from './support/start-outage-provider';

const OUTAGE_MS = 5_000;
const CALLS = 200;
/** A safety net above every configuration's own deadline (Rosetta's default is 120 s). */
const TIME_LIMIT_MS = 60_000;

interface Contender {
  readonly name: string;
  /** Whether the Rosetta target applies. */
  readonly rosetta: boolean;
  readonly retryAfterSeconds?: number;
  readonly make: (url: string) => Client;
}

interface Client {
  call(index: number, signal: AbortSignal): Promise<unknown>;
  /** Why calls stopped retrying, for Rosetta (`error` events). */
  readonly stops: Map<string, number>;
  close(): Promise<void>;
}

/** Plain data: it crosses the process boundary. */
interface Outcome {
  readonly index: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly duringOutage: number;
  readonly afterOutage: number;
  readonly maxPerCall: number;
  readonly firstAfterOutage: number;
  readonly lastCallMs: number;
  readonly stops: readonly (readonly [string, number])[];
}

async function contenders(): Promise<Contender[]> {
  const { ky, pRetry } = await loadBaselines();
  const naive = (url: string): Client => ({
    call: (index, signal) =>
      pRetry(() => ky.get(`${url}/item`, { retry: 0, signal, headers: { 'x-call-id': String(index) } }).json(), {
        retries: 10,
        signal,
      }),
    stops: new Map(),
    close: async () => undefined,
  });
  const rosetta =
    (retry: RetryOptions = {}) =>
    (url: string): Client => {
      const client = createClient(genericAdapter, { baseUrl: url, retry });
      const stops = new Map<string, number>();
      client.on('error', ({ error, stopReason }) => {
        const key = stopReason ?? error.code ?? error.kind;
        stops.set(key, (stops.get(key) ?? 0) + 1);
      });
      return {
        call: (index, signal) => client.get('/item', { signal, headers: { 'x-call-id': String(index) } }),
        stops,
        close: () => client.close(),
      };
    };
  const wide = { budget: { capacity: 1_000 } } as const;
  return [
    { name: 'naive p-retry(ky), 10 retries', rosetta: false, make: naive },
    { name: 'Rosetta, defaults', rosetta: true, make: rosetta() },
    { name: 'Rosetta, `circuitBreaker: {}` (5 failures, 30 s)', rosetta: true, make: rosetta({ circuitBreaker: {} }) },
    {
      name: 'Rosetta, `baseDelayMs: 10000, maxRetries: 5, budget: { capacity: 2000 }`',
      rosetta: true,
      make: rosetta({ baseDelayMs: 10_000, maxRetries: 5, budget: { capacity: 2_000 } }),
    },
    { name: 'Rosetta, defaults', rosetta: true, retryAfterSeconds: 5, make: rosetta() },
    { name: 'Rosetta, `budget: { capacity: 1000 }`', rosetta: true, retryAfterSeconds: 5, make: rosetta(wide) },
  ];
}

/** Sets a contender up (provider, client, warm-up) and returns the function that runs it. */
async function prepareRace(contender: Contender, index: number): Promise<() => Promise<Outcome>> {
  const provider = await startOutageProvider({
    outageMs: OUTAGE_MS,
    ...(contender.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: contender.retryAfterSeconds }),
  });
  const client = contender.make(provider.url);
  const stop = new AbortController();
  // One signal shared by every call, as an app's shutdown signal would be.
  setMaxListeners(CALLS * 2, stop.signal);
  // Warm code and 200 open keep-alive connections first: cold, the 200 first attempts of six
  // processes at once can take longer than the outage itself to arrive on a loaded machine.
  await runPool({ total: CALLS * 2, concurrency: CALLS, task: (i) => client.call(CALLS + i, stop.signal) });
  return async () => {
    const timer = setTimeout(() => stop.abort(new Error('time limit')), TIME_LIMIT_MS);
    provider.beginOutage();
    const began = performance.now();
    let lastCallMs = 0;
    const result = await runPool({
      total: CALLS,
      concurrency: CALLS,
      task: async (callIndex) => {
        try {
          return await client.call(callIndex, stop.signal);
        } finally {
          lastCallMs = Math.max(lastCallMs, performance.now() - began);
        }
      },
    });
    clearTimeout(timer);
    await client.close();
    const counts = provider.counts();
    await provider.close();
    return {
      index,
      succeeded: result.succeeded,
      failed: result.failed,
      duringOutage: counts.duringOutage,
      afterOutage: counts.afterOutage,
      maxPerCall: counts.maxPerCallDuringOutage,
      firstAfterOutage: counts.firstAfterOutage,
      lastCallMs,
      stops: [...client.stops],
    };
  };
}

function describe(c: Contender): string {
  return c.retryAfterSeconds === undefined ? c.name : `${c.name} (Retry-After: ${c.retryAfterSeconds})`;
}

async function run(args: readonly string[]): Promise<ScenarioReport> {
  const list = await contenders();
  await serveContender(args, (index) => prepareRace(list[index] as Contender, index));
  console.log(
    `outage: 503 for ${OUTAGE_MS / 1_000} s, ${CALLS} GETs at once, ${list.length} clients at the same time, ` +
      'each in its own process against its own provider',
  );
  const outcomes = (await forkContenders<Outcome>(import.meta.url, list.length, args)).map((o) => ({
    ...o,
    contender: list[o.index] as Contender,
  }));
  const table = (withHint: boolean): string =>
    markdownTable(
      [
        'client',
        'attempts / call during outage',
        'most by one call',
        'attempts in all',
        'calls succeeded',
        'last call settled',
        'why calls failed',
        'first attempt after the outage',
      ],
      outcomes
        .filter((o) => (o.contender.retryAfterSeconds !== undefined) === withHint)
        .map((o) => [
          o.contender.name,
          formatRatio(o.duringOutage / CALLS),
          String(o.maxPerCall),
          String(o.duringOutage + o.afterOutage),
          `${o.succeeded} / ${CALLS}`,
          `${(o.lastCallMs / 1_000).toFixed(1)} s`,
          o.stops.map(([reason, n]) => `${reason} x${n}`).join(', ') || '-',
          String(o.firstAfterOutage),
        ]),
    );
  const checks: TargetCheck[] = outcomes
    .filter((o) => o.contender.rosetta)
    .flatMap((o) => {
      const perCall = o.duringOutage / CALLS;
      return [
        {
          name: `${describe(o.contender)}: attempts / call during outage`,
          target: '<= 1.5',
          measured: formatRatio(perCall),
          met: perCall <= 1.5,
        },
        {
          name: `${describe(o.contender)}: calls succeeded`,
          target: `${CALLS} / ${CALLS}`,
          measured: `${o.succeeded} / ${CALLS}`,
          met: o.succeeded === CALLS,
        },
      ];
    });
  const markdown = [
    '## Outage (503 for 5 s)',
    '',
    `The provider answers 503 for ${OUTAGE_MS / 1_000} s from the moment ${CALLS} GETs start at once, then 200. Each ` +
      `client first made ${CALLS * 2} successful calls (warm code, ${CALLS} open keep-alive connections), so the first attempts ` +
      'reach the provider within the outage. Every client ran in its own process against its own provider, all at the ' +
      "same time. Deadline: Rosetta's default, 120 s per call.",
    '',
    '503 without `Retry-After`:',
    '',
    table(false),
    '',
    '503 with `Retry-After: 5`:',
    '',
    table(true),
    '',
    targetTable(checks),
  ].join('\n');
  return { name: 'outage', markdown, targets: checks };
}

/** The outage scenario. */
export const outage: Scenario = { name: 'outage', run };

await runIfMain(import.meta.url, outage);
