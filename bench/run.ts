// `pnpm bench [scenario...] [-- options]`: runs the benchmark scenarios one after another, each in its
// own process (fresh heap and JIT state; the memory scenario gets --expose-gc), then prints every
// target with its verdict. Scenarios: overhead, goodput, outage, distributed, memory, limits.
// Options after a scenario's name go to that scenario, e.g. `pnpm bench goodput --calls 1000`.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './support/machine-info';
import type { ScenarioMessage, ScenarioReport } from './support/scenario';
import { targetTable } from './support/scenario';

const SCENARIOS = ['overhead', 'goodput', 'outage', 'distributed', 'memory', 'limits'] as const;
type ScenarioName = (typeof SCENARIOS)[number];
const NEEDS_GC: ReadonlySet<ScenarioName> = new Set(['memory']);

function isScenario(value: string): value is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(value);
}

/** `overhead --rounds 2 memory` -> [['overhead', ['--rounds', '2']], ['memory', []]]. */
function parse(argv: readonly string[]): [ScenarioName, string[]][] {
  const plan: [ScenarioName, string[]][] = [];
  for (const arg of argv) {
    if (arg === '--') continue;
    if (isScenario(arg)) plan.push([arg, []]);
    else if (plan.length > 0) plan.at(-1)?.[1].push(arg);
    else throw new Error(`unknown scenario "${arg}"; choose from: ${SCENARIOS.join(', ')}`);
  }
  return plan.length > 0 ? plan : SCENARIOS.map((name) => [name, []]);
}

function runScenario(name: ScenarioName, args: readonly string[]): Promise<ScenarioReport | undefined> {
  const file = fileURLToPath(new URL(`./${name}.bench.ts`, import.meta.url));
  const execArgv = NEEDS_GC.has(name) ? [...process.execArgv, '--expose-gc'] : process.execArgv;
  return new Promise((resolve) => {
    const child = fork(file, args, { execArgv });
    let report: ScenarioReport | undefined;
    child.on('message', (message: ScenarioMessage) => {
      if (message.type === 'report') report = message.report;
    });
    child.once('exit', () => resolve(report));
  });
}

const plan = parse(process.argv.slice(2));
console.log(machineInfo().join('\n'));
const began = performance.now();
const reports: ScenarioReport[] = [];
const crashed: string[] = [];
for (const [name, args] of plan) {
  const started = performance.now();
  console.log(`\n=== ${name} (load average ${loadavg()[0]?.toFixed(2)}) ===`);
  const report = await runScenario(name, args);
  if (report === undefined) crashed.push(name);
  else reports.push(report);
  console.log(`=== ${name}: ${((performance.now() - started) / 1_000).toFixed(0)} s ===`);
}
console.log(
  `\n## Summary (${((performance.now() - began) / 1_000).toFixed(0)} s in all, load average now ${loadavg()[0]?.toFixed(2)})\n`,
);
const checks = reports.flatMap((r) => r.targets.map((t) => ({ ...t, name: `${r.name}: ${t.name}` })));
console.log(targetTable(checks));
if (crashed.length > 0) {
  console.log(`\nCrashed without a report: ${crashed.join(', ')}`);
  process.exitCode = 1;
}
