import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import type { Limiter } from '../../src/limit/types';
import { findRedisServer, type RedisServer, startRedisServer } from './redis-server';

/** A promise with its settle functions outside, for jobs a test releases by hand. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves with how the promise settled, so tests can assert on still-pending promises too. */
export function track<T>(promise: Promise<T>): {
  readonly state: 'pending' | 'fulfilled' | 'rejected';
  readonly value?: T;
  readonly error?: unknown;
} {
  const result: { state: 'pending' | 'fulfilled' | 'rejected'; value?: T; error?: unknown } = { state: 'pending' };
  promise.then(
    (value) => {
      result.state = 'fulfilled';
      result.value = value;
    },
    (error: unknown) => {
      result.state = 'rejected';
      result.error = error;
    },
  );
  return result;
}

/** Real time passing, for tests against a real server (Redis) whose clock fake timers cannot move. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails the test after `limitMs` instead of hanging. */
export async function until(check: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

/** What a {@link describeRedis} body gets: the file's redis-server, and `keep` to close a limiter after each test. */
export interface RedisSuite {
  readonly server: RedisServer;
  keep<L extends Limiter>(limiter: L): L;
}

/**
 * A `describe` of tests against one real redis-server, started for the block and killed after it; limiters passed
 * to `keep` are closed after each test. Skipped with a warning where redis-server is missing, except in CI
 * (`CI` set), where the block fails instead.
 */
export function describeRedis(name: string, body: (redis: RedisSuite) => void): void {
  const binary = findRedisServer();
  const inCi = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
  if (binary === undefined && !inCi) {
    console.warn(`\n*** redis-server is not installed: SKIPPING "${name}". Run scripts/ensure-redis.sh. ***\n`);
  }
  (binary === undefined && !inCi ? describe.skip : describe)(name, () => {
    let server: RedisServer | undefined;
    let limiters: Limiter[] = [];
    beforeAll(async () => {
      if (binary === undefined)
        throw new Error('redis-server is required in CI (CI=true): run scripts/ensure-redis.sh');
      server = await startRedisServer(binary);
    });
    afterEach(async () => {
      await Promise.all(limiters.map((limiter) => limiter.close()));
      limiters = [];
    });
    afterAll(async () => {
      await server?.kill();
    });
    body({
      get server() {
        if (server === undefined) throw new Error('redis-server is not started yet');
        return server;
      },
      keep(limiter) {
        limiters.push(limiter);
        return limiter;
      },
    });
  });
}
