#!/usr/bin/env node
// Rosetta as a user gets it from npm, outside the monorepo (after `pnpm build`): packs core, testkit and every
// adapter (`workspace:` ranges become versions), npm-installs the tarballs with vitest 4 and nock 14 (the Node 20
// majors) into an empty temp folder, then there:
//   1. `npx rosetta-simulator --port 0` starts, prints its URL and serves every installed adapter;
//   2. scripts/check-packed-walk.mjs walks multi-page GitHub, Stripe and Slack lists with `client.paginate` against it;
//   3. `npx vitest run` runs the conformance suite on a custom adapter (the testkit's Acme) with the installed packages,
//      and docs/simulator.md's vitest example (its first ```ts block), so the page shows what works.
// `--keep` leaves the folder for a look. Exits non-zero on the first failure.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const PNPM = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager; // pnpm@x.y.z
const ADAPTERS = readdirSync(join(ROOT, 'packages/adapters')).sort();
const started = performance.now();
const log = (message) => console.log(`[check-packed ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** Runs a command to completion with its output shown; throws when it fails. */
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: 'inherit' });

const work = mkdtempSync(join(tmpdir(), 'rosetta-packed-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
let simulator;
try {
  log(`packing core, testkit and ${ADAPTERS.length} adapters into ${tarballs}`);
  const filters = ['@rosetta/core', '@rosetta/testkit', './packages/adapters/*'].flatMap((f) => ['--filter', f]);
  execFileSync('npx', ['-y', PNPM, '-r', ...filters, 'pack', '--pack-destination', tarballs], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const packed = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
  if (packed.length !== ADAPTERS.length + 2) throw new Error(`expected ${ADAPTERS.length + 2} tarballs: ${packed}`);

  log(`npm install of ${packed.length} tarballs, vitest@4 and nock@14 into ${app}`);
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'packed-check', private: true, type: 'module' })}\n`,
  );
  const deps = [...packed.map((f) => join(tarballs, f)), 'vitest@4', 'nock@14'];
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=warn', ...deps], app);

  log('npx rosetta-simulator --port 0');
  simulator = spawn('npx', ['rosetta-simulator', '--port', '0'], { cwd: app, detached: true });
  const banner = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${out}`)), 30_000);
    simulator.stdout.on('data', (chunk) => {
      out += chunk;
      if (/^a failure/m.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    simulator.stderr.on('data', (chunk) => {
      out += chunk;
    });
    simulator.once('exit', (code) => reject(new Error(`rosetta-simulator exited ${code}:\n${out}`)));
  });
  process.stdout.write(banner);
  const origin = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
  const unserved = ADAPTERS.filter((id) => !new RegExp(`^${id}\\s+${origin}/${id}\\s`, 'm').test(banner));
  if (origin === undefined || unserved.length > 0) throw new Error(`not served: ${unserved.join(', ') || 'no URL'}`);
  log(`rosetta-simulator serves all ${ADAPTERS.length} installed adapters at ${origin}`);

  log('paginate through the simulator (check-packed-walk.mjs)');
  cpSync(join(ROOT, 'scripts/check-packed-walk.mjs'), join(app, 'walk.mjs'));
  run(process.execPath, ['walk.mjs', origin], app);

  log(
    'vitest: the conformance suite on a custom adapter (Acme) and the docs/simulator.md example, installed packages only',
  );
  const acme = join(ROOT, 'packages/testkit/test/conformance');
  for (const file of ['acme-conformance.test.ts', 'acme-adapter.ts', 'fixtures/acme']) {
    cpSync(join(acme, file), join(app, 'test', file), { recursive: true });
  }
  const doc = readFileSync(join(ROOT, 'docs/simulator.md'), 'utf8');
  const example = /^```ts\n([\s\S]*?)^```$/m.exec(doc)?.[1];
  if (example === undefined) throw new Error('docs/simulator.md has no ```ts block');
  writeFileSync(join(app, 'test', 'simulator-doc-example.test.ts'), example);
  run('npx', ['vitest', 'run', '--reporter=dot'], app);

  log('passed: packed packages install, serve, paginate and run the conformance suite outside the monorepo');
} finally {
  if (simulator?.exitCode === null) process.kill(-simulator.pid, 'SIGTERM');
  if (process.argv.includes('--keep')) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
