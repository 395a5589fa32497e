import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
// ky's is found by path, for the same reason as the runtime lookup below.
import type BottleneckClass from 'bottleneck';
import type kyDefault from '../../packages/core/node_modules/ky';
import pRetry from 'p-retry';

/** The libraries the baselines are built from: the very copies `@rosetta/core` depends on. */
export interface Baselines {
  readonly ky: typeof kyDefault;
  readonly pRetry: typeof pRetry;
  /** bottleneck's full build, as an app that installs it itself gets it (timer yield included). */
  readonly Bottleneck: typeof BottleneckClass;
}

// ky is a dependency of @rosetta/core, not of the workspace root, so a bare import from bench/ does not
// resolve; it is resolved from core's package instead. p-retry and bottleneck are root devDependencies: core no
// longer uses them (docs/decisions/), only the naive baselines do.
const fromCore = createRequire(new URL('../../packages/core/package.json', import.meta.url));

async function importFromCore<T>(name: string): Promise<T> {
  const module = (await import(pathToFileURL(fromCore.resolve(name)).href)) as { default: T };
  return module.default;
}

/**
 * Loads ky, p-retry and bottleneck for the naive baselines.
 *
 * @example
 * const { ky, pRetry } = await loadBaselines();
 * await pRetry(() => ky.get(url, { retry: 0 }).json(), { retries: 3 });
 */
export async function loadBaselines(): Promise<Baselines> {
  const [ky, Bottleneck] = await Promise.all([
    importFromCore<typeof kyDefault>('ky'),
    import('bottleneck').then((m) => m.default as typeof BottleneckClass),
  ]);
  return { ky, pRetry, Bottleneck };
}
