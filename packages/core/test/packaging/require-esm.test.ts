// A CommonJS consumer on Node >= 20.19 can require() the ESM build (require(esm)): that fails if a module
// graph has top-level await or is not ESM. The build is esbuild-bundled ESM like tsup's, made here from
// src/ so the test needs no prior build; .ci/run also require()s the real dist/ of every package.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'rosetta-cjs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('require(esm)', () => {
  it('a .cjs file can require() @rosetta/core and use createClient / normalizeResponse / isApiError', async () => {
    await build({
      entryPoints: [fileURLToPath(new URL('../../src/index.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile: join(dir, 'core.mjs'),
      logLevel: 'silent',
    });
    writeFileSync(
      join(dir, 'consumer.cjs'),
      `const core = require('./core.mjs');
const err = core.normalizeResponse(core.genericAdapter, { status: 429, headers: { 'retry-after': '3' } });
console.log(JSON.stringify({ kind: err.kind, retryAfterMs: err.retryAfterMs, branded: core.isApiError(err), client: typeof core.createClient }));`,
    );
    const out = execFileSync(process.execPath, ['--no-warnings', join(dir, 'consumer.cjs')], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ kind: 'rate_limited', retryAfterMs: 3000, branded: true, client: 'function' });
  });
});
