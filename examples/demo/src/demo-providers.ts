import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Adapter, type AuthOptions, isAdapter } from '@rosetta/core';
import type { SimulatedLimit, SimulatedRateLimit } from '@rosetta/testkit';

/** One provider of the demo: its adapter, fake credentials, and how the simulator plays it. */
export interface DemoProvider {
  readonly id: string;
  /** The adapter package, e.g. `@rosetta/stripe`. */
  readonly pkg: string;
  readonly adapter: Adapter;
  /** Obviously fake; the demo asserts none of it is ever printed. */
  readonly auth: AuthOptions;
  /** The adapter package's recorded fixtures, the same ones its tests run. */
  readonly fixturesDir: string;
  /** A provider-wide window in the provider's style; none for GitHub, whose section sets per-resource limits. */
  readonly rateLimit?: SimulatedRateLimit;
  /** Fixtures to show first for their kind; the rest of each kind is picked by name order. */
  readonly preferred: readonly string[];
}

/** What a provider needs beyond its package: only the providers the simulator models have an entry. */
type Extras = Partial<Pick<DemoProvider, 'auth' | 'rateLimit' | 'preferred'>>;

/** The simulated GitHub's `core` window: the rate-limit section saturates it. */
export const GITHUB_CORE = { limit: 75, windowMs: 1_000 } as const;

/**
 * GitHub's limits in the rate-limit section: a window per resource, as GitHub counts them, `core` compressed to
 * a second so the demo runs in seconds, `search` at its documented 30 per minute.
 */
export const GITHUB_LIMITS: readonly SimulatedLimit[] = [
  { model: 'github', resources: { core: GITHUB_CORE, search: { limit: 30, windowMs: 60_000 } } },
];

/**
 * Stripe, GitHub and Slack: the simulator plays their rate limits in their own style, and these fixtures tell
 * their stories best (the scenario rows and the tests rely on them). They come first, in this order.
 */
const MODELLED: Readonly<Record<string, Extras>> = {
  stripe: {
    auth: { apiKey: 'sk_test_FAKE_rosetta_demo_key' },
    rateLimit: { style: 'stripe', limit: 100, windowMs: 1_000 },
    preferred: [
      'authentication-invalid-api-key',
      'idempotency-key-reused',
      'rate-limited-429',
      'server-500-api-error',
      'validation-missing-param',
    ],
  },
  github: {
    auth: { token: 'ghp_FAKE_rosetta_demo_token' },
    preferred: [
      'rest-success-list-with-link',
      'rest-bad-credentials',
      'rest-resource-not-accessible-by-integration',
      'rest-not-found',
      'rest-validation-missing-field',
      'rest-validation-already-exists',
      'rest-primary-rate-limit-403',
      'rest-service-unavailable',
      'rest-server-error',
    ],
  },
  slack: {
    auth: { token: 'xoxb-FAKE-rosetta-demo-token' },
    rateLimit: { style: 'slack', limit: 50, windowMs: 1_000 },
    preferred: [
      'conversations-list-success',
      'invalid-auth',
      'missing-scope',
      'channel-not-found',
      'ratelimited-429',
      'server-error-html-503',
    ],
  },
};

/** The providers shown in full by default (the others get one line each), in the demo's order. */
export const DETAIL_PROVIDERS: readonly string[] = Object.keys(MODELLED);

/** Packages of the demo's dependencies that are not adapters. */
const NOT_ADAPTERS = new Set(['@rosetta/core', '@rosetta/testkit']);

const require = createRequire(import.meta.url);

/** The `@rosetta/*` adapter packages the demo depends on, from its package.json. */
export function installedAdapterPackages(): string[] {
  const manifest = require('../package.json') as { readonly dependencies?: Readonly<Record<string, string>> };
  return Object.keys(manifest.dependencies ?? {}).filter(
    (name) => name.startsWith('@rosetta/') && !NOT_ADAPTERS.has(name),
  );
}

/**
 * Every adapter installed in the demo, found through its dependencies: adding an adapter package to
 * `package.json` puts it in the demo, no entry needed. Credentials are a fake `apiKey` (core reads it for every
 * auth scheme) unless {@link MODELLED} gives one; the modelled providers come first.
 *
 * @example
 * (await loadDemoProviders()).map((p) => p.id); // ['stripe', 'github', 'slack', 'google', ...]
 */
export async function loadDemoProviders(): Promise<DemoProvider[]> {
  const providers = await Promise.all(
    installedAdapterPackages().map(async (pkg): Promise<DemoProvider> => {
      const adapter = Object.values(await import(pkg)).find(isAdapter);
      if (adapter === undefined) throw new Error(`${pkg} exports no adapter`);
      const extras = MODELLED[adapter.id] ?? {};
      return {
        id: adapter.id,
        pkg,
        adapter,
        auth: extras.auth ?? { apiKey: `FAKE_rosetta_demo_${adapter.id}_key` },
        // Found through the package itself (a workspace link), as its own tests find them.
        fixturesDir: join(dirname(require.resolve(`${pkg}/package.json`)), 'test', 'fixtures'),
        ...(extras.rateLimit === undefined ? {} : { rateLimit: extras.rateLimit }),
        preferred: extras.preferred ?? [],
      };
    }),
  );
  const order = DETAIL_PROVIDERS;
  const rank = (p: DemoProvider): number => (order.includes(p.id) ? order.indexOf(p.id) : order.length);
  return providers.sort((a, b) => rank(a) - rank(b));
}
