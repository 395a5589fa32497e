import { type Client, createClient, type HttpMethod, type RetryOptions } from '@rosetta/core';
import { type AdapterFixture, loadFixtures, SIMULATE_HEADER, startSimulator } from '@rosetta/testkit';
import { createPaint, type DemoOutput, type Paint, wrapText } from './demo-output';
import { DETAIL_PROVIDERS, type DemoProvider, GITHUB_CORE, GITHUB_LIMITS, loadDemoProviders } from './demo-providers';
import { type CallRecord, describeOutcome, observeCall } from './observe-call';
import { pickFixtures } from './pick-fixtures';
import { type RateLimitSummary, runRateLimitScenario } from './rate-limit-scenario';
import { renderTable, type Column } from './render-table';

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  /** @default process.stdout */
  readonly out?: DemoOutput;
  /**
   * Calls of the rate-limit scenario.
   * @default 300
   */
  readonly calls?: number;
  /**
   * Providers whose rows are shown in full (`--provider <id>`), or `'all'`. Every installed provider is called
   * and checked either way; the others get one summary line each.
   * @default the providers the simulator models (Stripe, GitHub, Slack)
   */
  readonly detail?: readonly string[] | 'all';
}

/** Everything the demo observed, for tests and for the exit code. */
export interface DemoResult {
  /** Every installed adapter, by id: the modelled ones first. */
  readonly providers: readonly string[];
  /** One row per fixture called, for every provider: what the vendor sent, and Rosetta's reading. */
  readonly rows: readonly CallRecord[];
  /** Outage, flaky and slow scenarios. */
  readonly scenarios: readonly CallRecord[];
  /** The run through Rosetta's limiter. */
  readonly rateLimit: RateLimitSummary;
  /** The same calls with retries alone, for comparison. */
  readonly unlimited: RateLimitSummary;
  /** Rows whose kind differs from what their fixture or scenario expects. */
  readonly mismatches: readonly CallRecord[];
  /** No mismatch, and every call of the rate-limit scenario succeeded. */
  readonly ok: boolean;
}

/**
 * Short waits, so the whole demo runs in seconds: a server hint longer than 5 s fails fast
 * instead of sleeping. A fixed jitter draw keeps the printed waits the same on every run.
 */
const RETRY: RetryOptions = {
  maxRetries: 3,
  baseDelayMs: 40,
  maxDelayMs: 400,
  maxRetryAfterMs: 5_000,
  random: () => 0.5,
};

/** Width of the demo's output when it is not a terminal. */
const DEFAULT_WIDTH = 100;

/** The demo's last words: where a reader goes from here. */
const NEXT_STEPS = [
  '- `pnpm demo --provider notion` (or any id above, or `all`): every row of a provider in full.',
  '- `npx rosetta-simulator --help`: the same simulator for your own tests of error handling.',
  '- docs/error-model.md: the kinds, codes and fields every error carries; docs/README.md maps the rest.',
  '- `pnpm new-adapter <id>`: a new provider, with its conformance suite (docs/writing-an-adapter.md).',
];

/** The provider the rate-limit scenario runs against, the path it saturates, and a path on another bucket. */
const RATE_LIMIT_PROVIDER = 'github';
const RATE_LIMIT_PATH = '/repos/octocat/hello-world/issues?per_page=2';
const OTHER_BUCKET_PATH = '/search/issues?q=is%3Aopen';

/**
 * Runs the demo: starts the provider simulator with the fixtures of every installed adapter, shows
 * each error category of each provider as the vendor sent it and as Rosetta normalized it (in full
 * for the `detail` providers, one line per provider for the others), plays
 * an outage, a flaky connection and a slow provider, then sends a few hundred calls at GitHub's
 * rate limit through Rosetta's limiter.
 *
 * @example
 * const result = await runDemo({ out: process.stdout });
 * process.exitCode = result.ok ? 0 : 1;
 */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoResult> {
  const out = options.out ?? process.stdout;
  const paint = createPaint(out.isTTY === true);
  // A terminal's own width; 100 columns for a pipe or a log (the demo's promise: nothing wraps at 100).
  const width = out.isTTY === true && out.columns !== undefined ? out.columns : DEFAULT_WIDTH;
  const providers = (await loadDemoProviders()).map((p) => ({ ...p, fixtures: loadFixtures(p.fixturesDir) }));
  const detail = options.detail ?? providers.filter((p) => DETAIL_PROVIDERS.includes(p.id)).map((p) => p.id);
  const unknown = detail === 'all' ? [] : detail.filter((id) => !providers.some((p) => p.id === id));
  if (unknown.length > 0) {
    throw new Error(`unknown provider ${unknown.join(', ')}; installed: ${providers.map((p) => p.id).join(', ')}`);
  }
  const detailed = (id: string): boolean => detail === 'all' || detail.includes(id);
  const sim = await startSimulator({
    providers: providers.map((p) => ({
      id: p.id,
      fixtures: p.fixtures,
      ...(p.rateLimit === undefined ? {} : { rateLimit: p.rateLimit }),
    })),
  });
  const clients = new Map<string, Client>(
    providers.map((p) => [
      p.id,
      // No limiter here: each row is its own story, and a 10-minute pause from one row would hold the next ones.
      createClient(p.adapter, { baseUrl: sim.urlFor(p.id), auth: p.auth, retry: RETRY, rateLimit: false }),
    ]),
  );
  const clientOf = (id: string): Client => clients.get(id) as Client;

  try {
    out.write(
      `${paint.bold('Rosetta demo')}: ${wrapText(`${providers.length} providers played by the provider simulator at ${sim.origin}: ${providers.map((p) => p.id).join(', ')}.`, width - 14)}\n`,
    );
    out.write(
      `${paint.dim(wrapText(`Fake credentials; each row asks the simulator for one recorded answer (${SIMULATE_HEADER}: <fixture>).`, width))}\n\n`,
    );

    const rows: CallRecord[] = [];
    for (const provider of providers) {
      for (const fixture of pickFixtures(provider.fixtures, provider.preferred)) {
        rows.push(await callFixture(clientOf(provider.id), provider, fixture));
      }
    }
    out.write(`${paint.bold(`1. One error model for ${providers.length} providers`)}\n`);
    const shown = rows.filter((r) => detailed(r.provider));
    if (shown.length > 0) {
      out.write(renderTable(fixtureColumns(paint), shown, { width, header: paint.bold, group: (r) => r.provider }));
    }
    const summarized = providers.filter((p) => !detailed(p.id)).map((p) => p.id);
    if (summarized.length > 0) {
      out.write(
        `\n${paint.dim(wrapText('One line per provider below; `pnpm demo --provider <id>` shows its rows in full (`all` for every one).', width))}\n`,
      );
      out.write(overview(summarized, rows, paint, width));
    }

    const scenarios = await runScenarios(sim, clientOf);
    out.write(`\n${paint.bold('2. Scenario switches: outage, flaky network, slow provider')}\n`);
    out.write(renderTable(scenarioColumns(paint), scenarios, { width, header: paint.bold }));

    const github = providers.find((p) => p.id === RATE_LIMIT_PROVIDER);
    if (github === undefined) throw new Error(`the rate-limit scenario needs ${RATE_LIMIT_PROVIDER}`);
    const calls = options.calls ?? 300;
    out.write(`\n${paint.bold(`3. ${calls} calls at once against GitHub's rate limit, per bucket`)}\n`);
    out.write(
      `${wrapText(`core: ${GITHUB_CORE.limit} per ${GITHUB_CORE.windowMs} ms, then 403 until the reset; meanwhile one search call every 200 ms, which GitHub counts in its own bucket.`, width)}\n`,
    );
    const scenario = {
      sim,
      provider: github.id,
      adapter: github.adapter,
      auth: github.auth,
      limits: GITHUB_LIMITS,
      window: GITHUB_CORE,
      calls,
      path: RATE_LIMIT_PATH,
      otherPath: OTHER_BUCKET_PATH,
      otherEveryMs: 200,
      out,
    };
    const unlimited = await runRateLimitScenario({ ...scenario, limiter: false });
    const rateLimit = await runRateLimitScenario({ ...scenario, limiter: true });
    out.write(compare([unlimited, rateLimit], paint, width));
    const lost = unlimited.failed > 0 ? `, and ${unlimited.failed} calls failed` : '';
    const core = rateLimit.waitsByBucket.core;
    const moral =
      `Retries alone overshoot every window: ${unlimited.throttled} refused requests the provider had to answer${lost}; ` +
      `the limiter spends the window it is told about and follows the headers (${rateLimit.throttled} refused). ` +
      `It holds only the bucket that is spent: core calls waited up to ${((core?.longestMs ?? 0) / 1000).toFixed(2)} s, ` +
      `while search calls went out as they came (longest hold ${rateLimit.other.longestHoldMs.toFixed(1)} ms).`;
    out.write(`${paint.dim(wrapText(moral, width))}\n`);

    const mismatches = [...rows, ...scenarios].filter((r) => r.expectedKind !== r.kind);
    const isolated = Object.keys(rateLimit.waitsByBucket).every((bucket) => bucket === 'core');
    const ok =
      mismatches.length === 0 &&
      rateLimit.failed === 0 &&
      isolated &&
      rateLimit.other.succeeded === rateLimit.other.calls;
    const verdict = ok ? 'All good' : 'Something is off';
    const summary = wrapText(
      `${verdict}: ${rows.length + scenarios.length - mismatches.length}/${rows.length + scenarios.length} rows read ` +
        `as their fixtures say, ${rateLimit.succeeded}/${rateLimit.calls} rate-limited calls succeeded, ` +
        `${rateLimit.other.succeeded}/${rateLimit.other.calls} calls on another bucket ${isolated ? 'never held' : 'HELD'}.`,
      width,
    );
    // Painted after wrapping: the verdict is the summary's first words.
    out.write(`\n${(ok ? paint.green : paint.red)(verdict)}${summary.slice(verdict.length)}`);
    out.write(`\n\n${paint.bold('What to try next')}\n${NEXT_STEPS.map((step) => wrapText(step, width)).join('\n')}\n`);
    return { providers: providers.map((p) => p.id), rows, scenarios, rateLimit, unlimited, mismatches, ok };
  } finally {
    await Promise.all([...clients.values()].map((client) => client.close()));
    await sim.close();
  }
}

function callFixture(client: Client, provider: DemoProvider, fixture: AdapterFixture): Promise<CallRecord> {
  const method = fixture.request.method as HttpMethod;
  return observeCall(
    client,
    { provider: provider.id, method, label: fixture.name, expectedKind: fixture.expected?.kind ?? 'success' },
    () => client.requestWithMeta({ method, path: fixture.request.path, headers: { [SIMULATE_HEADER]: fixture.name } }),
  );
}

/** Outage then recovery, a flaky connection, a provider slower than the client's timeout. */
async function runScenarios(
  sim: Awaited<ReturnType<typeof startSimulator>>,
  clientOf: (id: string) => Client,
): Promise<CallRecord[]> {
  const records: CallRecord[] = [];

  sim.setScenario('github', { outage: { status: 503, forMs: 100 } });
  const github = clientOf('github');
  records.push(
    await observeCall(
      github,
      { provider: 'github', method: 'GET', label: 'outage: 503 for 100 ms', expectedKind: 'success' },
      () => github.requestWithMeta({ path: RATE_LIMIT_PATH }),
    ),
  );
  sim.setScenario('github', {});

  // Seeded: these requests fail the same way on every run.
  sim.setScenario('slack', { flaky: { rate: 0.5, seed: 19, faults: ['reset', 502] } });
  const slack = clientOf('slack');
  records.push(
    await observeCall(
      slack,
      { provider: 'slack', method: 'GET', label: 'flaky: resets and 502s, seed 19', expectedKind: 'success' },
      () => slack.requestWithMeta({ path: '/conversations.list?limit=1' }),
    ),
  );
  sim.setScenario('slack', {});

  sim.setScenario('stripe', { slow: { delayMs: 300 } });
  const stripe = clientOf('stripe');
  records.push(
    await observeCall(
      stripe,
      { provider: 'stripe', method: 'GET', label: 'slow: 300 ms, timeout 80 ms', expectedKind: 'timeout' },
      () => stripe.requestWithMeta({ path: '/v1/customers/cus_FAKE0001', timeoutMs: 80 }),
    ),
  );
  sim.setScenario('stripe', {});
  return records;
}

function kindPaint(paint: Paint): (cell: string, row: CallRecord) => string {
  return (cell, row) =>
    row.expectedKind !== row.kind ? paint.red(cell) : row.kind === 'success' ? paint.green(cell) : paint.cyan(cell);
}

function kindText(row: CallRecord): string {
  return row.expectedKind === row.kind || row.expectedKind === undefined
    ? row.kind
    : `${row.kind} (fixture: ${row.expectedKind})`;
}

function retryableText(row: CallRecord): string {
  return row.retryable === undefined ? '' : row.retryable ? 'yes' : 'no';
}

function fixtureColumns(paint: Paint): Column<CallRecord>[] {
  return [
    { title: 'fixture', text: (r) => r.label, maxWidth: 34, minWidth: 18, paint: paint.dim, wrap: true },
    {
      title: 'what the vendor sent',
      text: (r) => [`${r.status === undefined ? '—' : r.status}  ${r.header}`, r.body],
      maxWidth: 52,
      minWidth: 21,
    },
    { title: 'kind', text: kindText, maxWidth: 36, paint: kindPaint(paint) },
    { title: 'retry', text: retryableText, maxWidth: 5 },
    {
      title: 'what Rosetta did',
      text: (r) => describeOutcome(r, RETRY.maxRetryAfterMs ?? 0),
      maxWidth: 60,
      minWidth: 27,
      wrap: true,
    },
  ];
}

function scenarioColumns(paint: Paint): Column<CallRecord>[] {
  return [
    { title: 'provider', text: (r) => r.provider, maxWidth: 8 },
    { title: 'scenario', text: (r) => r.label, maxWidth: 34, minWidth: 16, paint: paint.dim },
    { title: 'attempts seen', text: (r) => r.attemptLog.join(' → '), maxWidth: 52, minWidth: 24 },
    { title: 'kind', text: kindText, maxWidth: 36, paint: kindPaint(paint) },
    { title: 'retry', text: retryableText, maxWidth: 5 },
    {
      title: 'what Rosetta did',
      text: (r) => describeOutcome(r, RETRY.maxRetryAfterMs ?? 0),
      maxWidth: 60,
      minWidth: 24,
      wrap: true,
    },
  ];
}

/**
 * One line per provider: how its rows read, as `status kind` pairs (wrapped), and whether every one read as its
 * fixture says.
 */
function overview(ids: readonly string[], rows: readonly CallRecord[], paint: Paint, width: number): string {
  type Line = { readonly provider: string; readonly rows: readonly CallRecord[] };
  const lines: Line[] = ids.map((provider) => ({ provider, rows: rows.filter((r) => r.provider === provider) }));
  const good = (l: Line): number => l.rows.filter((r) => r.expectedKind === r.kind).length;
  const columns: Column<Line>[] = [
    { title: 'provider', text: (l) => l.provider, maxWidth: 16 },
    {
      title: 'read as',
      text: (l) => `${good(l)}/${l.rows.length}`,
      maxWidth: 7,
      align: 'right',
      paint: (cell, l) => (good(l) === l.rows.length ? paint.green(cell) : paint.red(cell)),
    },
    {
      title: 'vendor status → normalized kind, one fixture per outcome',
      text: (l) =>
        wrap(
          l.rows.map((r) => `${r.status ?? '—'} ${kindText(r)}`),
          96,
        ),
      maxWidth: 96,
      minWidth: 40,
    },
  ];
  return renderTable(columns, lines, { width, header: paint.bold });
}

/** Joins items with ` · ` into lines of at most `max` characters, never splitting an item. */
function wrap(items: readonly string[], max: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 3 + item.length <= max) lines[lines.length - 1] = `${last} · ${item}`;
    else lines.push(item);
  }
  return lines;
}

/** The two rate-limit runs side by side. */
function compare(runs: readonly RateLimitSummary[], paint: Paint, width: number): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  type Line = { readonly label: string; readonly value: (s: RateLimitSummary) => string };
  const lines: Line[] = [
    {
      label: 'calls succeeded',
      value: (s) => `${s.succeeded}/${s.calls}${s.failed === 0 ? '' : ` (failed: ${s.failureReasons.join(', ')})`}`,
    },
    {
      label: 'requests sent',
      value: (s) => `${s.serverRequests} (${s.retries} retries; ${s.other.calls} search calls)`,
    },
    { label: '403/429 answers', value: (s) => String(s.throttled) },
    {
      label: 'held by limiter',
      value: (s) =>
        s.limiter
          ? Object.entries(s.waitsByBucket)
              .map(([bucket, w]) => `${bucket}: ${w.calls} calls, longest ${seconds(w.longestMs)}`)
              .join('; ') || 'none'
          : '—',
    },
    {
      label: 'search calls',
      value: (s) => `${s.other.succeeded}/${s.other.calls} ok, longest hold ${s.other.longestHoldMs.toFixed(1)} ms`,
    },
    {
      label: 'time',
      value: (s) =>
        `${seconds(s.elapsedMs)} (${s.theoreticalMinMs > 0 ? (s.elapsedMs / s.theoreticalMinMs).toFixed(2) : '—'}× the ${seconds(s.theoreticalMinMs)} minimum)`,
    },
  ];
  const columns: Column<Line>[] = [
    { title: '', text: (l) => l.label, maxWidth: 16 },
    ...runs.map(
      (run): Column<Line> => ({
        title: run.limiter ? "Rosetta's limiter + retries" : 'retries only (rateLimit: false)',
        text: (l) => l.value(run),
        maxWidth: 48,
        minWidth: 24,
        paint: (cell, l) =>
          l.label !== 'calls succeeded' ? cell : run.failed === 0 ? paint.green(cell) : paint.red(cell),
      }),
    ),
  ];
  return renderTable(columns, lines, { width, header: paint.bold });
}
