import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isLimiterRejectedError } from '../../src/limit/limiter-rejected-error';
import type { Limiter } from '../../src/limit/types';
import { createRedisLimiter, redisRateLimit, type RedisRateLimitOptions } from '../../src/redis';
import { deferred, track } from './helpers';
import { findRedisServer, freePort, startRedisServer, type RedisServer } from './redis-server';

// Redis runs on real time: these tests assert orderings and counts, and use generous upper
// bounds only where a wait has to end.
const binary = findRedisServer();
const inCi = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
if (binary === undefined && !inCi) {
  console.warn(
    '\n*** redis-server is not installed: SKIPPING the Redis limiter tests. Run scripts/ensure-redis.sh. ***\n',
  );
}
const describeRedis = binary === undefined && !inCi ? describe.skip : describe;

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const workerFixture = fileURLToPath(new URL('./fixtures/redis-worker.fixture.ts', import.meta.url));
const closeFixture = fileURLToPath(new URL('./fixtures/redis-close.fixture.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails the test after `limitMs` instead of hanging. */
async function until(check: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

/** A job that reports when it starts and runs until released. */
function blockingJob() {
  const started = deferred();
  const release = deferred();
  return {
    job: async () => {
      started.resolve();
      await release.promise;
    },
    started: started.promise,
    release: () => release.resolve(),
  };
}

describeRedis('Redis cluster mode', () => {
  let server: RedisServer;
  let limiters: Limiter[] = [];
  let sequence = 0;

  beforeAll(async () => {
    if (binary === undefined) throw new Error('redis-server is required in CI (CI=true): run scripts/ensure-redis.sh');
    server = await startRedisServer(binary);
  });
  afterEach(async () => {
    await Promise.all(limiters.map((limiter) => limiter.close()));
    limiters = [];
  });
  afterAll(async () => {
    await server?.kill();
  });

  /** A limiter as one process of the cluster would build it; ids are unique per test. */
  const limiterFor = (
    options: Omit<RedisRateLimitOptions, 'redis' | 'id'> & { redis?: RedisRateLimitOptions['redis']; id?: string },
  ) => {
    const limiter = createRedisLimiter({
      id: `test-${sequence}`,
      ...options,
      redis: { url: server.url, timeoutMs: 500, ...options.redis },
    });
    limiters.push(limiter);
    return limiter;
  };
  const nextId = () => `test-${++sequence}`;

  it('shares maxConcurrent between processes', async () => {
    const id = nextId();
    const a = limiterFor({ id, maxConcurrent: 2 });
    const b = limiterFor({ id, maxConcurrent: 2 });
    let running = 0;
    let maxRunning = 0;
    const job = async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(30);
      running--;
    };
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).schedule(job)));
    expect(maxRunning).toBe(2);
  });

  it('shares one reservoir: exactly `size` calls start across processes', async () => {
    const id = nextId();
    const options = { id, reservoir: { size: 4, refreshIntervalMs: 60_000 } };
    const a = limiterFor(options);
    const b = limiterFor(options);
    let started = 0;
    const calls = Array.from({ length: 6 }, (_, i) =>
      track(
        (i % 2 === 0 ? a : b).schedule(async () => {
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

  it('refills the reservoir on a short heartbeat (bottleneck waits 5 s by default)', async () => {
    const id = nextId();
    const options = { id, reservoir: { size: 2, refreshIntervalMs: 300 } };
    const a = limiterFor(options);
    const b = limiterFor(options);
    const began = Date.now();
    await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).schedule(async () => undefined)));
    // Three windows: about 0.6-0.9 s. With a 5 s heartbeat it would take at least 10 s.
    expect(Date.now() - began).toBeLessThan(4_000);
  });

  it('gives the slots of a dead worker back after the job expiry (FAULTS 30)', async () => {
    const id = nextId();
    const worker = spawn(process.execPath, ['--import', 'tsx', workerFixture, server.url, id, '1500'], {
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

    const survivor = limiterFor({ id, maxConcurrent: 1, redis: { jobExpirationMs: 1_500 } });
    let startedAt = 0;
    const call = survivor.schedule(async () => {
      startedAt = Date.now();
    });
    await sleep(Math.max(0, heldAt + 600 - Date.now()));
    // The dead worker's job still holds the only slot...
    expect(startedAt).toBe(0);
    // ...until it expires (registered just before the worker printed `holding`).
    await call;
    expect(startedAt).toBeGreaterThanOrEqual(heldAt + 1_500 - 100);
  });

  it('fails waiting and new calls fast when Redis dies, and recovers after a restart (FAULTS 29)', async () => {
    const limiter = limiterFor({ id: nextId(), maxConcurrent: 1 });
    const blocker = blockingJob();
    const running = limiter.schedule(blocker.job);
    await blocker.started;
    const waiting = limiter.schedule(async () => 'never').catch((thrown: unknown) => thrown);
    await sleep(100);
    await server.kill();

    const error = await waiting;
    expect(isLimiterRejectedError(error) && error.reason).toBe('redis_unavailable');
    await expect(limiter.schedule(async () => 'x')).rejects.toMatchObject({ reason: 'redis_unavailable' });
    // The call that already had its slot is not the limiter's to fail.
    blocker.release();
    await expect(running).resolves.toBeUndefined();

    await server.restart();
    let result: unknown;
    const deadline = Date.now() + 8_000;
    while (result === undefined && Date.now() < deadline) {
      result = await limiter.schedule(async () => 'after restart').catch(() => undefined);
      if (result === undefined) await sleep(100);
    }
    expect(result).toBe('after restart');
  });

  it('falls back to an in-process limiter when configured', async () => {
    const limiter = limiterFor({ id: nextId(), maxConcurrent: 1, redis: { fallback: 'local' } });
    await expect(limiter.schedule(async () => 'through redis')).resolves.toBe('through redis');
    const blocker = blockingJob();
    const running = limiter.schedule(blocker.job);
    await blocker.started;
    const waiting = limiter.schedule(async () => 'moved to the local limiter');
    await sleep(100);
    await server.kill();
    await expect(waiting).resolves.toBe('moved to the local limiter');
    await expect(limiter.schedule(async () => 'local')).resolves.toBe('local');
    blocker.release();
    await running;
    await server.restart();
  });

  it('settles every call when Redis is unreachable from the start', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const failing = limiterFor({ id: nextId(), maxConcurrent: 2, redis: { url: nowhere, timeoutMs: 300 } });
    const results = await Promise.allSettled([failing.schedule(async () => 1), failing.schedule(async () => 2)]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as { reason?: string }).reason)).toEqual([
      'redis_unavailable',
      'redis_unavailable',
    ]);
    const fallback = limiterFor({
      id: nextId(),
      maxConcurrent: 2,
      redis: { url: nowhere, timeoutMs: 300, fallback: 'local' },
    });
    await expect(fallback.schedule(async () => 'local')).resolves.toBe('local');
  });

  it('close() lets a process with running and waiting calls exit on its own (FAULTS 28)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', closeFixture, server.url, nextId()], {
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

  it('redisRateLimit() is a plain rateLimit value that survives a spread of adapter defaults', () => {
    const value = redisRateLimit({ id: 'stripe', maxConcurrent: 5, redis: { url: server.url } });
    const merged = { ...{ maxConcurrent: 25, minTimeMs: 10 }, ...value };
    expect(merged).toMatchObject({ maxConcurrent: 5, minTimeMs: 10 });
    expect(typeof merged.engine).toBe('function');
    expect(() => redisRateLimit({ id: '', redis: {} })).toThrow(RangeError);
  });
});
