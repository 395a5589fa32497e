import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cliProviders } from '../src/simulator/cli-providers';
import { findInstalledAdapters } from '../src/simulator/find-installed-adapters';
import { parseSimulatorArgs } from '../src/simulator/parse-simulator-args';

const ACME_FIXTURES = fileURLToPath(new URL('./conformance/fixtures/acme', import.meta.url));
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project folder; `install` puts a package under `<at>/node_modules/@rosetta/<name>`. */
function project() {
  const root = mkdtempSync(join(tmpdir(), 'rosetta-find-'));
  roots.push(root);
  const install = (at: string, name: string, manifest: Record<string, unknown>, fixtures = false): string => {
    const dir = join(root, at, 'node_modules', '@rosetta', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `@rosetta/${name}`, ...manifest }));
    if (fixtures) cpSync(ACME_FIXTURES, join(dir, 'test/fixtures'), { recursive: true });
    return dir;
  };
  const adapter = (id: string) => ({ rosetta: { adapter: id, fixtures: './test/fixtures' } });
  return { root, install, adapter };
}

describe('findInstalledAdapters', () => {
  it('finds the adapters that name their fixtures, not core or testkit, sorted by id', () => {
    const { root, install, adapter } = project();
    install('.', 'stripe', adapter('stripe'));
    install('.', 'github', adapter('github'));
    install('.', 'core', { version: '0.1.0' });
    install('.', 'broken', { rosetta: { adapter: 'broken' } });
    expect(findInstalledAdapters(root)).toEqual([
      {
        id: 'github',
        packageName: '@rosetta/github',
        fixturesDir: join(root, 'node_modules/@rosetta/github/test/fixtures'),
      },
      {
        id: 'stripe',
        packageName: '@rosetta/stripe',
        fixturesDir: join(root, 'node_modules/@rosetta/stripe/test/fixtures'),
      },
    ]);
  });

  it('looks in every folder above, the nearest copy winning, as Node resolves', () => {
    const { root, install, adapter } = project();
    install('.', 'slack', adapter('slack'));
    install('.', 'github', { ...adapter('github'), version: 'outer' });
    install('app', 'github', { ...adapter('github'), version: 'inner' });
    // Node resolves @rosetta/stripe to this copy, which ships no fixtures: the outer one is not reached.
    install('.', 'stripe', adapter('stripe'));
    install('app', 'stripe', { version: '0.0.1' });
    const deep = join(root, 'app', 'src', 'deep');
    mkdirSync(deep, { recursive: true });
    expect(findInstalledAdapters(deep)).toEqual([
      expect.objectContaining({
        id: 'github',
        fixturesDir: join(root, 'app/node_modules/@rosetta/github/test/fixtures'),
      }),
      expect.objectContaining({ id: 'slack' }),
    ]);
  });

  it('reads linked packages (pnpm) through their real folder', () => {
    const { root, install, adapter } = project();
    const real = install('store', 'github', adapter('github'));
    mkdirSync(join(root, 'node_modules', '@rosetta'), { recursive: true });
    symlinkSync(real, join(root, 'node_modules', '@rosetta', 'github'), 'dir');
    expect(findInstalledAdapters(root)).toEqual([
      expect.objectContaining({ fixturesDir: join(real, 'test/fixtures') }),
    ]);
  });

  it('finds nothing where nothing is installed', () => {
    expect(findInstalledAdapters(project().root)).toEqual([]);
  });
});

describe('cliProviders: what rosetta-simulator serves', () => {
  it('without --fixtures, every installed adapter with its fixtures and its --rate-limit', () => {
    const { root, install, adapter } = project();
    install('.', 'github', adapter('github'), true);
    install('.', 'acme', adapter('acme'), true);
    const providers = cliProviders(parseSimulatorArgs(['--rate-limit', 'acme=5/1000']), root);
    expect(providers.map(({ fixtures, ...rest }) => ({ ...rest, fixtures: fixtures.length }))).toEqual([
      { id: 'acme', fixtures: 11, rateLimit: { style: 'generic', limit: 5, windowMs: 1000 } },
      { id: 'github', fixtures: 11, endpoints: 'github' },
    ]);
  });

  it('--fixtures wins over what is installed', () => {
    const { root, install, adapter } = project();
    install('.', 'github', adapter('github'), true);
    const providers = cliProviders(parseSimulatorArgs(['--fixtures', `other=${ACME_FIXTURES}`]), root);
    expect(providers.map((p) => p.id)).toEqual(['other']);
  });

  it('says what to do when nothing is installed, or a --rate-limit names no installed adapter', () => {
    const { root, install, adapter } = project();
    expect(() => cliProviders(parseSimulatorArgs([]), root)).toThrow(/no @rosetta\/\* adapter.*--fixtures/);
    install('.', 'github', adapter('github'), true);
    expect(() => cliProviders(parseSimulatorArgs(['--rate-limit', 'stripe=1/1000']), root)).toThrow(
      /--rate-limit stripe: no installed adapter.*installed: github/,
    );
  });
});
