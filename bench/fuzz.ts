// Fuzzes every adapter's normalizeResponse with 100,000 hostile responses each (statuses out of range,
// headers in wrong units and types, bodies of wrong shapes, invalid UTF-8, huge strings, deep nesting).
// The generator and the oracle are the test suite's (packages/core/test/fuzz), which runs a few thousand.
//
// Run: pnpm fuzz                      (node --conditions=source --import tsx bench/fuzz.ts)
//      ROSETTA_FUZZ_CASES=10000 ROSETTA_FUZZ_SEED=7 pnpm fuzz
// Exit code 1 when any case crashed or broke the contract; the report names seed and index to replay.
import { genericAdapter } from '@rosetta/core';
import { github } from '@rosetta/github';
import { slack } from '@rosetta/slack';
import { stripe } from '@rosetta/stripe';
import type { Adapter } from '../packages/core/src/adapter/types';
import { checkNormalized } from '../packages/core/test/fuzz/check-normalized';
import { createResponseGenerator } from '../packages/core/test/fuzz/generate-response';

const CASES = Number(process.env.ROSETTA_FUZZ_CASES ?? 100_000);
const SEED = Number(process.env.ROSETTA_FUZZ_SEED ?? 1);
const ADAPTERS: ReadonlyArray<readonly [string, Adapter]> = [
  ['stripe', stripe],
  ['github', github],
  ['slack', slack],
  ['generic', genericAdapter],
];

interface Stats {
  count: number;
  totalMs: number;
  maxMs: number;
  maxIndex: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;

console.log(
  `fuzz: normalizeResponse, ${CASES.toLocaleString('en')} cases per adapter, seed ${SEED}, Node ${process.version}`,
);
let failuresTotal = 0;
for (const [name, adapter] of ADAPTERS) {
  // The same seed for every adapter: each sees the very same responses.
  const next = createResponseGenerator({ seed: SEED });
  const times = new Float64Array(CASES);
  const families = new Map<string, Stats>();
  const failures: string[] = [];
  let failureCount = 0;
  const started = performance.now();
  for (let i = 0; i < CASES; i++) {
    const { family, input } = next();
    const t0 = performance.now();
    const failure = checkNormalized(adapter, input);
    const ms = performance.now() - t0;
    times[i] = ms;
    const stats = families.get(family) ?? { count: 0, totalMs: 0, maxMs: 0, maxIndex: -1 };
    stats.count += 1;
    stats.totalMs += ms;
    if (ms > stats.maxMs) {
      stats.maxMs = ms;
      stats.maxIndex = i;
    }
    families.set(family, stats);
    if (failure !== undefined) {
      failureCount += 1;
      if (failures.length < 10) failures.push(`  #${i} ${family} status=${String(input.status)}: ${failure}`);
    }
  }
  const wallMs = performance.now() - started;
  failuresTotal += failureCount;
  const sorted = times.slice().sort();
  console.log(
    `\n${name}: ${failureCount} failures in ${CASES.toLocaleString('en')} cases, ${(wallMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `  per case (normalize + every error surface): p50 ${us(percentile(sorted, 0.5))}, p99 ${us(percentile(sorted, 0.99))}, max ${us(sorted[sorted.length - 1] ?? 0)}`,
  );
  const rows = [...families.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs);
  for (const [family, s] of rows) {
    console.log(
      `  ${family.padEnd(22)} ${String(s.count).padStart(7)} cases  mean ${us(s.totalMs / s.count).padStart(11)}  max ${us(s.maxMs).padStart(11)} (#${s.maxIndex})`,
    );
  }
  for (const line of failures) console.log(line);
}
console.log(`\ncrashes and contract violations: ${failuresTotal}`);
process.exitCode = failuresTotal === 0 ? 0 : 1;
