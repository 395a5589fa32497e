import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLimiter } from '../../src/limit/create-limiter';
import type { Limiter, RateLimitOptions } from '../../src/limit/types';
import { background, settleFakeTime } from './helpers';

let limiter: Limiter;

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(async () => {
  await limiter.close();
  vi.useRealTimers();
});

function create(options: RateLimitOptions): Limiter {
  limiter = createLimiter(options) as Limiter;
  return limiter;
}

/** Schedules named no-op calls that log when they start. */
function starter(log: string[]) {
  return (name: string, work?: () => void) =>
    limiter.schedule(async () => {
      log.push(`${name}@${Date.now()}`);
      work?.();
      return name;
    });
}

function startTimes(log: readonly string[]): number[] {
  return log.map((line) => Number(line.split('@')[1]));
}

describe('pause (FAULTS 26: a 429 pauses the whole limiter)', () => {
  it('holds calls that never saw the 429, queued or already admitted', async () => {
    create({ maxConcurrent: 4 });
    const log: string[] = [];
    const start = starter(log);
    // a's response is a 429 with Retry-After: 2 s; b and c are already through admission.
    const calls = [start('a', () => limiter.pause(2_000)), start('b'), start('c')];
    await settleFakeTime();
    calls.push(start('d'));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(log).toEqual(['a@0']);
    await vi.advanceTimersByTimeAsync(2);
    expect(log.slice(1).sort()).toEqual(['b@2000', 'c@2000', 'd@2001']);
    await expect(Promise.all(calls)).resolves.toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps minTimeMs spacing after a pause instead of releasing a burst', async () => {
    create({ minTimeMs: 100 });
    const log: string[] = [];
    const start = starter(log);
    for (const name of ['a', 'b', 'c', 'd'])
      background(start(name, name === 'a' ? () => limiter.pause(1_000) : undefined));
    await vi.advanceTimersByTimeAsync(2_000);
    const times = startTimes(log);
    expect(times[0]).toBe(0);
    expect(times[1]).toBeGreaterThanOrEqual(1_000);
    for (let i = 2; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(100);
    expect(log).toHaveLength(4);
  });

  it('ignores pauses that are not a positive finite duration', async () => {
    create({ maxConcurrent: 1 });
    const log: string[] = [];
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) limiter.pause(bad);
    background(starter(log)('a'));
    await settleFakeTime();
    expect(log).toEqual(['a@0']);
  });

  it('fails calls fast when a pause is longer than maxHoldMs (FAULTS 10)', async () => {
    create({ maxConcurrent: 1, maxHoldMs: 60_000 });
    const log: string[] = [];
    const start = starter(log);
    limiter.pause(30_000);
    const queued = start('queued');
    limiter.pause(3_600_000);
    await expect(queued).rejects.toMatchObject({ reason: 'hold_exceeded', retryAfterMs: 3_600_000 });
    await vi.advanceTimersByTimeAsync(600_000);
    await expect(start('late')).rejects.toMatchObject({ reason: 'hold_exceeded', retryAfterMs: 3_000_000 });
    expect(log).toEqual([]);
  });
});

describe('every retry goes back through the limiter (FAULTS 25)', () => {
  it('a forced 429 loop never exceeds the configured rate', async () => {
    // The client allows 5 calls per second; the provider only 3 per 2 s and answers the rest
    // with a 429 whose Retry-After points at its next window.
    create({ maxConcurrent: 10, reservoir: { size: 5, refreshIntervalMs: 1_000 }, adaptive: false });
    const attempts: { at: number; call: number; status: number }[] = [];
    const served = new Map<number, number>();
    const provider = (call: number): { status: number; retryAfterMs: number } => {
      const now = Date.now();
      const window = Math.floor(now / 2_000);
      const used = served.get(window) ?? 0;
      const status = used < 3 ? 200 : 429;
      if (status === 200) served.set(window, used + 1);
      attempts.push({ at: now, call, status });
      return { status, retryAfterMs: (window + 1) * 2_000 - now };
    };
    const callWithRetries = async (call: number): Promise<number> => {
      for (let attempt = 1; attempt <= 20; attempt++) {
        const res = await limiter.schedule(async () => provider(call));
        if (res.status === 200) return attempt;
        limiter.pause(res.retryAfterMs);
      }
      throw new Error(`call ${call} never got through`);
    };
    const calls = Promise.all(Array.from({ length: 20 }, (_, call) => callWithRetries(call)));
    await vi.advanceTimersByTimeAsync(30_000);
    const attemptsPerCall = await calls;

    expect(attempts.filter((a) => a.status === 200)).toHaveLength(20);
    const perWindow = new Map<number, number>();
    for (const { at } of attempts)
      perWindow.set(Math.floor(at / 1_000), (perWindow.get(Math.floor(at / 1_000)) ?? 0) + 1);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(5);
    // No attempt of any call starts while a 429's Retry-After runs.
    for (const rejected of attempts.filter((a) => a.status === 429)) {
      const until = (Math.floor(rejected.at / 2_000) + 1) * 2_000;
      expect(attempts.filter((a) => a.at > rejected.at && a.at < until)).toEqual([]);
    }
    // Exactly one retry layer: the attempt log counts every attempt the calls made.
    expect(attempts).toHaveLength(attemptsPerCall.reduce((sum, n) => sum + n, 0));
    expect(attempts.some((a) => a.status === 429)).toBe(true);
  });
});

describe('observe (adaptive)', () => {
  it('holds every call until the reset when remaining is 0', async () => {
    create({});
    const log: string[] = [];
    const start = starter(log);
    limiter.observe({ limit: 60, remaining: 0, resetAt: 5_000 });
    background(start('a'));
    background(start('b'));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['a@5000', 'b@5000']);
  });

  it('spreads what remains over the time to reset once half the window is used', async () => {
    create({});
    const log: string[] = [];
    const start = starter(log);
    limiter.observe({ limit: 100, remaining: 10, resetAt: 1_000 });
    for (const name of ['a', 'b', 'c', 'd', 'e']) background(start(name));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log).toEqual(['a@0', 'b@100', 'c@200', 'd@300', 'e@400']);
  });

  it('paces through bottleneck too, one start per interval', async () => {
    create({ maxConcurrent: 4 });
    const log: string[] = [];
    const start = starter(log);
    limiter.observe({ limit: 100, remaining: 4, resetAt: 2_000 });
    for (const name of ['a', 'b', 'c', 'd']) background(start(name));
    await vi.advanceTimersByTimeAsync(2_000);
    const times = startTimes(log);
    expect(times).toHaveLength(4);
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(500);
  });

  it('runs at full speed while more than half of a known limit remains', async () => {
    create({});
    const log: string[] = [];
    const start = starter(log);
    limiter.observe({ limit: 100, remaining: 80, resetAt: 1_000 });
    for (const name of ['a', 'b', 'c']) background(start(name));
    await settleFakeTime();
    expect(log).toEqual(['a@0', 'b@0', 'c@0']);
  });

  it('stops pacing when the window resets', async () => {
    create({});
    const log: string[] = [];
    const start = starter(log);
    limiter.observe({ limit: 100, remaining: 2, resetAt: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    for (const name of ['a', 'b', 'c']) background(start(name));
    await settleFakeTime();
    expect(log).toEqual(['a@1000', 'b@1000', 'c@1000']);
  });

  it('turns an exhausted long window into fast failures (a daily quota)', async () => {
    create({ maxHoldMs: 60_000 });
    limiter.observe({ limit: 1_000, remaining: 0, resetAt: 3_600_000, scope: 'day' });
    await expect(limiter.schedule(async () => 'x')).rejects.toMatchObject({
      reason: 'hold_exceeded',
      retryAfterMs: 3_600_000,
    });
  });

  it('is a no-op with adaptive: false', async () => {
    create({ maxConcurrent: 1, adaptive: false });
    const log: string[] = [];
    limiter.observe({ limit: 10, remaining: 0, resetAt: 60_000 });
    background(starter(log)('a'));
    await settleFakeTime();
    expect(log).toEqual(['a@0']);
  });
});
