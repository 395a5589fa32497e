import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One target of a scenario and whether this run met it. */
export interface TargetCheck {
  /** What is measured, e.g. `Rosetta (defaults) vs plain ky`. */
  readonly name: string;
  /** The target as written in the requirement, e.g. `>= 0.90x`. */
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** What a scenario hands back to `bench/run.ts`. */
export interface ScenarioReport {
  readonly name: string;
  /** The scenario's section for the console and `docs/benchmarks.md`. */
  readonly markdown: string;
  readonly targets: readonly TargetCheck[];
}

/** A scenario: runs to completion by itself, servers included, and reports. */
export interface Scenario {
  readonly name: string;
  /** Needs `global.gc` (`node --expose-gc`); the runner adds the flag. */
  readonly needsGc?: boolean;
  /** `args`: what followed the scenario's name on the command line. */
  run(args: readonly string[]): Promise<ScenarioReport>;
}

/** What a scenario process sends its parent. */
export interface ScenarioMessage {
  readonly type: 'report';
  readonly report: ScenarioReport;
}

/**
 * Makes a scenario file runnable by itself (`node --import tsx bench/overhead.bench.ts`): when
 * `moduleUrl` is the entry point, runs the scenario, prints its report, sends it to the parent
 * process when there is one, and exits. A scenario that needs `gc` and lacks it re-runs itself
 * in a child process with `--expose-gc`.
 *
 * @example
 * export const overhead: Scenario = { name: 'overhead', run };
 * await runIfMain(import.meta.url, overhead);
 */
export async function runIfMain(moduleUrl: string, scenario: Scenario): Promise<void> {
  if (process.argv[1] === undefined || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  if (scenario.needsGc === true && typeof globalThis.gc !== 'function') {
    const child = fork(process.argv[1], process.argv.slice(2), { execArgv: [...process.execArgv, '--expose-gc'] });
    child.on('message', (message) => process.send?.(message));
    child.on('exit', (code) => process.exit(code ?? 1));
    return;
  }
  const report = await scenario.run(process.argv.slice(2));
  console.log(`\n${report.markdown}\n`);
  const message: ScenarioMessage = { type: 'report', report };
  if (process.send !== undefined) await new Promise<void>((resolve) => process.send?.(message, () => resolve()));
  // Keep-alive sockets and pools would hold the process open for seconds; the report is out.
  process.exit(0);
}

/**
 * Reads `--name value` from a scenario's arguments as a positive integer.
 *
 * @example
 * intArg(['--calls', '1000'], 'calls', 2_000); // 1000
 */
export function intArg(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  const raw = at < 0 ? undefined : args[at + 1];
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * The target line for a check, for the Markdown tables: `met` or `MISSED (measured X)`.
 *
 * @example
 * verdict({ name: 'x', target: '>= 0.9x', measured: '0.84x', met: false }); // 'MISSED (measured 0.84x)'
 */
export function verdict(check: TargetCheck): string {
  return check.met ? 'met' : `MISSED (measured ${check.measured})`;
}

/**
 * The targets of a scenario as a Markdown table.
 *
 * @example
 * targetTable([{ name: 'Rosetta vs ky', target: '>= 0.90x', measured: '0.95x', met: true }]);
 */
export function targetTable(checks: readonly TargetCheck[]): string {
  const rows = checks.map((c) => `| ${c.name} | ${c.target} | ${c.measured} | ${verdict(c)} |`);
  return ['| target | required | measured | verdict |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
