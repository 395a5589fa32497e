import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// CONTRIBUTING.md maps each question a newcomer asks ("where is Retry-After parsed?") to a file of core. A file
// renamed or folded away must take its row with it, or the map sends the reader to nothing.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CORE = join(ROOT, 'packages/core');

/** Every backquoted path of the map's table, relative to `packages/core/src/` unless it names the repository. */
function mappedPaths(): string[] {
  const page = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
  const table = page.slice(page.indexOf('## Finding your way in core'));
  const paths: string[] = [];
  for (const [, path] of table.matchAll(/`([a-z0-9/.-]+(?:\.ts|\/))`/g)) paths.push(path as string);
  return paths;
}

describe('CONTRIBUTING.md map of core', () => {
  it('names the files a newcomer looks for first', () => {
    const paths = mappedPaths();
    for (const file of ['client/run-call.ts', 'classify/read-headers.ts', 'retry/decide-retry.ts']) {
      expect(paths).toContain(file);
    }
  });

  it('names only paths that exist', () => {
    const missing = mappedPaths().filter(
      (path) => !existsSync(path.startsWith('packages/') ? join(ROOT, path) : join(CORE, 'src', path)),
    );
    expect(missing).toEqual([]);
  });
});
