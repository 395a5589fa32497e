import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** An installed `@rosetta/*` adapter package that ships its recorded fixtures. */
export interface InstalledAdapter {
  /** The adapter's id, also its path prefix on the simulator (`/github`). */
  readonly id: string;
  /** The npm name, e.g. `@rosetta/github`. */
  readonly packageName: string;
  /** Absolute path of the folder holding its `*.json` fixtures; give it to `loadFixtures`. */
  readonly fixturesDir: string;
}

/** What an adapter's `package.json` says about its fixtures (written by the repository's `scripts/package-meta.ts`). */
interface RosettaField {
  readonly adapter?: unknown;
  readonly fixtures?: unknown;
}

/**
 * Every `@rosetta/*` adapter installed where Node would resolve it from `from`: the
 * `node_modules/@rosetta` folders of `from` and of each folder above it, the nearest copy of a
 * package winning, as in Node's own lookup. A package counts when its `package.json` names its
 * fixtures, `"rosetta": { "adapter": "github", "fixtures": "./test/fixtures" }`; `@rosetta/core`
 * and `@rosetta/testkit` do not. Sorted by id.
 *
 * @example
 * const providers = findInstalledAdapters().map((a) => ({ id: a.id, fixtures: loadFixtures(a.fixturesDir) }));
 * const sim = await startSimulator({ providers });
 */
export function findInstalledAdapters(from: string = process.cwd()): InstalledAdapter[] {
  const found = new Map<string, InstalledAdapter>();
  const seen = new Set<string>();
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const scope = join(dir, 'node_modules', '@rosetta');
    for (const entry of listDir(scope)) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      const adapter = readAdapter(join(scope, entry), `@rosetta/${entry}`);
      if (adapter !== undefined && !found.has(adapter.id)) found.set(adapter.id, adapter);
    }
    if (dirname(dir) === dir) break;
  }
  return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function readAdapter(packageDir: string, packageName: string): InstalledAdapter | undefined {
  let manifest: { rosetta?: RosettaField };
  try {
    manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const { adapter, fixtures } = manifest.rosetta ?? {};
  if (typeof adapter !== 'string' || typeof fixtures !== 'string') return undefined;
  // pnpm links packages; the real folder keeps printed paths short and stable.
  return { id: adapter, packageName, fixturesDir: resolve(realpathSync(packageDir), fixtures) };
}
