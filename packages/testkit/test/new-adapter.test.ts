import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAdapter, nextSteps, parseNewAdapterArgs } from '../../../scripts/new-adapter';
import { adapterNames, invalidIdReason } from '../../../scripts/new-adapter/names';
import {
  addDocsProvider,
  addReadmePackage,
  addSizeEntry,
  addVitestAlias,
  registerAdapter,
} from '../../../scripts/new-adapter/register';
import { loadFixtures, parseFixture } from '../src/conformance/load-fixtures';

// `pnpm new-adapter` runs into a copy of the files it edits, never into the repository. The copy lives in
// packages/testkit/node_modules/.cache so that the scaffold's imports (zod, vitest, @rosetta/*) resolve as they
// would in packages/adapters/, while git, biome and vitest's test globs ignore it.
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED = [
  'vitest.config.ts',
  'scripts/size.ts',
  'package.json',
  'examples/demo/package.json',
  'README.md',
  'docs/README.md',
];
const CACHE = join(REPO, 'packages/testkit/node_modules/.cache');

function repoCopy(): string {
  mkdirSync(CACHE, { recursive: true });
  const root = mkdtempSync(join(CACHE, 'new-adapter-'));
  for (const file of [...SHARED, 'tsconfig.base.json']) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(REPO, file), join(root, file));
  }
  return root;
}

const snapshot = (root: string): string[] => SHARED.map((file) => readFileSync(join(root, file), 'utf8'));

describe('pnpm new-adapter', () => {
  let root: string;
  let pkg: string;
  let registered: readonly string[];
  let steps: string;
  beforeAll(() => {
    root = repoCopy();
    const result = newAdapter({ id: 'acme-pay', name: "Acme's Pay", baseUrl: 'https://api.acmepay.test', root });
    pkg = join(root, 'packages/adapters/acme-pay');
    registered = result.registered;
    steps = nextSteps(result);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes a package that type-checks, tests included, under the strict compiler options', () => {
    const tsc = createRequire(join(REPO, 'package.json')).resolve('typescript/bin/tsc');
    let errors = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(pkg, 'tsconfig.json'), '--pretty', 'false'], {
        encoding: 'utf8',
      });
    } catch (error) {
      errors = String((error as { stdout?: unknown }).stdout ?? error);
    }
    expect(errors).toBe('');
  }, 180_000);

  it('defines a valid adapter whose placeholder limit fails the citation check until it is cited', () => {
    // tsx and the `source` condition load the scaffold as the vitest aliases would load an adapter.
    const script = `
      const { acmePay } = await import(${JSON.stringify(join(pkg, 'src/index.ts'))});
      const { acmePayLimits } = await import(${JSON.stringify(join(pkg, 'src/limits.ts'))});
      const { isAdapter } = await import('@rosetta/core');
      const { uncitedBuckets } = await import('@rosetta/testkit');
      console.log(JSON.stringify({ id: acmePay.id, name: acmePay.displayName, adapter: isAdapter(acmePay),
        uncited: uncitedBuckets(acmePayLimits) }));`;
    const out = execFileSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ id: 'acme-pay', name: "Acme's Pay", adapter: true, uncited: ['default'] });
  });

  it('runs the conformance suite on the fixtures folder, whose template is a valid fixture loadFixtures skips', () => {
    expect(readFileSync(join(pkg, 'test/conformance.test.ts'), 'utf8')).toContain(
      "describeAdapterConformance(acmePay, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });",
    );
    const template = join(pkg, 'test/fixtures/TEMPLATE.json.example');
    expect(parseFixture(template, readFileSync(template, 'utf8')).source).not.toBe('');
    expect(() => loadFixtures(join(pkg, 'test/fixtures'))).toThrow(/no \*\.json fixture/);
  });

  it('writes the provider page with every section a provider page has', () => {
    const page = readFileSync(join(root, 'docs/providers/acme-pay.md'), 'utf8');
    for (const section of [
      '# Acme',
      '## Error body',
      '## Mapping',
      '## Auth',
      '## Rate limits',
      '## Pagination',
      '## Request ids',
      '## What the official SDK does differently, and why Rosetta differs',
      '## Not covered',
      '## Sources',
    ])
      expect(page).toContain(section);
    expect(page).toContain("import { acmePay } from '@rosetta/acme-pay';");
  });

  it('registers the adapter in every shared file, once', () => {
    expect(registered).toEqual(SHARED);
    const [vitest, size, manifest, demo, readme, docs] = snapshot(root);
    // Appended after whatever adapter the repository lists last.
    expect(vitest).toMatch(/\|[a-z-]+\|acme-pay\)\$\//);
    expect(size).toMatch(/'[a-z-]+',\s+'acme-pay',?\s*\] as const;/);
    expect(size).toMatch(/\n {4}'acme-pay': MARGIN, \/\/ unmeasured/);
    expect(JSON.parse(manifest as string).devDependencies['@rosetta/acme-pay']).toBe('workspace:*');
    expect(JSON.parse(demo as string).dependencies['@rosetta/acme-pay']).toBe('workspace:*');
    expect(readme).toMatch(/`@rosetta\/[a-z-]+`, `@rosetta\/acme-pay` \| provider adapters \|/);
    expect(docs).toContain("| [Acme's Pay](providers/acme-pay.md) |");
    const before = snapshot(root);
    expect(registerAdapter(root, adapterNames('acme-pay', "Acme's Pay"))).toEqual([]);
    expect(snapshot(root)).toEqual(before);
  });

  it('prints the next steps, the install first', () => {
    expect(steps).toMatch(/^Created @rosetta\/acme-pay \(\d+ files\)/);
    expect(steps).toContain('1. npx -y pnpm@10.34.8 install');
  });

  it('refuses an id that has a package or a page already, writing nothing', () => {
    const before = snapshot(root);
    expect(() => newAdapter({ id: 'acme-pay', root })).toThrow('Adapter "acme-pay" exists already');
    rmSync(join(root, 'docs/providers/acme-pay.md'));
    writeFileSync(join(root, 'docs/providers/taken.md'), '# Taken\n');
    expect(() => newAdapter({ id: 'taken', root })).toThrow('exists already: docs/providers/taken.md');
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses an invalid id, base URL or name before writing anything', () => {
    for (const id of ['Acme', 'acme_pay', '1acme', 'acme-', '-acme', 'acme--pay', 'core', 'testkit', ''])
      expect(() => newAdapter({ id, root }), id).toThrow(/Invalid adapter id/);
    expect(() => newAdapter({ id: 'fine', baseUrl: 'api.fine.com', root })).toThrow(/Invalid --base-url/);
    expect(() => newAdapter({ id: 'fine', name: ' ', root })).toThrow(/Invalid --name/);
    expect(invalidIdReason('acme-pay2')).toBeUndefined();
  });
});

describe('new-adapter arguments and registration edits', () => {
  it('parses the id and the options', () => {
    expect(parseNewAdapterArgs(['acme', '--name', 'Acme Inc', '--base-url', 'https://api.acme.com'])).toEqual({
      id: 'acme',
      name: 'Acme Inc',
      baseUrl: 'https://api.acme.com',
    });
    expect(() => parseNewAdapterArgs([])).toThrow(/Usage: pnpm new-adapter <id>/);
    expect(() => parseNewAdapterArgs(['a', 'b'])).toThrow(/Usage/);
  });

  it('derives every name from the id', () => {
    expect(adapterNames('foo-bar2')).toMatchObject({
      camel: 'fooBar2',
      pascal: 'FooBar2',
      env: 'FOO_BAR2',
      display: 'Foo Bar2',
      baseUrl: 'https://api.foo-bar2.example',
    });
  });

  it('keys a plain id bare in the size gate, as biome formats it', () => {
    const size = "const ADAPTERS = ['a'] as const;\nconst GATE = {\n  coreWithAdapter: {\n    a: 1,\n  },\n};\n";
    expect(addSizeEntry(size, adapterNames('acme'))).toContain("['a', 'acme'] as const;\n");
    expect(addSizeEntry(size, adapterNames('acme'))).toContain('\n    acme: MARGIN, //');
  });

  it('fails naming the file when a shared file no longer has the place it edits', () => {
    const names = adapterNames('acme');
    expect(() => addVitestAlias('export default {};', names)).toThrow(/^vitest\.config\.ts: .* not found/);
    expect(() => addSizeEntry('const ADAPTERS = [] as const;', names)).toThrow(/^scripts\/size\.ts: GATE/);
    expect(() => addReadmePackage('# Rosetta\n', names)).toThrow(/^README\.md/);
    expect(() => addDocsProvider('# Docs\n', names)).toThrow(/^docs\/README\.md/);
  });
});
