import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Docs, shipped sources and fixtures cite only what a reader of the repository or the npm package can open: the
// providers' pages, official SDK files, or files in this repository. The research notes the project started from
// live outside it.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const OUTSIDE = new RegExp(
  ['/work/', 'QUIRKS', ...['DESIGN', 'FAULTS', 'MEASURED', 'LIMITS', 'STYLE'].map((name) => `\b${name}.md`)].join('|'),
);
const SELF = fileURLToPath(import.meta.url);
const SCANNED = ['README.md', 'docs', 'packages', 'examples'];
const SKIP = new Set(['node_modules', 'dist', '.turbo', '.tmp']);

function* files(path: string): Generator<string> {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) if (!SKIP.has(entry)) yield* files(join(path, entry));
  } else if (/\.(md|ts|json)$/.test(path)) {
    yield path;
  }
}

describe('citations', () => {
  it('no doc, source or fixture cites a file outside the repository', () => {
    const offenders: string[] = [];
    for (const top of SCANNED) {
      for (const file of files(join(ROOT, top))) {
        if (file === SELF) continue;
        const lines = readFileSync(file, 'utf8').split('\n');
        lines.forEach((line, i) => {
          if (OUTSIDE.test(line)) offenders.push(`${relative(ROOT, file)}:${i + 1}`);
        });
      }
    }
    expect(offenders).toEqual([]);
  });
});
