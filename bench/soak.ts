// Soak test (not in CI): several clients under steady load against two fault servers, every fault of
// docs/reliability.md mixed in. Proves over minutes what the tests prove once: every call settles (started ==
// settled), every failure is an ApiError, the heap does not grow, and nothing is left open at the end.
//
// Run: pnpm soak                              (node --conditions=source --expose-gc --import tsx bench/soak.ts)
//      ROSETTA_SOAK_SECONDS=30 ROSETTA_SOAK_CONCURRENCY=48 pnpm soak
// Exit code 1 when a call hung, a non-ApiError escaped, a rejection went unhandled, or the heap grew
// more than 20% between the end of the warm-up and the end of the run.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Client, createClient, defineAdapter, genericAdapter, isApiError } from '@rosetta/core';
import { stripe } from '@rosetta/stripe';
import { startFaultServer } from '@rosetta/testkit';

const SECONDS = Number(process.env.ROSETTA_SOAK_SECONDS ?? 180);
const CONCURRENCY = Number(process.env.ROSETTA_SOAK_CONCURRENCY ?? 32);
/** A call still pending this long is a hang: every timeout configured below is far shorter. */
const HANG_MS = 20_000;
const MIB = 1 << 20;

interface Origins {
  readonly a: string;
  readonly b: string;
}

/** The fault servers, in a child process: they record every request, which must not count as the clients' heap. */
async function startServersInChild(): Promise<Origins & { stop(): Promise<void> }> {
  const child = fork(fileURLToPath(import.meta.url), ['--servers'], { execArgv: process.execArgv });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const [a, b] = await new Promise<string[]>((resolve, reject) => {
    child.once('message', (origins) => resolve(origins as string[]));
    child.once('error', reject);
  });
  return {
    a: a as string,
    b: b as string,
    async stop() {
      child.disconnect();
      await exited;
    },
  };
}

async function serveFaults(): Promise<void> {
  const servers = await Promise.all([startFaultServer(), startFaultServer()]);
  process.send?.(servers.map((server) => server.origin));
  process.once('disconnect', () => {
    void Promise.all(servers.map((server) => server.close())).then(() => process.exit(0));
  });
}

/** Several clients, each configured differently, so every layer is under load at once. */
function createClients(origins: Origins): ReadonlyArray<readonly [string, Client]> {
  const loop = defineAdapter({
    id: 'loop',
    displayName: 'Loopback',
    baseUrl: origins.a,
    auth: [{ type: 'header', header: 'x-loop-key' }],
    trustedRedirectOrigins: [origins.b],
  });
  const queryAuth = defineAdapter({
    id: 'loopq',
    displayName: 'Loopback query',
    baseUrl: origins.a,
    auth: [{ type: 'query', param: 'api_key' }],
  });
  let refreshes = 0;
  return [
    [
      'generic+limiter',
      createClient(genericAdapter, {
        baseUrl: origins.a,
        auth: { token: 'Zq_soak_bearer_0001' },
        timeoutMs: 400,
        retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 200 },
        rateLimit: {
          extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 16, source: 'test' }],
          maxQueued: 200,
          maxHoldMs: 500,
        },
      }),
    ],
    [
      'header+trusted-redirects',
      createClient(loop, {
        auth: { apiKey: 'Zq_soak_key_0002' },
        timeoutMs: 300,
        rateLimit: false,
        retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 10 },
      }),
    ],
    [
      'query+deadline+small-body',
      createClient(queryAuth, {
        auth: { apiKey: 'Zq_soak_query_0003' },
        timeoutMs: 300,
        deadlineMs: 700,
        maxBodyBytes: 256 * 1024,
        rateLimit: false,
      }),
    ],
    [
      'stripe+idempotency',
      createClient(stripe, {
        baseUrl: origins.a,
        auth: { apiKey: 'Zq_soak_stripe_0004' },
        timeoutMs: 300,
        rateLimit: false,
        retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 20 },
      }),
    ],
    [
      'refresh-every-call+tiny-queue',
      createClient(genericAdapter, {
        baseUrl: origins.a,
        // A new token on every attempt: the redactor must not grow with them.
        auth: { token: async () => `Zq_soak_refresh_${++refreshes}` },
        timeoutMs: 300,
        retry: false,
        rateLimit: {
          extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 2, source: 'test' }],
          maxQueued: 4,
        },
      }),
    ],
  ];
}

/** Paths and how often each is drawn: the mix of docs/reliability.md. `ABORT` is a call its caller aborts. */
function createRoutes(origins: Origins): ReadonlyArray<readonly [string, number]> {
  const to = (origin: string, path: string) => encodeURIComponent(`${origin}${path}`);
  return [
    ['/json/200', 20],
    ['/echo', 6],
    ['/empty/204', 3],
    ['/json/404', 3],
    ['/json/429', 3],
    ['/json/500', 2],
    ['/json/503', 4],
    ['/html/502', 3],
    ['/html/522', 2],
    ['/reset', 4],
    ['/hang', 3],
    ['/slow-headers?ms=50', 4],
    ['/slow-headers?ms=600', 2],
    ['/stall-body', 3],
    ['/truncated', 3],
    ['/gzip-bomb?mb=20', 1],
    ['/bad-gzip', 2],
    ['/huge?mb=1', 1],
    [`/redirect?to=${to(origins.b, '/echo')}&status=307`, 3],
    [`/redirect?to=${to(origins.a, '/json/200')}&status=302`, 2],
    ['/redirect-chain/3', 2],
    ['/redirect-loop', 2],
    ['//evil.example/steal', 1],
    ['ABORT', 3],
  ];
}

interface Tally {
  started: number;
  settled: number;
  hung: number;
  foreign: number;
  readonly outcomes: Map<string, number>;
  /** The first few `unknown` errors: failures Rosetta could not classify, each worth a look. */
  readonly unknowns: string[];
}

/** One call, bounded by HANG_MS: it settles, or it is counted as a hang. */
async function oneCall(
  clients: ReadonlyArray<readonly [string, Client]>,
  pick: () => string,
  tally: Tally,
): Promise<void> {
  const [name, client] = clients[Math.floor(Math.random() * clients.length)] as (typeof clients)[number];
  const route = pick();
  const signal = route === 'ABORT' ? AbortSignal.timeout(Math.floor(Math.random() * 100)) : undefined;
  const path = route === 'ABORT' ? '/slow-headers?ms=200' : route;
  const method = Math.random() < 0.2 ? 'POST' : 'GET';
  tally.started += 1;
  const call = client.request({
    method,
    path,
    ...(method === 'POST' ? { body: { n: tally.started } } : {}),
    ...(signal === undefined ? {} : { signal }),
  });
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), HANG_MS);
  });
  const outcome = await Promise.race([
    call.then(
      () => 'ok',
      (error: unknown) => {
        if (!isApiError(error)) {
          tally.foreign += 1;
          if (tally.foreign <= 5) console.error(`non-ApiError from ${name} ${method} ${path}:`, error);
          return 'foreign';
        }
        if (error.kind === 'unknown' && tally.unknowns.length < 5)
          tally.unknowns.push(`${name} ${method} ${path}: ${error.message}`);
        return `${error.kind}/${error.code ?? '-'}`;
      },
    ),
    bound,
  ]);
  clearTimeout(timer);
  if (outcome === 'hung') {
    tally.hung += 1;
    console.error(`HANG: ${name} ${method} ${path} still pending after ${HANG_MS} ms`);
    return;
  }
  tally.settled += 1;
  tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
}

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / MIB;
}

function weightedPicker(routes: ReadonlyArray<readonly [string, number]>): () => string {
  const total = routes.reduce((sum, [, weight]) => sum + weight, 0);
  return () => {
    let r = Math.random() * total;
    for (const [path, weight] of routes) {
      r -= weight;
      if (r < 0) return path;
    }
    return routes[0]?.[0] ?? '/json/200';
  };
}

async function soak(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    console.error('run with --expose-gc (pnpm soak does) to measure heap growth');
    process.exitCode = 2;
    return;
  }
  let unhandled = 0;
  process.on('unhandledRejection', (reason) => {
    unhandled += 1;
    if (unhandled <= 5) console.error('unhandled rejection:', reason);
  });

  const servers = await startServersInChild();
  const clients = createClients(servers);
  const routes = createRoutes(servers);
  const pick = weightedPicker(routes);
  const tally: Tally = { started: 0, settled: 0, hung: 0, foreign: 0, outcomes: new Map(), unknowns: [] };
  console.log(
    `soak: ${SECONDS} s, ${CONCURRENCY} concurrent calls, ${clients.length} clients, ${routes.length} routes, Node ${process.version}`,
  );

  const startedAt = Date.now();
  const endAt = startedAt + SECONDS * 1000;
  // The heap baseline is taken once JIT, pools and caches have warmed up.
  const warmUntil = startedAt + Math.min(10_000, SECONDS * 200);
  let baseline: number | undefined;
  const samples: string[] = [];
  const progress = setInterval(
    () => {
      const heap = heapAfterGc(gc);
      if (baseline === undefined && Date.now() >= warmUntil) baseline = heap;
      const elapsed = Math.round((Date.now() - startedAt) / 1000);
      samples.push(`${elapsed}s:${heap.toFixed(1)}`);
      console.log(
        `  ${String(elapsed).padStart(4)} s  started ${tally.started}  settled ${tally.settled}  in flight ${tally.started - tally.settled - tally.hung}  heap ${heap.toFixed(1)} MiB`,
      );
    },
    Math.max(2_000, Math.min(10_000, SECONDS * 100)),
  );
  const worker = async (): Promise<void> => {
    while (Date.now() < endAt) await oneCall(clients, pick, tally);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearInterval(progress);
  const elapsed = (Date.now() - startedAt) / 1000;

  const heapEnd = heapAfterGc(gc);
  for (const [, client] of clients) await client.close();
  await servers.stop();
  // Let the sockets and timers of the last calls wind down, then look at what is still open.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const heapClosed = heapAfterGc(gc);
  const handles: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) handles[type] = (handles[type] ?? 0) + 1;

  const base = baseline ?? heapEnd;
  const growth = (heapEnd - base) / base;
  console.log(`\nresult after ${elapsed.toFixed(0)} s:`);
  console.log(
    `  calls started ${tally.started}, settled ${tally.settled}, hung ${tally.hung}  (${(tally.settled / elapsed).toFixed(0)} calls/s)`,
  );
  console.log(`  non-ApiError rejections ${tally.foreign}, unhandled rejections ${unhandled}`);
  console.log(
    `  heap after GC: ${base.toFixed(1)} MiB after warm-up -> ${heapEnd.toFixed(1)} MiB at the end (${(growth * 100).toFixed(1)}%), ${heapClosed.toFixed(1)} MiB after close`,
  );
  console.log(`  heap samples (elapsed:MiB): ${samples.join(' ')}`);
  console.log(`  open handles after close: ${JSON.stringify(handles)}`);
  console.log('  outcomes (kind/code: calls):');
  for (const [key, n] of [...tally.outcomes.entries()].sort((x, y) => y[1] - x[1]))
    console.log(`    ${key.padEnd(40)} ${n}`);
  for (const line of tally.unknowns) console.log(`  unknown: ${line}`);

  const failed =
    tally.hung > 0 || tally.started !== tally.settled || tally.foreign > 0 || unhandled > 0 || growth > 0.2;
  console.log(failed ? '\nFAIL' : '\nOK');
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[2] === '--servers') await serveFaults();
else await soak();
