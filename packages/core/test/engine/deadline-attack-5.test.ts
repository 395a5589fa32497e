// Deadlines, aborts and close() attacked a fifth time: bodies that trickle under a fake clock, a cluster limiter
// whose Redis never answers (or answers too late), and timer edge values. Fake timers and attempt logs only.
import { createSeededRandom } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import { isApiError } from '../../src/errors/is-api-error';
import { createRedisLimiter, redisRateLimit } from '../../src/redis';
import { caught } from './caught';
import { pending } from './pending';

/** TAKE's replies by hand: each take waits for the test (`answer`), or never answers. */
const redis = vi.hoisted(() => ({
  takes: [] as Array<(reply: unknown[]) => void>,
  releases: 0,
  down: false,
  /** RELEASE runs and the link's close, in order. */
  log: [] as string[],
  /** When set, answers every TAKE instead of `takes`. */
  onTake: undefined as (() => Promise<unknown[]>) | undefined,
}));

vi.mock('../../src/limit/redis/redis-link', () => ({
  RedisLink: class {
    readonly timeoutMs = 1_000;
    usable(): boolean {
      return !redis.down;
    }
    run(name: string): Promise<unknown> {
      if (name !== 'rosettaTake') {
        redis.releases++;
        redis.log.push('release');
        return Promise.resolve(null);
      }
      if (redis.onTake !== undefined) return redis.onTake();
      return new Promise((resolve) => redis.takes.push(resolve));
    }
    failed(): void {}
    close(): Promise<void> {
      redis.log.push('quit');
      return Promise.resolve();
    }
  },
}));

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  redis.takes = [];
  redis.releases = 0;
  redis.down = false;
  redis.log = [];
  redis.onTake = undefined;
});

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });

/**
 * A response whose body sends one byte every 100 ms and never ends; like fetch's own, it fails when the request's
 * signal fires. `cancelled` says whether anyone cancelled it (its socket would be released).
 */
function trickle(signal: AbortSignal | null | undefined, contentType: string) {
  const seen = { cancelled: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const drip = (): void => {
        timer = setTimeout(() => {
          controller.enqueue(new Uint8Array([32]));
          drip();
        }, 100);
      };
      drip();
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        controller.error(signal.reason);
      });
    },
    cancel() {
      seen.cancelled = true;
      clearTimeout(timer);
    },
  });
  return { seen, response: new Response(body, { status: 200, headers: { 'content-type': contentType } }) };
}

/**
 * A fetch answering every request with a trickling body; `bodies` has what each answer's body saw. `deaf`: the body
 * ignores the request's signal, as a custom fetch's may.
 */
function trickleFetch(contentType: string, deaf = false) {
  const bodies: Array<{ cancelled: boolean }> = [];
  const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const { seen, response } = trickle(deaf ? undefined : init?.signal, contentType);
    bodies.push(seen);
    return response;
  }) as typeof globalThis.fetch;
  return { fetch, bodies };
}

/** Reads a stream to its end; what its read fails with (undefined when it ends). */
async function drain(stream: ReadableStream<Uint8Array>): Promise<unknown> {
  const reader = stream.getReader();
  try {
    for (;;) if ((await reader.read()).done) return undefined;
  } catch (error) {
    return error;
  }
}

const LIMITS = [
  { name: 'the attempt timeout', options: { timeoutMs: 250 }, code: 'attempt_timeout' },
  {
    name: 'the deadline',
    options: { timeoutMs: Number.POSITIVE_INFINITY, deadlineMs: 250 },
    code: 'deadline_exceeded',
  },
] as const;

describe('a body that trickles a byte every 100 ms and never ends (fake clock)', () => {
  for (const { name, options, code } of LIMITS) {
    for (const via of ['a custom fetch', 'the global fetch'] as const) {
      const clientWith = (contentType: string) => {
        const t = trickleFetch(contentType, via === 'a custom fetch');
        if (via === 'the global fetch') vi.stubGlobal('fetch', t.fetch);
        const client = createClient(acme, {
          retry: false,
          ...options,
          ...(via === 'a custom fetch' ? { fetch: t.fetch } : {}),
        });
        return { client, bodies: t.bodies };
      };

      it.each(['json', 'text'] as const)(`${name}, ${via}, responseType %s: cuts the read; ${code}`, async (type) => {
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
        const { client, bodies } = clientWith(type === 'json' ? 'application/json' : 'text/plain');
        const call = caught(client.get('/trickle', { responseType: type }));
        await vi.advanceTimersByTimeAsync(249);
        expect(await pending(call)).toBe(true);
        await vi.advanceTimersByTimeAsync(1);
        expect(await pending(call)).toBe(false);
        expect(await call).toMatchObject({ kind: 'timeout', code, attempts: 1 });
        // A custom fetch may ignore its signal: only a cancel releases its body (fetch's own fails on the abort).
        if (via === 'a custom fetch') expect(bodies[0]?.cancelled).toBe(true);
        expect(vi.getTimerCount()).toBe(0);
        await client.close();
      });

      it(`${name}, ${via}, responseType stream: the caller's read fails at the limit with ${code}`, async () => {
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
        const { client, bodies } = clientWith('text/event-stream');
        const stream = await client.get('/trickle', { responseType: 'stream' });
        const read = drain(stream as ReadableStream<Uint8Array>);
        await vi.advanceTimersByTimeAsync(249);
        expect(await pending(read)).toBe(true);
        await vi.advanceTimersByTimeAsync(1);
        const error = await read;
        expect(isApiError(error) && error).toMatchObject({ kind: 'timeout', code });
        if (via === 'a custom fetch') expect(bodies[0]?.cancelled).toBe(true);
        expect(vi.getTimerCount()).toBe(0);
        await client.close();
      });
    }
  }
});

describe('client.fetch under a deadline, its body read by an SDK that stops reading', () => {
  it('the deadline cancels the body and leaves no timer; a later read fails as a fetch timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    const t = trickleFetch('text/event-stream', true);
    const client = createClient(acme, { fetch: t.fetch, retry: false, deadlineMs: 300 });
    const response = await client.fetch('https://api.acme.test/events');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await vi.advanceTimersByTimeAsync(100);
    expect((await reader.read()).done).toBe(false);
    // The SDK stops reading; the deadline passes.
    await vi.advanceTimersByTimeAsync(200);
    expect(t.bodies[0]?.cancelled).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    const error = await reader.read().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ name: 'TimeoutError', cause: { kind: 'timeout', code: 'deadline_exceeded' } });
    await client.close();
  });
});

/** A client on the cluster limiter whose Redis is scripted by `redis.takes` (one fixed window of 10 a minute). */
function clusterClient(extra: { deadlineMs?: number } = {}, answers = true) {
  const sends: number[] = [];
  const fetch = ((_input: RequestInfo | URL, init?: RequestInit) => {
    sends.push(Date.now());
    if (answers) return Promise.resolve(Response.json({}));
    // Never answers; fails on its signal, as fetch does.
    return new Promise<Response>((_, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
    });
  }) as typeof globalThis.fetch;
  const client = createClient(
    defineAdapter({
      id: 'cluster',
      displayName: 'Cluster',
      baseUrl: 'https://api.cluster.test',
      limits: [{ id: 'minute', model: 'fixed-window', limit: 10, windowMs: 60_000, source: 'test' }],
    }),
    { fetch, retry: false, rateLimit: redisRateLimit({ id: 'attack5', redis: {} }), ...extra },
  );
  return { client, sends };
}

describe('the cluster limiter when Redis never answers the take', () => {
  it('the deadline ends the call as deadline_exceeded; nothing sent, nothing left queued, no timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    const { client, sends } = clusterClient({ deadlineMs: 500 });
    const call = caught(client.get('/x'));
    await vi.advanceTimersByTimeAsync(499);
    expect(await pending(call)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 0 });
    expect(sends).toEqual([]);
    expect(client.pending).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    // close() waits for the take still out (its grant would go back), no longer than a command may take.
    const closing = client.close();
    await vi.advanceTimersByTimeAsync(999);
    expect(await pending(closing)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending(closing)).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the caller's signal ends it as aborted, close() as client_closed", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    const { client } = clusterClient();
    const controller = new AbortController();
    const aborted = caught(client.get('/x', { signal: controller.signal }));
    const closed = caught(client.get('/y'));
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await aborted).toMatchObject({ kind: 'aborted', code: 'aborted', attempts: 0 });
    expect(await pending(closed)).toBe(true);
    const closing = client.close();
    expect(await closed).toMatchObject({ kind: 'aborted', code: 'client_closed', attempts: 0 });
    await vi.advanceTimersByTimeAsync(1_000);
    await closing;
    expect(client.pending).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a grant that arrives after the deadline is given back to Redis, and the next call on the key is taken', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    const { client, sends } = clusterClient({ deadlineMs: 500 });
    const late = caught(client.get('/x'));
    await vi.advanceTimersByTimeAsync(500);
    expect(await late).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded' });
    const next = client.get('/y', { deadlineMs: 5_000 });
    await vi.advanceTimersByTimeAsync(0);
    // Redis answers the first take at last: a grant nobody will use.
    redis.takes[0]?.([0, 1, 'm']);
    await vi.advanceTimersByTimeAsync(0);
    expect(redis.releases).toBe(1);
    redis.takes[1]?.([0, 2, 'm']);
    await vi.advanceTimersByTimeAsync(0);
    expect(await next).toEqual({});
    expect(sends).toEqual([500]);
    expect(client.pending).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await client.close();
  });
});

describe('close() with calls in flight on the cluster limiter', () => {
  it('gives their slots back to Redis before it quits: other processes do not wait out the lease', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    const { client, sends } = clusterClient({}, false);
    const call = caught(client.get('/x'));
    await vi.advanceTimersByTimeAsync(0);
    redis.takes[0]?.([0, 1, 'm']);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends).toEqual([0]);
    await client.close();
    expect(await call).toMatchObject({ kind: 'aborted', code: 'client_closed', attempts: 1 });
    // Commands on one connection run in order: a RELEASE sent before the quit reaches Redis.
    expect(redis.log).toEqual(['release', 'quit']);
    expect(client.pending).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('close() while a take is out to Redis', () => {
  it('waits for its answer: a grant that comes after close() is given back before the quit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    const { client, sends } = clusterClient();
    const call = caught(client.get('/x'));
    await vi.advanceTimersByTimeAsync(0);
    const closing = client.close();
    expect(await call).toMatchObject({ kind: 'aborted', code: 'client_closed', attempts: 0 });
    await vi.advanceTimersByTimeAsync(100);
    redis.takes[0]?.([0, 1, 'm']);
    await vi.advanceTimersByTimeAsync(0);
    await closing;
    expect(redis.log).toEqual(['release', 'quit']);
    expect(sends).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the cluster limiter on its local fallback (Redis down)', () => {
  it('counts the calls waiting and running there: pending is not 0 while a call waits, 0 after', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    redis.down = true;
    const limiter = createRedisLimiter([{ id: 'cap', model: 'concurrency', maxInFlight: 1, source: 'test' }], {
      id: 'fallback',
      redis: { fallback: 'local' },
    });
    const request = { method: 'GET', path: '/a', route: '/a', query: undefined, body: undefined, credentialKey: 'k' };
    const controller = new AbortController();
    const first = await limiter.acquire(request);
    const second = caughtAny(Promise.resolve(limiter.acquire(request, { signal: controller.signal })));
    await vi.advanceTimersByTimeAsync(0);
    // One call runs, one waits for its slot: a caller (or close()) reading 0 would think the limiter idle.
    expect(limiter.pending).toBe(2);
    controller.abort();
    await second;
    first.release(undefined);
    expect(limiter.pending).toBe(0);
    await limiter.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});

/** What a promise rejects with (it must reject). */
async function caughtAny(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('timer edge values', () => {
  it('a fractional deadlineMs ends the call as deadline_exceeded within a millisecond, never earlier', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    const t = trickleFetch('application/json');
    const client = createClient(acme, { fetch: t.fetch, retry: false, deadlineMs: 0.5 });
    const call = caught(client.get('/x'));
    expect(await pending(call)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded' });
    expect(vi.getTimerCount()).toBe(0);
    await client.close();
  });
});

const SEED = Number(process.env.ROSETTA_CHAOS_SEED ?? 5_281_126);

describe(`chaos on the cluster limiter: Redis answers late, polls, waits; aborts, deadlines, close() (seed ${SEED})`, () => {
  it('every call ends by its first cause with its outcome; every slot taken in Redis is given back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    const random = createSeededRandom(SEED);
    // Redis's side: a concurrency cap of 2 across processes, answered after 0-300 ms.
    let granted = 0;
    redis.onTake = () =>
      new Promise((resolve) => {
        setTimeout(
          () => {
            if (granted - redis.releases < 2) {
              granted++;
              resolve([0, 1, 'm']);
            } else resolve(random() < 0.5 ? [4, 1, 0] : [1, 1, 10 + Math.floor(random() * 500)]);
          },
          Math.floor(random() * 300),
        );
      });
    const fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        const timer = setTimeout(() => resolve(Response.json({})), Math.floor(random() * 600));
        init?.signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(init.signal?.reason);
          },
          { once: true },
        );
      })) as typeof globalThis.fetch;
    const client = createClient(
      defineAdapter({
        id: 'cluster',
        displayName: 'Cluster',
        baseUrl: 'https://api.cluster.test',
        limits: [{ id: 'cap', model: 'concurrency', maxInFlight: 2, source: 'test' }],
      }),
      { fetch, retry: false, rateLimit: redisRateLimit({ id: 'chaos', redis: {} }) },
    );
    const closeAt = 5_000;
    const problems: Array<Promise<string>> = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < 120; i++) {
      const startAt = Math.floor(random() * 6_000);
      const deadlineMs = 100 + Math.floor(random() * 2_000);
      const abortAt = random() < 0.3 ? startAt + Math.floor(random() * 1_500) : Number.POSITIVE_INFINITY;
      const name = `#${i} start ${startAt} deadline +${deadlineMs} abort ${abortAt}`;
      problems.push(
        new Promise((resolve) => setTimeout(resolve, startAt)).then(async () => {
          const controller = new AbortController();
          if (abortAt < Number.POSITIVE_INFINITY) setTimeout(() => controller.abort(), abortAt - startAt);
          const deadlineAt = startAt + deadlineMs;
          const closedAt = Math.max(closeAt, startAt);
          let outcome = 'ok';
          try {
            await client.get(`/c${i}`, { deadlineMs, signal: controller.signal });
          } catch (error) {
            outcome = isApiError(error) ? `${error.kind}/${error.code}` : `not an ApiError: ${String(error)}`;
          }
          const at = Date.now();
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
          const first = Math.min(deadlineAt, abortAt, closedAt);
          if (at > first) return `${name}: ${outcome} at ${at}, past ${first}`;
          if (at === deadlineAt && first === deadlineAt && abortAt > at && closedAt > at) {
            return outcome === 'timeout/deadline_exceeded' ? '' : `${name}: ${outcome} at its deadline`;
          }
          if (at === abortAt && abortAt < deadlineAt && abortAt < closedAt && outcome !== 'aborted/aborted') {
            return `${name}: ${outcome} at its abort`;
          }
          if (outcome === 'aborted/client_closed' && at < closedAt) return `${name}: ${outcome} before close()`;
          return outcome.startsWith('not') || outcome.startsWith('unknown') ? `${name}: ${outcome}` : '';
        }),
      );
    }
    setTimeout(() => void client.close(), closeAt);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await Promise.all(problems)).filter((p) => p !== '')).toEqual([]);
    expect(client.pending).toBe(0);
    // The run met every cause: deadlines in the queue, aborts, close() with calls waiting and in flight.
    for (const outcome of ['ok', 'timeout/deadline_exceeded', 'aborted/aborted', 'aborted/client_closed']) {
      expect(seen.get(outcome), outcome).toBeGreaterThan(3);
    }
    expect(granted - redis.releases).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
