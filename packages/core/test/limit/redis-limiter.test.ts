import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { isLimiterRejectedError } from '../../src/limit/limiter-rejected-error';
import type { BucketDefinition, Limiter, Permit } from '../../src/limit/types';
import { undisclosedWindow } from '../../src/limit/model/undisclosed-window';
import { createRedisLimiter, type RedisRateLimitOptions, redisRateLimit } from '../../src/redis';
import { deferred, describeRedis, sleep, track, until } from './helpers';
import { req, res, SOURCE, throttled } from './limit-fixtures';
import { freePort } from './redis-server';

// Redis runs on real time: these tests assert orderings and counts, and use generous upper
// bounds only where a wait has to end.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const workerFixture = fileURLToPath(new URL('./fixtures/redis-worker.fixture.ts', import.meta.url));
const closeFixture = fileURLToPath(new URL('./fixtures/redis-close.fixture.ts', import.meta.url));

/** Takes a permit, runs `job`, releases with a plain 200. */
async function run<T>(limiter: Limiter, job: () => Promise<T> | T, path = '/a'): Promise<T> {
  const permit = await limiter.acquire(req(path));
  try {
    return await job();
  } finally {
    permit.release(res());
  }
}

const cap = (maxInFlight: number): BucketDefinition => ({
  id: 'cc',
  model: 'concurrency',
  maxInFlight,
  source: SOURCE,
});

describeRedis('Redis cluster mode', (redis) => {
  let sequence = 0;

  /** A limiter as one process of the cluster would build it. */
  const limiterFor = (
    buckets: readonly BucketDefinition[],
    options: { id?: string; redis?: Partial<RedisRateLimitOptions['redis']>; maxHoldMs?: number } = {},
  ) => {
    const limiter = createRedisLimiter(buckets, {
      id: options.id ?? `test-${sequence}`,
      ...(options.maxHoldMs === undefined ? {} : { maxHoldMs: options.maxHoldMs }),
      redis: { url: redis.server.url, timeoutMs: 500, ...options.redis },
    });
    return redis.keep(limiter);
  };
  const nextId = () => `test-${++sequence}`;

  it('shares a concurrency cap between processes', async () => {
    const id = nextId();
    const a = limiterFor([cap(2)], { id });
    const b = limiterFor([cap(2)], { id });
    let running = 0;
    let maxRunning = 0;
    const job = async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(30);
      running--;
    };
    await Promise.all(Array.from({ length: 12 }, (_, i) => run(i % 2 === 0 ? a : b, job)));
    expect(maxRunning).toBe(2);
  });

  it('shares one window: exactly `limit` calls start across processes', async () => {
    const id = nextId();
    const window: BucketDefinition[] = [{ id: 'w', model: 'fixed-window', limit: 4, windowMs: 60_000, source: SOURCE }];
    const a = limiterFor(window, { id });
    const b = limiterFor(window, { id });
    let started = 0;
    const calls = Array.from({ length: 6 }, (_, i) =>
      track(
        run(i % 2 === 0 ? a : b, () => {
          started++;
        }),
      ),
    );
    await until(() => started === 4, 'four calls started');
    // Nothing else gets through: the window is 60 s long.
    await sleep(300);
    expect(started).toBe(4);
    expect(calls.filter((call) => call.state === 'pending')).toHaveLength(2);
    await Promise.all([a.close(), b.close()]);
    await sleep(0);
    expect(
      calls.filter((call) => call.state === 'rejected').map((call) => (call.error as { reason?: string }).reason),
    ).toEqual(['closed', 'closed']);
  });

  it('paces a shared token bucket on Redis time: 2 per 300 ms across two processes', async () => {
    const id = nextId();
    const bucket: BucketDefinition[] = [
      { id: 'tb', model: 'token-bucket', ratePerSec: 2 / 0.3, burst: 2, source: SOURCE },
    ];
    const a = limiterFor(bucket, { id });
    const b = limiterFor(bucket, { id });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => run(i % 2 === 0 ? a : b, () => void starts.push(Date.now()))),
    );
    starts.sort((x, y) => x - y);
    // Six calls, burst 2, then 2 per 300 ms: the last one near 600 ms, never before.
    expect((starts.at(-1) as number) - (starts[0] as number)).toBeGreaterThanOrEqual(550);
  });

  it('shares server state and pauses: a 429 seen by one process pauses the key for the other', async () => {
    const id = nextId();
    const tier: BucketDefinition[] = [
      { id: 'tier', model: 'sliding-window', limit: 50, windowMs: 60_000, source: SOURCE, scope: (r) => r.path },
    ];
    const a = limiterFor(tier, { id });
    const b = limiterFor(tier, { id });
    (await a.acquire(req('/x'))).release(throttled({ kind: 'rate_limited', retryAfterMs: 400 }));
    const began = Date.now();
    // Another key is not paused.
    (await b.acquire(req('/y'))).release(res());
    expect(Date.now() - began).toBeLessThan(300);
    (await b.acquire(req('/x'))).release(res());
    expect(Date.now() - began).toBeGreaterThanOrEqual(350);

    const window: BucketDefinition[] = [
      { id: 'core', model: 'fixed-window', limit: 100, windowMs: 60_000, source: SOURCE },
    ];
    const c = limiterFor(window, { id: `${id}-state`, maxHoldMs: 100 });
    const d = limiterFor(window, { id: `${id}-state`, maxHoldMs: 100 });
    (await c.acquire(req())).release(res({ rateLimit: { remaining: 0, resetAt: Date.now() + 30_000 } }));
    await expect(d.acquire(req())).rejects.toMatchObject({ reason: 'hold_exceeded', bucket: 'core' });
  });

  it('never paces an undisclosed sliding window (no limit), with or without windowMs; its 429 still pauses it', async () => {
    for (const windowMs of [undefined, 60_000]) {
      const id = nextId();
      const open: BucketDefinition[] = [
        undisclosedWindow({ id: 'api', source: SOURCE, ...(windowMs === undefined ? {} : { windowMs }) }),
      ];
      const a = limiterFor(open, { id });
      const b = limiterFor(open, { id });
      const began = Date.now();
      // Without the fix, a limit of 0 let one call per window through (the second waited 60 s).
      for (let i = 0; i < 20; i++) (await (i % 2 === 0 ? a : b).acquire(req())).release(res());
      expect(Date.now() - began).toBeLessThan(2_000);
      (await a.acquire(req())).release(throttled({ kind: 'rate_limited', retryAfterMs: 400 }));
      const paused = Date.now();
      (await b.acquire(req())).release(res());
      expect(Date.now() - paused).toBeGreaterThanOrEqual(350);
    }
  });

  it('shares learned limits: a concurrency cap cut by a 429 in one process holds in the other', async () => {
    const id = nextId();
    const learning: BucketDefinition[] = [{ ...cap(4), owns: (r) => r.status === 429 }];
    const a = limiterFor(learning, { id });
    const b = limiterFor(learning, { id });
    const held = [await a.acquire(req()), await a.acquire(req()), await a.acquire(req())];
    const refused = await a.acquire(req());
    // 4 in flight; the answer cuts the cap to 70 % of 4 = 2 (and pauses the key for 1 ms only: the cap is under test).
    refused.release(throttled({ kind: 'rate_limited', retryAfterMs: 1 }));
    const waiting = track(Promise.resolve(b.acquire(req())));
    await sleep(200);
    expect(waiting.state).toBe('pending');
    // Two releases leave one in flight: below the learned cap of 2.
    held.pop()?.release(res());
    held.pop()?.release(res());
    await until(() => waiting.state === 'fulfilled', 'the waiting call got a slot');
    held.pop()?.release(res());
    (waiting.value as Permit).release(res());
  });

  it('a quota used up in one process fails the other at once with reason quota', async () => {
    const id = nextId();
    const quota: BucketDefinition[] = [{ id: 'daily', model: 'quota', limit: 2, windowMs: 86_400_000, source: SOURCE }];
    const a = limiterFor(quota, { id });
    const b = limiterFor(quota, { id });
    await run(a, () => undefined);
    await run(b, () => undefined);
    await expect(a.acquire(req())).rejects.toMatchObject({ reason: 'quota', bucket: 'daily' });
    const error = await Promise.resolve(b.acquire(req())).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ reason: 'quota' });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(86_000_000);
  });

  it('gives the slots of a dead worker back after the job expiry (FAULTS 30)', async () => {
    const id = nextId();
    const worker = spawn(process.execPath, ['--import', 'tsx', workerFixture, redis.server.url, id, '1500'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const holding = deferred<number>();
    worker.stdout.on('data', (chunk: Buffer) => {
      const match = /holding (\d+)/.exec(chunk.toString());
      if (match !== null) holding.resolve(Number(match[1]));
    });
    const heldAt = await holding.promise;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGKILL');
    await exited;

    const survivor = limiterFor([cap(1)], { id, redis: { jobExpirationMs: 1_500 } });
    let startedAt = 0;
    const call = run(survivor, () => {
      startedAt = Date.now();
    });
    await sleep(Math.max(0, heldAt + 600 - Date.now()));
    // The dead worker's lease still holds the only slot...
    expect(startedAt).toBe(0);
    // ...until it expires (taken just before the worker printed `holding`).
    await call;
    expect(startedAt).toBeGreaterThanOrEqual(heldAt + 1_500 - 100);
  });

  it('fails waiting and new calls fast when Redis dies, and recovers after a restart (FAULTS 29)', async () => {
    const limiter = limiterFor([cap(1)], { id: nextId() });
    const holder = await limiter.acquire(req());
    const waiting = Promise.resolve(limiter.acquire(req())).catch((thrown: unknown) => thrown);
    await sleep(100);
    await redis.server.kill();

    const error = await waiting;
    expect(isLimiterRejectedError(error) && error.reason).toBe('redis_unavailable');
    await expect(limiter.acquire(req())).rejects.toMatchObject({ reason: 'redis_unavailable' });
    // The call that already had its permit is not the limiter's to fail.
    holder.release(res());

    await redis.server.restart();
    let permit: Permit | undefined;
    const deadline = Date.now() + 8_000;
    while (permit === undefined && Date.now() < deadline) {
      permit = await Promise.resolve(limiter.acquire(req())).catch(() => undefined);
      if (permit === undefined) await sleep(100);
    }
    expect(permit).toBeDefined();
    permit?.release(res());
  });

  it('falls back to an in-process limiter when configured', async () => {
    const limiter = limiterFor([cap(1)], { id: nextId(), redis: { fallback: 'local' } });
    await expect(run(limiter, () => 'through redis')).resolves.toBe('through redis');
    const holder = await limiter.acquire(req());
    const waiting = run(limiter, () => 'moved to the local limiter');
    await sleep(100);
    await redis.server.kill();
    await expect(waiting).resolves.toBe('moved to the local limiter');
    await expect(run(limiter, () => 'local')).resolves.toBe('local');
    holder.release(res());
    await redis.server.restart();
  });

  it('settles every call when Redis is unreachable from the start', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const failing = limiterFor([cap(2)], { id: nextId(), redis: { url: nowhere, timeoutMs: 300 } });
    const results = await Promise.allSettled([failing.acquire(req()), failing.acquire(req())]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as { reason?: string }).reason)).toEqual([
      'redis_unavailable',
      'redis_unavailable',
    ]);
    const fallback = limiterFor([cap(2)], { id: nextId(), redis: { url: nowhere, timeoutMs: 300, fallback: 'local' } });
    await expect(run(fallback, () => 'local')).resolves.toBe('local');
  });

  it('close() lets a process with a held permit and a waiting call exit on its own (FAULTS 28)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', closeFixture, redis.server.url, nextId()], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, 8_000);
    const code = await new Promise((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    expect(killed).toBe(false);
    expect(code).toBe(0);
    expect(stdout).toBe('closed\n');
  });

  it('redisRateLimit() is a plain rateLimit value that survives a spread of other options', () => {
    const value = redisRateLimit({ id: 'stripe', maxHoldMs: 5_000, redis: { url: redis.server.url } });
    const merged = { ...{ maxQueued: 25, maxHoldMs: 60_000 }, ...value };
    expect(merged).toMatchObject({ maxQueued: 25, maxHoldMs: 5_000 });
    expect(typeof merged.engine).toBe('function');
    expect(() => redisRateLimit({ id: '', redis: {} })).toThrow(RangeError);
  });
});
