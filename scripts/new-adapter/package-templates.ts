import type { AdapterNames } from './names';

/** `package.json`, `tsconfig.json` and `tsup.config.ts` of a new adapter, as the existing adapters have them. */
export function packageFiles(n: AdapterNames): Record<string, string> {
  const manifest = {
    name: `@rosetta/${n.id}`,
    version: '0.1.0',
    description: `Rosetta adapter for the ${n.display} API: its errors and limits in Rosetta's error model.`,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20.19' },
    exports: {
      '.': { source: './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist', 'src'],
    scripts: {
      build: 'tsup',
      typecheck: 'tsc -p tsconfig.json',
      publint: 'publint --strict --pack npm && attw --pack . --profile esm-only',
    },
    dependencies: { zod: '4.6.7' },
    peerDependencies: { '@rosetta/core': 'workspace:^' },
    devDependencies: { '@rosetta/core': 'workspace:*', '@rosetta/testkit': 'workspace:*' },
  };
  return {
    'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'tsconfig.json': `{
  "extends": "../../../tsconfig.base.json",
  "include": ["src", "test"]
}
`,
    'tsup.config.ts': `import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: ['@rosetta/core'],
});
`,
  };
}
