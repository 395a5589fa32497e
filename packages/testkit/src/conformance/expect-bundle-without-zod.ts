import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/**
 * Asserts that bundling `entry` (an adapter's `src/index.ts`) loads no zod module: adapters declare their
 * bodies as zod schemas for tests, but read them by hand at run time, so that zod never reaches an app's
 * bundle (docs/decisions/zod-at-runtime.md). `@rosetta/core` is left out of the bundle: its own zod is
 * dropped in production builds, which `pnpm size` checks. Needs `esbuild` (an optional peer dependency).
 *
 * @example
 * it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
 */
export async function expectBundleWithoutZod(entry: string | URL): Promise<void> {
  // Loaded on use: the rest of the vitest entry works without esbuild installed.
  const { build } = await import('esbuild');
  const { metafile } = await build({
    entryPoints: [typeof entry === 'string' ? entry : fileURLToPath(entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    external: ['@rosetta/core'],
    logLevel: 'silent',
  });
  const zodModules = Object.keys(metafile.inputs).filter((input) => input.includes('/zod/'));
  const example = zodModules.slice(0, 2).join(', ');
  expect(zodModules.length, `zod modules in the bundle (${example}, ...): import schemas.ts from tests only`).toBe(0);
}
