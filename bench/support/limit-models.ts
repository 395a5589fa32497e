import { type Client, createClient } from '@rosetta/core';
import { twilio } from '@rosetta/twilio';
import { github } from '@rosetta/github';
import { hubspot } from '@rosetta/hubspot';
import { shopify } from '@rosetta/shopify';
import { slack } from '@rosetta/slack';
import { stripe } from '@rosetta/stripe';
import type { SimulatedLimit } from '@rosetta/testkit';
import { ADAPTER_LIMIT_MODELS } from './adapter-limit-models';
import { minimumMs } from './windowed-model';

/** One request of a model's workload, as every client can express it. */
export interface LimitCall {
  readonly method: 'GET' | 'POST';
  /** The path template (Rosetta's `route`), e.g. `/repos/{owner}/{repo}/issues/{number}`. */
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  /** JSON body (GraphQL) or form fields (Slack); undefined for a GET. */
  readonly body?: Readonly<Record<string, unknown>>;
}

/** How a model's targets are judged (docs/retries-and-rate-limits.md §4.7). */
export type ModelClass = 'state' | 'retry-after' | 'quota';

/** One provider limit model run by `pnpm bench limits`. */
export interface LimitModel {
  /** Short id, also the `--only` filter. */
  readonly id: string;
  readonly title: string;
  readonly class: ModelClass;
  /**
   * Simulated provider id: its path prefix (`v1` lets stripe-node, which takes no base path, reach it). `github`,
   * `slack` and `v1` also select the official SDK contender.
   */
  readonly provider: string;
  readonly limits: readonly SimulatedLimit[];
  /** What the model states in one line, with its numbers, for the report. */
  readonly describe: string;
  /** Calls of the main workload. */
  readonly calls: number;
  readonly main: (index: number) => LimitCall;
  /** A call on another, unthrottled bucket, for the cross-bucket delay; none when the model has one bucket. */
  readonly probe?: LimitCall;
  /** Calls that can succeed at all (the quota); `calls` when unbounded. */
  readonly attainable: number;
  /** Theoretical minimum for the attainable calls, ms, given the run's start (epoch ms), docs/retries-and-rate-limits.md §3.1. */
  readonly minimumMs: (startEpochMs: number) => number;
  /**
   * Rosetta on this provider: `create` makes the client with the adapter's defaults plus what a user who knows
   * their plan would write (the model's numbers where the simulator compresses the provider's windows; buckets of
   * their own for the generic adapter); `settings` says it in the report, `adapter` names the adapter.
   */
  readonly rosetta: {
    readonly adapter: string;
    readonly settings: string;
    readonly create: (baseUrl: string, origin: string) => Client;
  };
  /** A quota model: the `refusedBy` name of its quota refusal, and of the burst limit in front of it, if any. */
  readonly quota?: { readonly by: string; readonly burstBy?: string };
  /**
   * Windows on multiples of `windowMs` (epoch time): every client's main load starts `atMs` into one, so the
   * first window's length (which the minimum counts, to the millisecond) is the same for all and every run.
   */
  readonly phase?: { readonly windowMs: number; readonly atMs: number };
  /**
   * A concurrency cap the simulator enforces: the report adds an ideal client (fetch behind a semaphore of
   * exactly this many), the floor this machine allows, since the minimum counts the service time alone.
   */
  readonly idealConcurrency?: number;
  /** Whether a successful answer is in fact a throttle (Shopify GraphQL's 200 THROTTLED). */
  readonly throttledBody?: (body: unknown) => boolean;
}

const RATE = 100;
/** GraphQL `first` of call i: spread 1..100 without a random generator (the same list every run). */
const firstOf = (i: number): number => 1 + ((i * 37) % 100);
const GQL_MAX = 1_000;
const GQL_RESTORE = 2_000;
const GQL_CALLS = 180;
const GQL_SHARE = 0.5;
/** Sum of actual costs (2 + ceil(first * share)) of the GraphQL workload. */
const GQL_ACTUAL = Array.from({ length: GQL_CALLS }, (_, i) => 2 + Math.ceil(firstOf(i) * GQL_SHARE)).reduce(
  (a, b) => a + b,
  0,
);

/**
 * The models, scaled to ~2 s each (100 req/s class numbers) so the whole run stays short. Each
 * `limits` entry is the simulator's model of the provider (packages/testkit/src/simulator/limits,
 * where every header and body shape cites its source).
 */
export const LIMIT_MODELS: readonly LimitModel[] = [
  {
    id: 'github',
    title: 'GitHub: fixed window per resource',
    class: 'state',
    provider: 'github',
    limits: [
      {
        model: 'github',
        resources: { core: { limit: RATE, windowMs: 1_000 }, graphql: { limit: RATE, windowMs: 1_000 } },
      },
    ],
    describe: `core and graphql ${RATE} per 1 s window each (windows on whole seconds; every client starts 100 ms into one), x-ratelimit-* headers, 403 + remaining 0 (GraphQL: 200 RATE_LIMITED)`,
    calls: 350,
    attainable: 350,
    main: (i) => ({
      method: 'GET',
      route: '/repos/{owner}/{repo}/issues/{number}',
      params: { owner: 'acme', repo: 'app', number: String(i + 1) },
    }),
    probe: { method: 'POST', route: '/graphql', params: {}, body: { query: '{ viewer { login } }' } },
    minimumMs: (start) => minimumMs('fixed', 350, RATE, 1_000, start),
    // A tenth into a window: 900 ms left in the first one, as a call made at any moment would find it.
    phase: { windowMs: 1_000, atMs: 100 },
    // State in every answer: the adapter's declared 5,000 per hour is only a prior the headers correct.
    rosetta: {
      adapter: 'github',
      settings: 'defaults (the headers tell the limit)',
      create: (baseUrl) => createClient(github, { baseUrl, auth: { token: 'ghp_bench' } }),
    },
  },
  {
    id: 'slack',
    title: 'Slack: sliding window per method, Retry-After only',
    class: 'retry-after',
    provider: 'slack',
    limits: [{ model: 'slack', limit: 50, windowMs: 1_000 }],
    describe: '50 per any 1 s per method (sliding log, no phase to learn), 429 + Retry-After seconds, no state headers',
    calls: 150,
    attainable: 150,
    main: () => ({ method: 'POST', route: '/conversations.list', params: {}, body: { limit: 100 } }),
    probe: { method: 'POST', route: '/users.info', params: {}, body: { user: 'U0123' } },
    // Sliding log: (ceil(M / N) - 1) * W
    minimumMs: () => (Math.ceil(150 / 50) - 1) * 1_000,
    rosetta: {
      adapter: 'slack',
      settings: "`buckets: { tier2, tier4: { limit: 50, windowMs: 1_000 } }` (the model's numbers)",
      create: (baseUrl) =>
        createClient(slack, {
          baseUrl,
          auth: { token: 'xoxb-bench' },
          rateLimit: { buckets: { tier2: { limit: 50, windowMs: 1_000 }, tier4: { limit: 50, windowMs: 1_000 } } },
        }),
    },
  },
  {
    id: 'stripe',
    title: 'Stripe: token bucket, no hint',
    class: 'retry-after',
    provider: 'v1',
    limits: [{ model: 'stripe', ratePerSec: RATE, burst: 10 }],
    describe: `${RATE} req/s, burst 10; 429 rate_limit with no header at all`,
    calls: 210,
    attainable: 210,
    main: (i) => ({ method: 'GET', route: '/v1/customers/{id}', params: { id: `cus_${i}` } }),
    minimumMs: () => ((210 - 10) / RATE) * 1_000,
    // A `sk_test_` key: the adapter's `test` bucket (25/s sandbox) applies; the model is 100/s, burst 10.
    rosetta: {
      adapter: 'stripe',
      settings: `\`buckets: { test: { ratePerSec: ${RATE}, burst: 10 } }\` (the model's numbers)`,
      // stripe-node takes no base path: the simulated Stripe answers at the origin's `/v1`.
      create: (_baseUrl, origin) =>
        createClient(stripe, {
          baseUrl: origin,
          auth: { apiKey: 'sk_test_bench' },
          rateLimit: { buckets: { test: { ratePerSec: RATE, burst: 10 } } },
        }),
    },
  },
  {
    id: 'shopify-rest',
    title: 'Shopify REST: leaky bucket (@rosetta/shopify)',
    class: 'state',
    provider: 'shopify',
    limits: [{ model: 'shopify-rest', capacity: 40, leakPerSec: RATE, retryAfterSec: 0.1 }],
    describe: `bucket 40 leaking ${RATE}/s, X-Shopify-Shop-Api-Call-Limit used/40, 429 + Retry-After "0.1" (Shopify's "2.0" scaled with the leak)`,
    calls: 240,
    attainable: 240,
    main: (i) => ({ method: 'GET', route: '/products/{id}.json', params: { id: String(i + 1) } }),
    minimumMs: () => ((240 - 40) / RATE) * 1_000,
    rosetta: {
      adapter: 'shopify',
      settings: `\`buckets: { rest: { ratePerSec: ${RATE} } }\` (the leak rate is in no answer; the size is, in X-Shopify-Shop-Api-Call-Limit)`,
      create: (baseUrl) =>
        createClient(shopify, {
          baseUrl: `${baseUrl}/admin/api/2025-10`,
          auth: { token: 'shpat_bench' },
          rateLimit: { buckets: { rest: { ratePerSec: RATE } } },
        }),
    },
  },
  {
    id: 'shopify-graphql',
    title: 'Shopify GraphQL: cost bucket, throttled in a 200 (@rosetta/shopify)',
    class: 'state',
    provider: 'shopify',
    limits: [{ model: 'shopify-graphql', maximumAvailable: GQL_MAX, restoreRate: GQL_RESTORE, actualShare: GQL_SHARE }],
    describe: `${GQL_MAX} points restoring ${GQL_RESTORE}/s; cost requested 2 + first (first 1..100), actual 2 + first/2; 200 + THROTTLED`,
    calls: GQL_CALLS,
    attainable: GQL_CALLS,
    main: (i) => ({
      method: 'POST',
      route: '/graphql.json',
      params: {},
      body: {
        query: 'query($first: Int!) { products(first: $first) { nodes { id } } }',
        variables: { first: firstOf(i) },
      },
    }),
    // Cost bucket on actual cost: (sum c - B) / R
    minimumMs: () => (Math.max(0, GQL_ACTUAL - GQL_MAX) / GQL_RESTORE) * 1_000,
    rosetta: {
      adapter: 'shopify',
      settings: `\`buckets: { graphql: { ratePerSec: ${GQL_RESTORE} } }\` (the restore rate; the size is in extensions.cost)`,
      create: (baseUrl) =>
        createClient(shopify, {
          baseUrl: `${baseUrl}/admin/api/2025-10`,
          auth: { token: 'shpat_bench' },
          rateLimit: { buckets: { graphql: { ratePerSec: GQL_RESTORE } } },
        }),
    },
    throttledBody: (body) =>
      ((body as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors ?? []).some(
        (e) => e.extensions?.code === 'THROTTLED',
      ),
  },
  {
    id: 'concurrency',
    title: 'Twilio: concurrency cap, undisclosed (@rosetta/twilio)',
    class: 'retry-after',
    provider: 'twilio',
    limits: [{ model: 'concurrency', maxInFlight: 10, serviceMs: 20 }],
    describe: 'at most 10 in flight, each answer takes 20 ms; 429 beyond, no header, no hint',
    calls: 1_000,
    attainable: 1_000,
    main: (i) => ({ method: 'GET', route: '/Messages/{sid}.json', params: { sid: `SM${i}` } }),
    // ceil(M / C) * S
    minimumMs: () => Math.ceil(1_000 / 10) * 20,
    rosetta: {
      adapter: 'twilio',
      settings: "`buckets: { concurrency: { maxInFlight: 10 } }` (the model's cap; Twilio publishes none)",
      create: (baseUrl) =>
        createClient(twilio, {
          baseUrl,
          auth: { username: 'ACFAKE', password: 'bench' },
          rateLimit: { buckets: { concurrency: { maxInFlight: 10 } } },
        }),
    },
    idealConcurrency: 10,
  },
  {
    id: 'hubspot',
    title: 'HubSpot: daily quota + rolling burst (@rosetta/hubspot)',
    class: 'quota',
    provider: 'hubspot',
    limits: [
      { model: 'hubspot', daily: { limit: 300, windowMs: 86_400_000 }, burst: { limit: RATE, windowMs: 1_000 } },
    ],
    describe: `daily 300 (no reset during the run), ${RATE} per rolling 1 s; X-HubSpot-RateLimit-* headers; 429 policyName DAILY / TEN_SECONDLY_ROLLING`,
    calls: 400,
    attainable: 300,
    main: (i) => ({ method: 'GET', route: '/crm/v3/objects/contacts/{id}', params: { id: String(i + 1) } }),
    // The 300 the day allows, through the rolling window: (ceil(300 / 100) - 1) * 1 s; the rest must fail at once.
    minimumMs: () => (Math.ceil(300 / RATE) - 1) * 1_000,
    rosetta: {
      adapter: 'hubspot',
      settings: `\`buckets: { burst: { limit: ${RATE}, windowMs: 1_000 } }\` (the window is in no header it reads; the daily quota is, in X-HubSpot-RateLimit-Daily)`,
      create: (baseUrl) =>
        createClient(hubspot, {
          baseUrl,
          auth: { token: 'pat-bench' },
          rateLimit: { buckets: { burst: { limit: RATE, windowMs: 1_000 } } },
        }),
    },
    quota: { by: 'DAILY', burstBy: 'TEN_SECONDLY_ROLLING' },
  },
  ...ADAPTER_LIMIT_MODELS,
];

/** The concrete path of a call: the route with its params filled in. */
export function expandRoute(call: LimitCall): string {
  return call.route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(call.params[name] ?? ''));
}
