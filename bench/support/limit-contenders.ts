import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { LogLevel, WebClient } from '@slack/web-api';
import Stripe from 'stripe';
import { loadBaselines } from './load-baselines';
import { expandRoute, type LimitCall, type LimitModel } from './limit-models';

/** A client under test, bound to one simulated provider. */
export interface LimitClient {
  /** One call; resolves with the body, rejects when the client gives up. */
  call(call: LimitCall, signal: AbortSignal): Promise<unknown>;
  close(): Promise<void>;
  /** Why calls stopped retrying, when the client says (Rosetta's `error` events: kind, stop reason). */
  readonly stops?: ReadonlyMap<string, number>;
  /** Per probe call, in order: how long the client held it before sending its first attempt (Rosetta only). */
  readonly probeHolds?: readonly ProbeHold[];
}

/**
 * The hold of one probe call: `sync` when its first attempt was sent within the call itself (the limiter gave
 * the permit at once, nothing waited: the time is the client's own synchronous work, the same alone or not).
 */
export interface ProbeHold {
  readonly ms: number;
  readonly sync: boolean;
}

/** A way of calling a provider: Rosetta, the provider's official SDK, or naive retries. */
export interface LimitContender {
  readonly name: string;
  readonly kind: 'rosetta' | 'sdk' | 'naive' | 'ideal';
  /** What the client was configured with, for the report. */
  readonly settings: string;
  /** `baseUrl`: the provider's URL on the simulator; `origin`: the simulator's. */
  readonly make: (baseUrl: string, origin: string) => LimitClient;
}

/** How many times the SDK handlers and p-retry retry: the same budget for all. */
const RETRIES = 10;

/**
 * Rosetta with the adapter's defaults plus what the model tells it (`model.rosetta`: the model's numbers
 * where the simulator compresses the provider's, buckets of the user's own for the generic adapter).
 * Records, for probe calls, how long the client held each before sending it (limiter included).
 */
function rosetta(model: LimitModel): LimitContender {
  const make = (baseUrl: string, origin: string): LimitClient => {
    const client = model.rosetta.create(baseUrl, origin);
    const stops = new Map<string, number>();
    client.on('error', ({ error, stopReason }) => {
      // Calls aborted by the benchmark's own stop are counted as unfinished, not as failures.
      if (error.kind === 'aborted') return;
      const key = `${error.kind}${error.code === undefined ? '' : ` ${error.code}`}, ${stopReason ?? 'not retried'}`;
      stops.set(key, (stops.get(key) ?? 0) + 1);
    });
    const probeHolds: ProbeHold[] = [];
    let probeCalledAt: number | undefined;
    let inCall = false;
    const probe = model.probe;
    if (probe !== undefined) {
      const probePath = expandRoute(probe);
      // The first attempt of a probe call is about to be sent: everything before it (the limiter's
      // admission above all) is what Rosetta held the call.
      client.on('request', ({ url, attempt }) => {
        if (probeCalledAt === undefined || attempt !== 1 || !new URL(url).pathname.endsWith(probePath)) return;
        probeHolds.push({ ms: performance.now() - probeCalledAt, sync: inCall });
        probeCalledAt = undefined;
      });
    }
    return {
      stops,
      probeHolds,
      call: (call, signal) => {
        if (call === probe) probeCalledAt = performance.now();
        inCall = true;
        try {
          return client.request({
            method: call.method,
            path: call.route,
            params: call.params,
            ...(call.body === undefined ? {} : { body: call.body }),
            signal,
          });
        } finally {
          inCall = false;
        }
      },
      close: () => client.close(),
    };
  };
  return {
    name: `Rosetta (\`${model.rosetta.adapter}\` adapter)`,
    kind: 'rosetta',
    settings: model.rosetta.settings,
    make,
  };
}

const ThrottledOctokit = Octokit.plugin(throttling, retry);

/** Octokit as its README sets it up, the handlers retrying up to RETRIES times. */
const octokit: LimitContender = {
  name: '@octokit/core 7 + plugin-throttling 11 + plugin-retry 8',
  kind: 'sdk',
  settings: `README setup; handlers retry while retryCount < ${RETRIES}`,
  make: (baseUrl) => {
    const client = new ThrottledOctokit({
      auth: 'ghp_bench',
      baseUrl,
      throttle: {
        onRateLimit: (_after: number, _options: object, _octokit: object, retryCount: number) => retryCount < RETRIES,
        onSecondaryRateLimit: (_after: number, _options: object, _octokit: object, retryCount: number) =>
          retryCount < RETRIES,
      },
    });
    return {
      call: async (call, signal) =>
        (await client.request(`${call.method} ${call.route}`, { ...call.params, ...call.body, request: { signal } }))
          .data,
      close: async () => undefined,
    };
  },
};

/** @slack/web-api with its defaults (10 retries over ~30 min, queue paused on a 429); it takes no signal. */
const slackWebClient: LimitContender = {
  name: '@slack/web-api 8',
  kind: 'sdk',
  settings: 'defaults (pauses the whole client on a 429, p-retry 10)',
  make: (baseUrl) => {
    const client = new WebClient('xoxb-bench', { slackApiUrl: `${baseUrl}/`, logLevel: LogLevel.ERROR });
    return {
      call: (call) => client.apiCall(call.route.slice(1), { ...call.body }),
      close: async () => undefined,
    };
  },
};

/** stripe-node with its defaults: it does not retry a rate-limit 429 (stripe/stripe-node#1110). */
const stripeNode: LimitContender = {
  name: 'stripe-node 23',
  kind: 'sdk',
  settings: 'defaults (does not retry a rate-limit 429)',
  make: (_baseUrl, origin) => {
    const url = new URL(origin);
    const client = new Stripe('sk_test_bench', {
      host: url.hostname,
      port: Number(url.port),
      protocol: 'http',
      telemetry: false,
    });
    return {
      call: (call) => client.customers.retrieve(call.params.id ?? ''),
      close: async () => undefined,
    };
  },
};

/** p-retry(ky): retries anything 10 times with p-retry's exponential backoff, reads no header. */
async function naive(model: LimitModel): Promise<LimitContender> {
  const { ky, pRetry } = await loadBaselines();
  return {
    name: 'p-retry(ky)',
    kind: 'naive',
    settings: `${RETRIES} retries of anything, exponential backoff, reads no header`,
    make: (baseUrl) => ({
      call: (call, signal) =>
        pRetry(
          async () => {
            const body = await ky(`${baseUrl}${expandRoute(call)}`, {
              method: call.method,
              retry: 0,
              signal,
              ...(call.body === undefined ? {} : { json: call.body }),
            }).json();
            // A throttle in a 200 is a failure to retry, as any hand-written wrapper would treat it.
            if (model.throttledBody?.(body) === true) throw new Error('THROTTLED');
            return body;
          },
          { retries: RETRIES, signal },
        ),
      close: async () => undefined,
    }),
  };
}

/**
 * A client no library could beat on a concurrency cap: it knows the cap and keeps exactly that many calls
 * in flight (plain fetch behind a semaphore, nothing else), so its time is the floor of this machine: the
 * service time plus the round trip and the scheduling of each call.
 */
function ideal(cap: number): LimitContender {
  return {
    name: `ideal: fetch behind a semaphore of exactly ${cap}`,
    kind: 'ideal',
    settings: 'knows the cap; no retries, no parsing beyond the body text',
    make: (baseUrl) => {
      let inFlight = 0;
      const waiting: (() => void)[] = [];
      return {
        call: async (call, signal) => {
          // A finishing call hands its slot straight to the next waiter, so no newcomer slips in between.
          if (inFlight >= cap) await new Promise<void>((resolve) => waiting.push(resolve));
          else inFlight++;
          try {
            const response = await fetch(`${baseUrl}${expandRoute(call)}`, { method: call.method, signal });
            const text = await response.text();
            if (!response.ok) throw new Error(`HTTP ${response.status}`);
            return text;
          } finally {
            const next = waiting.shift();
            if (next === undefined) inFlight--;
            else next();
          }
        },
        close: async () => undefined,
      };
    },
  };
}

/** The contenders of one model: Rosetta, the official SDK where one exists, naive retries, an ideal floor. */
export async function contendersFor(model: LimitModel): Promise<LimitContender[]> {
  const sdk = { github: octokit, slack: slackWebClient, v1: stripeNode }[model.provider as string];
  const floor = model.idealConcurrency === undefined ? [] : [ideal(model.idealConcurrency)];
  return [rosetta(model), ...(sdk === undefined ? [] : [sdk]), await naive(model), ...floor];
}
