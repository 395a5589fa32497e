import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AdapterFixture } from '../conformance/fixture';
import { type SimulatedAnswer, writeAnswer } from './answer';
import { faultAnswer } from './fault-answer';
import { createFixedWindow, type FixedWindow, type WindowReading } from './fixed-window';
import { codeloadAnswer, githubEndpoint } from './github-endpoints';
import { createLimit } from './limits/create-limit';
import type { LimitedRequest, LimitRuntime } from './limits/limit-runtime';
import { matchFixture, successSkeleton } from './match-fixture';
import { limitedAnswer, rateLimitHeaders } from './rate-limit-style';
import { rebaseHeaders } from './rebase-headers';
import { createScenarioState, type ScenarioState } from './scenario-state';
import type { ProviderStats, SimulatedProvider, Simulator, SimulatorOptions, SimulatorScenario } from './types';

/** Request header naming the fixture to answer with. */
export const SIMULATE_HEADER = 'x-rosetta-simulate';
/** Path prefix of the simulator's own routes; no provider may take it. */
const ADMIN_PREFIX = '/__simulator/';
const PROVIDER_ID = /^[a-z0-9][a-z0-9-]*$/;
/** Where a fixture states no time of its own, its reset is taken to be this far ahead. */
const DEFAULT_RESET_OFFSET_MS = 60_000;
const MAX_ADMIN_BODY = 64 * 1024;

interface ProviderRuntime {
  readonly spec: SimulatedProvider;
  readonly byName: ReadonlyMap<string, AdapterFixture>;
  readonly window: FixedWindow | undefined;
  readonly scenario: ScenarioState;
  /** The limits in force: the scenario's, else the provider's; rebuilt (fresh) by every scenario change. */
  limits: readonly LimitRuntime[];
  readonly stats: {
    requests: number;
    byStatus: Record<number, number>;
    rateLimited: number;
    refusedBy: Record<string, number>;
    resets: number;
  };
}

/** An answer and, for one admitted under a concurrency cap, how long to hold it and what to free after. */
interface Outcome {
  readonly answer: SimulatedAnswer | 'reset';
  readonly holdMs?: number;
  readonly release?: () => void;
}

/** What the provider's limits made of one request. */
interface Admission {
  readonly refusal?: SimulatedAnswer;
  readonly headers: Record<string, string>;
  readonly body: (body: unknown) => unknown;
  readonly holdMs: number;
  readonly releases: (() => void)[];
}

/**
 * Starts a loopback HTTP server that plays several providers from their fixtures, each under its
 * own path prefix (`/stripe`, `/github`, ...), with stateful rate limits in each provider's style
 * and switchable outage, slow and flaky scenarios.
 *
 * A request is answered, in this order: by the scenario (after its delay: an outage status, a
 * flaky fault), by `rateLimit` when its window is spent, by the first of `limits` (the scenario's,
 * else the provider's) that refuses it, by the fixture named in
 * `x-rosetta-simulate`, by the success fixture matching method and path, else by an empty success
 * shaped like the provider's. Absolute times in fixture headers are moved to the present.
 * A named fixture's own headers win over the simulated rate-limit state; any other answer carries
 * the state. A provider with `endpoints: 'github'` answers GitHub's non-JSON endpoints (markdown,
 * raw contents, archive redirects) itself, after a named fixture and before the matching one; the
 * archives are served by a second listener, `downloadOrigin`, which plays codeload.github.com.
 *
 * Admin routes: `POST /__simulator/scenario` with `{ "provider": "github", "scenario": {...} }`
 * sets a scenario (its `limits` replace the provider's, with fresh state); `GET /__simulator/stats?provider=github` returns the counters.
 *
 * @example
 * const sim = await startSimulator({ providers: [{ id: 'slack', fixtures, rateLimit: { style: 'slack', limit: 50, windowMs: 1_000 } }] });
 * const client = createClient(slack, { baseUrl: sim.urlFor('slack'), auth: { token: 'xoxb-fake' } });
 * await client.post('/chat.postMessage', { headers: { 'x-rosetta-simulate': 'channel-not-found' } }); // throws not_found
 * await sim.close();
 */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const providers = new Map<string, ProviderRuntime>();
  const started = Date.now();
  for (const spec of options.providers) {
    if (!PROVIDER_ID.test(spec.id))
      throw new TypeError(`provider id "${spec.id}" must be lower-case letters, digits and "-"`);
    if (providers.has(spec.id)) throw new TypeError(`provider id "${spec.id}" is given twice`);
    const scenario = createScenarioState();
    scenario.set(spec.scenario ?? {}, started);
    providers.set(spec.id, {
      spec,
      byName: new Map(spec.fixtures.map((f) => [f.name, f])),
      window:
        spec.rateLimit === undefined ? undefined : createFixedWindow(spec.rateLimit.limit, spec.rateLimit.windowMs),
      scenario,
      limits: (spec.scenario?.limits ?? spec.limits ?? []).map(createLimit),
      stats: { requests: 0, byStatus: {}, rateLimited: 0, refusedBy: {}, resets: 0 },
    });
  }

  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const runtimeOf = (id: string): ProviderRuntime => {
    const runtime = providers.get(id);
    if (runtime === undefined)
      throw new RangeError(`no simulated provider "${id}" (have: ${[...providers.keys()].join(', ')})`);
    return runtime;
  };

  // Known once both servers listen, before any request can arrive.
  let downloadOrigin = '';
  const server = createServer((req, res) => {
    // No Date header: it has whole seconds, and core corrects absolute resets by it, which would
    // stretch a one-second window by up to a second. Client and simulator share one clock anyway.
    res.sendDate = false;
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    if (url.pathname.startsWith(ADMIN_PREFIX)) return writeAnswer(res, adminAnswer(req.method ?? 'GET', url, body));

    const [, id = '', ...rest] = url.pathname.split('/');
    const runtime = providers.get(id);
    if (runtime === undefined) {
      return writeAnswer(
        res,
        simulatorError(404, `no simulated provider "${id}"`, { providers: [...providers.keys()] }),
      );
    }
    runtime.stats.requests++;
    const wait = runtime.scenario.delayMs();
    if (wait > 0) await delay(wait);
    if (res.destroyed) return;

    const path = `/${rest.join('/')}`;
    const request: LimitedRequest = { method: (req.method ?? 'GET').toUpperCase(), path, body };
    const { answer, holdMs = 0, release } = answerFor(runtime, req, request, url.search, Date.now());
    try {
      if (holdMs > 0) await delay(holdMs);
      if (answer === 'reset') {
        runtime.stats.resets++;
        // An RST rather than a FIN, so fetch sees ECONNRESET like a real dropped connection.
        req.socket.resetAndDestroy();
        return;
      }
      if (res.destroyed) return;
      runtime.stats.byStatus[answer.status] = (runtime.stats.byStatus[answer.status] ?? 0) + 1;
      writeAnswer(res, answer);
    } finally {
      release?.();
    }
  }

  /** Offers the request to every limit in force, in order; the first refusal answers. */
  function admit(runtime: ProviderRuntime, request: LimitedRequest, now: number): Admission {
    let headers: Record<string, string> = {};
    const transforms: ((body: unknown) => unknown)[] = [];
    const releases: (() => void)[] = [];
    let holdMs = 0;
    for (const limit of runtime.limits) {
      const verdict = limit.admit(request, now);
      if (verdict === undefined) continue;
      headers = { ...headers, ...verdict.headers };
      if (verdict.refusal !== undefined) {
        // Slots taken by earlier limits are freed at once: a refused request is never served.
        for (const release of releases) release();
        const { stats } = runtime;
        stats.rateLimited++;
        stats.refusedBy[verdict.refusal.by] = (stats.refusedBy[verdict.refusal.by] ?? 0) + 1;
        return { refusal: verdict.refusal.answer, headers, body: (b) => b, holdMs: 0, releases: [] };
      }
      if (verdict.body !== undefined) transforms.push(verdict.body);
      if (verdict.release !== undefined) releases.push(verdict.release);
      holdMs = Math.max(holdMs, verdict.holdMs ?? 0);
    }
    return { headers, body: (b) => transforms.reduce((acc, f) => f(acc), b), holdMs, releases };
  }

  function answerFor(
    runtime: ProviderRuntime,
    req: IncomingMessage,
    request: LimitedRequest,
    search: string,
    now: number,
  ): Outcome {
    const { spec, scenario } = runtime;
    const outage = scenario.outageStatus(now);
    if (outage !== undefined) return { answer: faultAnswer(outage, spec.fixtures) };
    const fault = scenario.flakyFault();
    if (fault === 'reset') return { answer: 'reset' };
    if (fault !== undefined) return { answer: faultAnswer(fault, spec.fixtures) };

    const reading = runtime.window?.take(now);
    const style = spec.rateLimit?.style;
    if (reading !== undefined && style !== undefined && !reading.allowed) {
      runtime.stats.rateLimited++;
      runtime.stats.refusedBy[style] = (runtime.stats.refusedBy[style] ?? 0) + 1;
      return { answer: limitedAnswer(style, reading, spec.fixtures, now) };
    }
    const admission = admit(runtime, request, now);
    if (admission.refusal !== undefined) return { answer: admission.refusal };
    const answer = servedAnswer(runtime, req, request, search, now, reading);
    const release = (): void => {
      for (const free of admission.releases) free();
    };
    const body = answer.status < 300 && answer.body !== undefined ? admission.body(answer.body) : answer.body;
    return {
      answer: { ...answer, headers: { ...answer.headers, ...admission.headers }, body },
      holdMs: admission.holdMs,
      release,
    };
  }

  /** The provider's answer to a request no limit refused. */
  function servedAnswer(
    runtime: ProviderRuntime,
    req: IncomingMessage,
    request: LimitedRequest,
    search: string,
    now: number,
    reading: WindowReading | undefined,
  ): SimulatedAnswer {
    const { spec } = runtime;
    const style = spec.rateLimit?.style;
    const state = reading === undefined || style === undefined ? {} : rateLimitHeaders(style, reading, now);
    const offset = spec.rateLimit?.windowMs ?? DEFAULT_RESET_OFFSET_MS;

    const named = headerValue(req, SIMULATE_HEADER);
    if (named !== undefined) {
      const fixture = runtime.byName.get(named);
      if (fixture === undefined) {
        return simulatorError(400, `provider "${spec.id}" has no fixture "${named}"`, {
          fixtures: [...runtime.byName.keys()],
        });
      }
      return {
        status: fixture.response.status,
        headers: { ...state, ...rebaseHeaders(fixture, now, offset) },
        body: fixture.response.body,
      };
    }
    if (spec.endpoints === 'github') {
      const accept = headerValue(req, 'accept');
      const own = githubEndpoint({ ...request, accept }, downloadOrigin);
      if (own !== undefined) return { ...own, headers: { ...state, ...own.headers } };
    }
    const match = matchFixture(spec.fixtures, request.method, `${request.path}${search}`);
    if (match !== undefined) {
      return {
        status: match.response.status,
        headers: { ...rebaseHeaders(match, now, offset), ...state },
        body: match.response.body,
      };
    }
    return { status: 200, headers: state, body: successSkeleton(spec.fixtures) };
  }

  function adminAnswer(method: string, url: URL, body: string): SimulatedAnswer {
    try {
      if (method === 'POST' && url.pathname === `${ADMIN_PREFIX}scenario`) {
        const input = JSON.parse(body === '' ? '{}' : body) as { provider?: unknown; scenario?: unknown };
        if (typeof input.provider !== 'string') throw new TypeError('"provider" must be a provider id');
        const scenario = (input.scenario ?? {}) as SimulatorScenario;
        simulator.setScenario(input.provider, scenario);
        return { status: 200, headers: {}, body: { ok: true, provider: input.provider, scenario } };
      }
      if (method === 'GET' && url.pathname === `${ADMIN_PREFIX}stats`) {
        return { status: 200, headers: {}, body: simulator.stats(url.searchParams.get('provider') ?? '') };
      }
      return simulatorError(404, `no admin route ${method} ${url.pathname}`);
    } catch (error) {
      return simulatorError(400, error instanceof Error ? error.message : String(error));
    }
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const origin = originOf(address);

  // The download host (GitHub's codeload.github.com): another origin, as in production, so a client must trust it.
  const downloads = createServer((req, res) => {
    res.sendDate = false;
    req.resume();
    writeAnswer(res, codeloadAnswer(req.method ?? 'GET', new URL(req.url ?? '/', 'http://download.invalid').pathname));
  });
  downloads.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    downloads.once('error', reject);
    downloads.listen(0, address.address, () => {
      downloads.off('error', reject);
      resolve();
    });
  });
  downloadOrigin = originOf(downloads.address() as AddressInfo);

  let closing: Promise<void> | undefined;
  const simulator: Simulator = {
    origin,
    port: address.port,
    downloadOrigin,
    urlFor(id) {
      runtimeOf(id);
      return `${origin}/${id}`;
    },
    setScenario(id, scenario) {
      const runtime = runtimeOf(id);
      // Built before anything changes, so a malformed limit leaves the provider as it was.
      const limits = (scenario.limits ?? runtime.spec.limits ?? []).map(createLimit);
      runtime.scenario.set(scenario, Date.now());
      runtime.limits = limits;
    },
    stats(id): ProviderStats {
      const { stats } = runtimeOf(id);
      return { ...stats, byStatus: { ...stats.byStatus }, refusedBy: { ...stats.refusedBy } };
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        let open = 2;
        const closed = (): void => {
          if (--open === 0) resolve();
        };
        server.close(closed);
        downloads.close(closed);
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
  return simulator;
}

function originOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** An answer from the simulator itself (not the provider), marked so nobody mistakes it for one. */
function simulatorError(status: number, message: string, extra: Record<string, unknown> = {}): SimulatedAnswer {
  return { status, headers: { 'x-rosetta-simulator-error': 'true' }, body: { error: 'simulator', message, ...extra } };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

/** Reads the request body; the admin routes and the limits (Shopify GraphQL cost) need at most 64 KiB of it. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size < MAX_ADMIN_BODY) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, MAX_ADMIN_BODY).toString('utf8');
}
