import type { AddressInfo } from 'node:net';
import { type BeforeRequestHook, createClient } from '@rosetta/core';
import { github } from '@rosetta/github';
import { stripe } from '@rosetta/stripe';
import { type AdapterFixture, loadFixtures, SIMULATE_HEADER, type Simulator, startSimulator } from '@rosetta/testkit';
import { createService, type ServiceLogEntry } from './create-service';

/** The service's fake Stripe key: the simulator accepts anything, and the tests check it never reaches a client. */
export const FAKE_STRIPE_KEY = 'sk_test_FAKE51HttpServiceExampleKey0000';
/** The service's fake GitHub token, checked in the same way. */
export const FAKE_GITHUB_TOKEN = 'ghp_FAKEhttpServiceExampleToken000000';

/** Options of {@link startExample}. */
export interface ExampleOptions {
  /** More recorded answers for the simulated providers, by provider id. */
  readonly extraFixtures?: Readonly<Partial<Record<'stripe' | 'github', readonly AdapterFixture[]>>>;
  /**
   * Per-attempt timeout of the service's provider clients.
   * @default 2_000
   */
  readonly timeoutMs?: number;
}

/** The service listening on a free port, in front of the simulated providers. */
export interface RunningExample {
  /** The service's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly sim: Simulator;
  /** Failures the service logged. */
  readonly logs: readonly ServiceLogEntry[];
  /**
   * Names the recorded answer each provider gives from now on (none: its success fixture). Test plumbing: it sets
   * the simulator's `x-rosetta-simulate` header through a `beforeRequest` hook; a real service has no such hook.
   */
  simulate(fixtures: Readonly<Partial<Record<'stripe' | 'github', string>>>): void;
  close(): Promise<void>;
}

const fixturesOf = (adapter: string): AdapterFixture[] =>
  loadFixtures(new URL(`../../../packages/adapters/${adapter}/test/fixtures`, import.meta.url));

/**
 * Starts the provider simulator (Stripe and GitHub from their adapters' recorded fixtures), one Rosetta client
 * per provider with settings fit for a request handler, and the service on a free loopback port.
 *
 * @example
 * const example = await startExample();
 * console.log(await (await fetch(`${example.url}/customers/cus_FAKE0001`)).json());
 * await example.close();
 */
export async function startExample(options: ExampleOptions = {}): Promise<RunningExample> {
  const sim = await startSimulator({
    providers: [
      { id: 'stripe', fixtures: [...fixturesOf('stripe'), ...(options.extraFixtures?.stripe ?? [])] },
      { id: 'github', fixtures: [...fixturesOf('github'), ...(options.extraFixtures?.github ?? [])] },
    ],
  });
  let picked: Partial<Record<'stripe' | 'github', string>> = {};
  const pick =
    (provider: 'stripe' | 'github'): BeforeRequestHook =>
    (request) => {
      const fixture = picked[provider];
      if (fixture !== undefined) request.headers.set(SIMULATE_HEADER, fixture);
    };
  // A request handler cannot wait long: one quick retry, a short deadline, and any longer wait (a provider's
  // Retry-After, a paused rate-limit bucket) fails at once with `retryAfterMs`, which becomes the answer's Retry-After.
  const shared = {
    timeoutMs: options.timeoutMs ?? 2_000,
    deadlineMs: 5_000,
    retry: { maxRetries: 1, baseDelayMs: 50, maxDelayMs: 200, maxRetryAfterMs: 2_000 },
    rateLimit: { maxHoldMs: 2_000 },
  };
  const stripeClient = createClient(stripe, {
    ...shared,
    baseUrl: sim.urlFor('stripe'),
    auth: { apiKey: FAKE_STRIPE_KEY },
    hooks: { beforeRequest: [pick('stripe')] },
  });
  const githubClient = createClient(github, {
    ...shared,
    baseUrl: sim.urlFor('github'),
    auth: { token: FAKE_GITHUB_TOKEN },
    hooks: { beforeRequest: [pick('github')] },
  });
  const logs: ServiceLogEntry[] = [];
  const server = createService({ stripe: stripeClient, github: githubClient, log: (entry) => logs.push(entry) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sim,
    logs,
    simulate: (fixtures) => {
      picked = { ...fixtures };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([stripeClient.close(), githubClient.close()]);
      await sim.close();
    },
  };
}
