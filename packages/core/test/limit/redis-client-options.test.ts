// What the cluster limiter hands ioredis. ioredis reads a `commandTimeout` or `connectTimeout` of 0 as "none", so a
// user's 0 would let a take wait on a silent Redis for as long as the call's deadline allows (forever without one).
import { describe, expect, it, vi } from 'vitest';
import { RedisLink } from '../../src/limit/redis/redis-link';

/** The options each `new Redis(...)` was given. */
const made = vi.hoisted(() => [] as Record<string, unknown>[]);

vi.mock('ioredis', () => ({
  Redis: class {
    constructor(...args: unknown[]) {
      made.push(args.at(-1) as Record<string, unknown>);
    }
    defineCommand(): void {}
    on(): void {}
  },
}));

describe('RedisLink: ioredis timeouts', () => {
  it.each([
    ['unset', {}, { commandTimeout: 250, connectTimeout: 250 }],
    ['0 (ioredis: none)', { commandTimeout: 0, connectTimeout: 0 }, { commandTimeout: 250, connectTimeout: 250 }],
    ['the user’s own', { commandTimeout: 90, connectTimeout: 400 }, { commandTimeout: 90, connectTimeout: 400 }],
  ])('%s: every command and connect is bounded', (_label, clientOptions, expected) => {
    made.length = 0;
    vi.useFakeTimers();
    new RedisLink({ url: 'redis://127.0.0.1:1', timeoutMs: 250, clientOptions }, () => undefined);
    expect(made[0]).toMatchObject({ ...expected, enableOfflineQueue: false });
    vi.useRealTimers();
  });
});
