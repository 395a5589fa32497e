import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** Bare package specifiers reachable from `entry` through relative imports. */
function packagesReachable(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.')) visit(`${resolve(dirname(file), specifier)}.ts`);
      else if (!packages.has(specifier)) packages.set(specifier, file);
    }
  };
  visit(resolve(SRC, entry));
  return packages;
}

describe('entry points', () => {
  it('keeps vitest and nock out of the main entry, so @rosetta/testkit loads outside a test runner', () => {
    const packages = packagesReachable('index.ts');
    expect(packages.has('@rosetta/core')).toBe(true);
    expect([...packages.keys()].filter((name) => /^(vitest|nock)(\/|$)/.test(name))).toEqual([]);
  });

  it('puts the conformance suite, with vitest and nock, behind @rosetta/testkit/vitest', () => {
    const packages = packagesReachable('vitest.ts');
    expect(packages.has('vitest')).toBe(true);
    expect(packages.has('nock')).toBe(true);
  });
});
