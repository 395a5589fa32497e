// Soak test (not in CI): several clients under steady load against two fault servers, every fault of
// FAULTS.md mixed in. Proves over minutes what the tests prove once: every call settles (started ==
// settled), every failure is an ApiError, memory does not grow, and nothing is left open at the end.
//
// Run: pnpm soak                              (node --conditions=source --expose-gc --import tsx bench/soak.ts)
//      ROSETTA_SOAK_SECONDS=30 ROSETTA_SOAK_CONCURRENCY=48 pnpm soak
// Exit code 1 when a call hung, a non-ApiError escaped, a rejection went unhandled, or heap grew > 20%.
import { type Client, createClient, defineAdapter, genericAdapter, isApiError } from '@rosetta/core';
import { stripe } from '@rosetta/stripe';
import { type FaultServer, startFaultServer } from '@rosetta/testkit';

const SECONDS = Number(process.env.ROSETTA_SOAK_SECONDS ?? 180);
const CONCURRENCY = Number(process.env.ROSETTA_SOAK_CONCURRENCY ?? 32);
/** A call still pending this long is a hang: every timeout below is far shorter. */
const HANG_MS = 20_000;
const MIB = 1 << 20;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error('run with --expose-gc (pnpm soak does) to measure heap growth');
  process.exit(2);
}

let unhandled = 0;
process.on('unhandledRejection', (reason) => {
  unhandled += 1;
  if (unhandled <= 5) console.error('unhandled rejection:', reason);
});

const [a, b] = await Promise.all([startFaultServer(), startFaultServer()]);
const to = (server: FaultServer, path: string) => encodeURIComponent(`${server.origin}${path}`);

// Several clients, each configured differently, so every layer (limiter, retries, redirects, auth
// schemes, refresh, body limits, deadlines) is under load at once.
const loop = defineAdapter({
  id: 'loop',
  displayName: 'Loopback',
  baseUrl: a.origin,
  auth: [{ type: 'header', header: 'x-loop-key' }],
  trustedRedirectOrigins: [b.origin],
});
const queryAuth = defineAdapter({ id: 'loopq', displayName: 'Loopback query', baseUrl: a.origin, auth: [{ type: 'query', param: 'api_key' }] });
let refreshes = 0;
const clients: ReadonlyArray<readonly [string, Client]> = [
  [
    'generic+limiter',
    createClient(genericAdapter, {
      baseUrl: a.origin,
      auth: { token: 'Zq_soak_bearer_0001' },
      timeoutMs: 400,
      retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 200 },
      rateLimit: { maxConcurrent: 16, maxQueued: 200, maxHoldMs: 500 },
    }),
  ],
  [
    'header+trusted-redirects',
    createClient(loop, { auth: { apiKey: 'Zq_soak_key_0002' }, timeoutMs: 300, rateLimit: false, retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 10 } }),
  ],
  [
    'query+deadline+small-body',
    createClient(queryAuth, { auth: { apiKey: 'Zq_soak_query_0003' }, timeoutMs: 300, deadlineMs: 700, maxBodyBytes: 256 * 1024, rateLimit: false }),
  ],
  [
    'stripe+idempotency',
    createClient(stripe, { baseUrl: a.origin, auth: { apiKey: 'Zq_soak_stripe_0004' }, timeoutMs: 300, rateLimit: false, retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 20 } }),
  ],
  [
    'refresh-every-call+tiny-queue',
    createClient(genericAdapter, {
      baseUrl: a.origin,
      // A new token on every attempt: the redactor must not grow with them.
      auth: { token: async () => `Zq_soak_refresh_${++refreshes}` },
      timeoutMs: 300,
      retry: false,
      rateLimit: { maxConcurrent: 2, maxQueued: 4 },
    }),
  ],
];

/** Paths and how often each is drawn: the mix of FAULTS.md. */
const ROUTES: ReadonlyArray<readonly [string, number]> = [
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
  [`/redirect?to=${to(b, '/echo')}&status=307`, 3],
  [`/redirect?to=${to(a, '/json/200')}&status=302`, 2],
  ['/redirect-chain/3', 2],
  ['/redirect-loop', 2],
  ['//evil.example/steal', 1],
  ['ABORT', 3],
];
const TOTAL_WEIGHT = ROUTES.reduce((sum, [, w]) => sum + w, 0);
function pickRoute(): string {
  let r = Math.random() * TOTAL_WEIGHT;
  for (const [path, weight] of ROUTES) {
    r -= weight;
    if (r < 0) return path;
  }
  return '/json/200';
}

let started = 0;
let settled = 0;
let hung = 0;
let foreign = 0;
const outcomes = new Map<string, number>();
const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

/** One call, bounded: settles or is counted as a hang. */
async function oneCall(): Promise<void> {
  const [name, client] = clients[Math.floor(Math.random() * clients.length)] as (typeof clients)[number];
  const route = pickRoute();
  const abort = route === 'ABORT' ? AbortSignal.timeout(Math.floor(Math.random() * 100)) : undefined;
  const path = route === 'ABORT' ? '/slow-headers?ms=200' : route;
  const method = Math.random() < 0.2 ? 'POST' : 'GET';
  started += 1;
  const call = client.request({ method, path, ...(method === 'POST' ? { body: { n: started } } : {}), ...(abort === undefined ? {} : { signal: abort }) });
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), HANG_MS);
  });
  const outcome = await Promise.race([
    call.then(
      () => 'ok',
      (error: unknown) => {
        if (!isApiError(error)) {
          foreign += 1;
          if (foreign <= 5) console.error(`non-ApiError from ${name} ${method} ${path}:`, error);
          return 'foreign';
        }
        return `${error.kind}/${error.code ?? '-'}`;
      },
    ),
    bound,
  ]);
  clearTimeout(timer);
  if (outcome === 'hung') {
    hung += 1;
    console.error(`HANG: ${name} ${method} ${path} pending after ${HANG_MS} ms`);
    return;
  }
  settled += 1;
  count(outcome);
}

function heapMiB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / MIB;
}

console.log(`soak: ${SECONDS} s, ${CONCURRENCY} concurrent calls, ${clients.length} clients, ${ROUTES.length} routes, Node ${process.version}`);
const startedAt = Date.now();
const endAt = startedAt + SECONDS * 1000;
const warmUntil = startedAt + Math.min(10_000, SECONDS * 200);
let baselineHeap: number | undefined;
const heapSamples: string[] = [];
let stop = false;

const progress = setInterval(() => {
  const elapsed = Math.round((Date.now() - startedAt) / 1000);
  const heap = heapMiB();
  if (baselineHeap === undefined && Date.now() >= warmUntil) baselineHeap = heap;
  heapSamples.push(`${elapsed}s:${heap.toFixed(1)}`);
  console.log(`  ${String(elapsed).padStart(4)} s  started ${started}  settled ${settled}  in flight ${started - settled - hung}  heap ${heap.toFixed(1)} MiB`);
}, Math.max(2_000, Math.min(10_000, SECONDS * 100)));

async function worker(): Promise<void> {
  while (!stop && Date.now() < endAt) await oneCall();
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
stop = true;
clearInterval(progress);
const elapsedS = (Date.now() - startedAt) / 1000;

const heapBeforeClose = heapMiB();
for (const [, client] of clients) await client.close();
await Promise.all([a.close(), b.close()]);
// Let sockets and timers of the last calls wind down, then look at what is still open.
await new Promise((resolve) => setTimeout(resolve, 500));
const heapEnd = heapMiB();
const resources = process.getActiveResourcesInfo().reduce<Record<string, number>>((acc, type) => {
  acc[type] = (acc[type] ?? 0) + 1;
  return acc;
}, {});

const base = baselineHeap ?? heapBeforeClose;
const growth = (heapBeforeClose - base) / base;
console.log(`\nresult after ${elapsedS.toFixed(0)} s:`);
console.log(`  calls started ${started}, settled ${settled}, hung ${hung}  (${(settled / elapsedS).toFixed(0)} calls/s)`);
console.log(`  non-ApiError rejections ${foreign}, unhandled rejections ${unhandled}`);
console.log(`  heap after GC: ${base.toFixed(1)} MiB after warm-up -> ${heapBeforeClose.toFixed(1)} MiB at the end (${(growth * 100).toFixed(1)}%), ${heapEnd.toFixed(1)} MiB after close`);
console.log(`  heap samples (elapsed:MiB): ${heapSamples.join(' ')}`);
console.log(`  open handles after close: ${JSON.stringify(resources)}`);
console.log('  outcomes (kind/code: calls):');
for (const [key, n] of [...outcomes.entries()].sort((x, y) => y[1] - x[1])) console.log(`    ${key.padEnd(40)} ${n}`);

const failed = hung > 0 || started !== settled || foreign > 0 || unhandled > 0 || growth > 0.2;
console.log(failed ? '\nFAIL' : '\nOK');
process.exitCode = failed ? 1 : 0;
