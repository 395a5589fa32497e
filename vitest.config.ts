import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against src/, never dist/: no build step before `vitest run`.
    alias: [
      { find: /^@rosetta\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@rosetta\/core\/redis$/, replacement: src('./packages/core/src/redis.ts') },
      { find: /^@rosetta\/testkit$/, replacement: src('./packages/testkit/src/index.ts') },
      { find: /^@rosetta\/testkit\/vitest$/, replacement: src('./packages/testkit/src/vitest.ts') },
      { find: /^@rosetta\/opentelemetry$/, replacement: src('./packages/opentelemetry/src/index.ts') },
      {
        find: /^@rosetta\/(stripe|github|slack|notion|hubspot|shopify|jira|zendesk|salesforce|microsoft-graph|google|bamboohr|asana|quickbooks|twilio|intercom|linear|airtable|xero)$/,
        replacement: src('./packages/adapters/$1/src/index.ts'),
      },
    ],
  },
  test: {
    include: [
      'packages/**/test/**/*.test.ts',
      'packages/**/src/**/*.test.ts',
      'examples/**/test/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    setupFiles: [src('./vitest.setup.ts')],
    typecheck: { enabled: true, include: ['packages/**/*.test-d.ts'] },
    testTimeout: 20_000,
    pool: 'forks',
  },
});
