import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Adapter, AuthOptions } from '@rosetta/core';
import { github } from '@rosetta/github';
import { slack } from '@rosetta/slack';
import { stripe } from '@rosetta/stripe';
import type { SimulatedLimit, SimulatedRateLimit } from '@rosetta/testkit';

/** One provider of the demo: its adapter, fake credentials, and how the simulator plays it. */
export interface DemoProvider {
  readonly id: string;
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

const require = createRequire(import.meta.url);
/** The fixtures folder of an adapter package, found through the package itself (a workspace link). */
const fixturesOf = (pkg: string): string => join(dirname(require.resolve(`${pkg}/package.json`)), 'test', 'fixtures');

/** The simulated GitHub's `core` window: the rate-limit section saturates it. */
export const GITHUB_CORE = { limit: 75, windowMs: 1_000 } as const;

/**
 * GitHub's limits in the rate-limit section: a window per resource, as GitHub counts them, `core` compressed to
 * a second so the demo runs in seconds, `search` at its documented 30 per minute.
 */
export const GITHUB_LIMITS: readonly SimulatedLimit[] = [
  { model: 'github', resources: { core: GITHUB_CORE, search: { limit: 30, windowMs: 60_000 } } },
];

/** Stripe, GitHub and Slack, each rate limited in its own style. */
export const DEMO_PROVIDERS: readonly DemoProvider[] = [
  {
    id: 'stripe',
    adapter: stripe,
    auth: { apiKey: 'sk_test_FAKE_rosetta_demo_key' },
    fixturesDir: fixturesOf('@rosetta/stripe'),
    rateLimit: { style: 'stripe', limit: 100, windowMs: 1_000 },
    preferred: [
      'authentication-invalid-api-key',
      'idempotency-key-reused',
      'rate-limited-429',
      'server-500-api-error',
      'validation-missing-param',
    ],
  },
  {
    id: 'github',
    adapter: github,
    auth: { token: 'ghp_FAKE_rosetta_demo_token' },
    fixturesDir: fixturesOf('@rosetta/github'),
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
  {
    id: 'slack',
    adapter: slack,
    auth: { token: 'xoxb-FAKE-rosetta-demo-token' },
    fixturesDir: fixturesOf('@rosetta/slack'),
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
];
