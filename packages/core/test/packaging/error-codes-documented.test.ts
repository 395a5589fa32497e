import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/error-model.md lists every code Rosetta itself emits: a code written in core's source (`code: '...'` or
// `classified(kind, '...'`, outside comments) must have its row there.
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const DOC = readFileSync(fileURLToPath(new URL('../../../../docs/error-model.md', import.meta.url)), 'utf8');

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

function emittedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(SRC)) {
    const code = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
      .join('\n');
    for (const match of code.matchAll(/\bcode: '([a-z][a-z0-9_]*)'|\bclassified\(\s*'\w+',\s*'([a-z][a-z0-9_]*)'/g)) {
      codes.add((match[1] ?? match[2]) as string);
    }
  }
  return codes;
}

describe('docs/error-model.md', () => {
  it('lists every code core emits', () => {
    const codes = emittedCodes();
    expect(codes.size).toBeGreaterThan(3);
    expect([...codes].filter((code) => !DOC.includes(`| \`${code}\` |`))).toEqual([]);
  });
});
