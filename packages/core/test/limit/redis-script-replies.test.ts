// The cluster limiter's reading of the TAKE script's replies, on a scripted link instead of a Redis server so that
// the clock is fake and every millisecond is exact: a wait that ends exactly at the deadline is refused as the
// in-process limiter refuses it (deadline-attack-3), and a malformed reply never becomes a NaN wait or timer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isLimiterRejectedError } from '../../src/limit/limiter-rejected-error';
import type { Limiter } from '../../src/limit/types';
import { createRedisLimiter } from '../../src/redis';
import { req, SOURCE } from './limit-fixtures';

/** TAKE's replies (without the token the limiter puts first), in order; `runs` counts the scripts run. */
const script = vi.hoisted(() => ({ replies: [] as unknown[][], runs: 0 }));

vi.mock('../../src/limit/redis/redis-link', () => ({
  RedisLink: class {
    readonly timeoutMs = 1_000;
    usable(): boolean {
      return true;
    }
    run(name: string): Promise<unknown> {
      if (name !== 'rosettaTake') return Promise.resolve(null);
      script.runs++;
      // A limiter that asks again and again without a timer would hang the test: its 101st take never answers.
      if (script.runs > 100) return new Promise(() => undefined);
      // Once the scripted replies are used up, a grant (code 0, one sequence number, one mark).
      return Promise.resolve(script.replies.shift() ?? [0, 1, 'm']);
    }
    failed(): void {}
    close(): Promise<void> {
      return Promise.resolve();
    }
  },
}));

const NOW = 1_800_000_000_000;
let limiter: Limiter;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  script.replies = [];
  script.runs = 0;
  limiter = createRedisLimiter([{ id: 'fw', model: 'fixed-window', limit: 1, windowMs: 60_000, source: SOURCE }], {
    id: 'replies',
    redis: {},
  });
});

afterEach(async () => {
  await limiter.close();
  vi.useRealTimers();
});

/** The settled state of `promise` after the fake clock ran `ms`. */
async function after<T>(promise: Promise<T>, ms: number): Promise<{ value?: T; error?: unknown }> {
  const out: { value?: T; error?: unknown; done?: boolean } = {};
  promise.then(
    (value) => Object.assign(out, { value, done: true }),
    (error: unknown) => Object.assign(out, { error, done: true }),
  );
  await vi.advanceTimersByTimeAsync(ms);
  return out;
}

describe('a wait Redis reports', () => {
  it('ending exactly at the deadline is refused at once with reason deadline', async () => {
    script.replies = [[1, 1, 5_000]];
    const out = await after(Promise.resolve(limiter.acquire(req(), { deadlineAt: NOW + 5_000 })), 0);
    expect(isLimiterRejectedError(out.error) && out.error.reason).toBe('deadline');
    expect(isLimiterRejectedError(out.error) && out.error.retryAfterMs).toBe(5_000);
  });

  it('ending a millisecond before the deadline is waited', async () => {
    script.replies = [[1, 1, 4_999]];
    const out = await after(Promise.resolve(limiter.acquire(req(), { deadlineAt: NOW + 5_000 })), 4_999);
    expect(out.error).toBeUndefined();
    expect(out.value?.release).toBeTypeOf('function');
  });
});

describe('a malformed reply from the script', () => {
  it('a wait that is no number polls at the normal pace, not every millisecond', async () => {
    script.replies = Array.from({ length: 1_000 }, () => [1, 1, 'soon']);
    const out = await after(Promise.resolve(limiter.acquire(req())), 100);
    expect(out.error).toBeUndefined();
    // One take at once, then one per 25 ms poll.
    expect(script.runs).toBeLessThanOrEqual(5);
  });

  it('a bucket index that is no number keeps the call in its queue', async () => {
    script.replies = [[1, 'x', 10]];
    const out = await after(Promise.resolve(limiter.acquire(req())), 10);
    expect(out.error).toBeUndefined();
    expect(out.value?.release).toBeTypeOf('function');
    // The take that said to wait, then the one that granted: no loop of takes for a queue nobody is in.
    expect(script.runs).toBe(2);
  });

  it('a refusal whose wait is no number has no NaN retryAfterMs', async () => {
    for (const code of [2, 3]) {
      script.replies = [[code, 1, 'later']];
      const out = await after(Promise.resolve(limiter.acquire(req())), 0);
      expect(isLimiterRejectedError(out.error)).toBe(true);
      const retryAfterMs = isLimiterRejectedError(out.error) ? out.error.retryAfterMs : undefined;
      expect(retryAfterMs === undefined || Number.isFinite(retryAfterMs)).toBe(true);
      expect(String((out.error as Error).message)).not.toContain('NaN');
    }
  });
});
