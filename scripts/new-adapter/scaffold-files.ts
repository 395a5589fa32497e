import { providerPage } from './doc-template';
import type { AdapterNames } from './names';
import { packageFiles } from './package-templates';
import { sourceFiles } from './source-templates';
import { testFiles } from './test-templates';

/** The adapter's package folder, relative to the repository root. */
export const packageDir = ({ id }: AdapterNames): string => `packages/adapters/${id}`;

/** The adapter's provider page, relative to the repository root. */
export const docPath = ({ id }: AdapterNames): string => `docs/providers/${id}.md`;

/**
 * Every file of a new adapter, by path relative to the repository root.
 *
 * @example
 * Object.keys(scaffoldFiles(adapterNames('acme'), 20260101)); // ['packages/adapters/acme/package.json', ...]
 */
export function scaffoldFiles(names: AdapterNames, seed: number): Record<string, string> {
  const inPackage = { ...packageFiles(names), ...sourceFiles(names), ...testFiles(names, seed) };
  return {
    ...Object.fromEntries(Object.entries(inPackage).map(([file, text]) => [`${packageDir(names)}/${file}`, text])),
    [docPath(names)]: providerPage(names),
  };
}
