// Bundle-weight budgets: an app using @rosetta/core with one adapter and no Redis ships at most
// 30 KB gzipped of Rosetta plus its dependencies; each adapter adds at most 3 KB. Sizes are deterministic,
// so CI fails on a breach. Entries are bundled from the built dist/ exactly as an app would import them.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

interface Budget {
  readonly name: string;
  readonly code: string;
  /** CI fails above this. */
  readonly maxGzipBytes?: number;
  /** The budget, reported as met or MISSED. */
  readonly target?: number;
}

const ADAPTERS = ['stripe', 'github', 'slack'] as const;
/** the budgets. Reported as met or MISSED on every run. */
const CORE_BUDGET = 30 * 1024;
const ADAPTER_BUDGET = 3 * 1024;
/**
 * The CI gate: a ratchet at today's measured sizes plus a small margin, so bundles can only shrink until
 * they reach the budgets (which they do not yet: see docs/benchmarks.md, "Bundle weight").
 * Lower these whenever a change makes the bundles smaller; never raise them without a reason in the commit.
 */
const RATCHET = { coreWithAdapter: 52 * 1024, adapterDelta: 6 * 1024 };

async function gzipSize(code: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // What every production bundle of an app has (Vite, webpack's production mode, esbuild users set it too).
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    alias: {
      '@rosetta/core/redis': './packages/core/dist/redis.js',
      '@rosetta/core': './packages/core/dist/index.js',
      ...Object.fromEntries(ADAPTERS.map((id) => [`@rosetta/${id}`, `./packages/adapters/${id}/dist/index.js`])),
    },
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
}

const use = 'console.log(typeof createClient, typeof normalizeResponse, typeof isApiError);';
const entries: Budget[] = [
  {
    name: '@rosetta/core (createClient, normalizeResponse)',
    code: `import { createClient, normalizeResponse, isApiError } from '@rosetta/core'; ${use}`,
  },
  {
    // What every adapter package needs from core: defineAdapter, and with it zod/mini and the definition schema.
    name: '@rosetta/core with defineAdapter (adapter baseline)',
    code: `import { createClient, normalizeResponse, isApiError, defineAdapter } from '@rosetta/core'; ${use} console.log(defineAdapter);`,
  },
  ...ADAPTERS.map((id) => ({
    name: `@rosetta/core + @rosetta/${id}`,
    code: `import { createClient, normalizeResponse, isApiError } from '@rosetta/core'; import { ${id} } from '@rosetta/${id}'; ${use} console.log(${id});`,
    maxGzipBytes: RATCHET.coreWithAdapter,
    target: CORE_BUDGET,
  })),
  {
    name: '@rosetta/core/redis (opt-in cluster mode)',
    code: `import * as redis from '@rosetta/core/redis'; console.log(redis);`,
  },
];

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (gzip: number, target: number | undefined): string =>
  target === undefined ? '—' : `${kb(target)}: ${gzip <= target ? 'met' : `MISSED (${kb(gzip)})`}`;

let failed = false;
const rows: string[] = [];
const sizes = new Map<string, number>();
for (const entry of entries) {
  const { min, gzip } = await gzipSize(entry.code);
  sizes.set(entry.name, gzip);
  const over = entry.maxGzipBytes !== undefined && gzip > entry.maxGzipBytes;
  failed ||= over;
  rows.push(
    `| ${entry.name} | ${kb(min)} | ${kb(gzip)} | ${verdict(gzip, entry.target)} | ${entry.maxGzipBytes === undefined ? '—' : `${kb(entry.maxGzipBytes)} ${over ? 'OVER' : 'ok'}`} |`,
  );
}
const core = sizes.get(entries[1]?.name ?? '') ?? 0;
for (const id of ADAPTERS) {
  const delta = (sizes.get(`@rosetta/core + @rosetta/${id}`) ?? 0) - core;
  const over = delta > RATCHET.adapterDelta;
  failed ||= over;
  rows.push(
    `| adapter @rosetta/${id} alone (delta) | — | ${kb(delta)} | ${verdict(delta, ADAPTER_BUDGET)} | ${kb(RATCHET.adapterDelta)} ${over ? 'OVER' : 'ok'} |`,
  );
}
console.log('| entry | min | gzip | budget | CI ratchet |\n| --- | --- | --- | --- | --- |');
console.log(rows.join('\n'));
if (failed) {
  console.error('\nA bundle grew past the CI ratchet (scripts/size.ts RATCHET).');
  process.exit(1);
}
