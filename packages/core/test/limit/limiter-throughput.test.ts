import Bottleneck from 'bottleneck/light.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLimiter } from '../../src/limit/create-limiter';
import { removeTimerYield } from '../../src/limit/remove-timer-yield';
import type { Limiter } from '../../src/limit/types';

/**
 * bottleneck's ceiling (MEASURED.md: ~430 jobs/s) comes from serialized 1 ms timers. Under fake
 * timers every such hop costs at least 1 ms of fake time, so fake time is a deterministic count
 * of serialized timer hops: no wall clock involved.
 */
async function fakeMsToFinish(
  schedule: (job: () => Promise<number>) => Promise<unknown>,
  jobs: number,
): Promise<number> {
  let done = 0;
  for (let i = 0; i < jobs; i++) void schedule(() => Promise.resolve(i)).then(() => done++);
  let elapsed = 0;
  while (done < jobs && elapsed < 60_000) {
    await vi.advanceTimersByTimeAsync(1);
    elapsed++;
  }
  expect(done).toBe(jobs);
  return elapsed;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the bottleneck timer-yield ceiling', () => {
  let limiter: Limiter | undefined;
  afterEach(async () => {
    await limiter?.close();
  });

  it('2,000 no-op jobs at maxConcurrent 32 need a few timer ticks per 32 jobs, not several per job', async () => {
    limiter = createLimiter({ maxConcurrent: 32, maxQueued: 2_000 }) as Limiter;
    const elapsed = await fakeMsToFinish((job) => (limiter as Limiter).schedule(job), 2_000);
    // At 430 jobs/s the same work takes at least 4,650 ms; one bottleneck start tick per batch
    // of 32 is about 63.
    expect(elapsed).toBeLessThan(250);
  });

  it('control: stock bottleneck spends at least one timer tick per job', async () => {
    const stock = new Bottleneck({ maxConcurrent: 32 });
    const elapsed = await fakeMsToFinish((job) => stock.schedule(job), 200);
    expect(elapsed).toBeGreaterThanOrEqual(200);
    // Stock disconnect() yields through a timer too.
    const disconnected = stock.disconnect();
    await vi.advanceTimersByTimeAsync(1);
    await disconnected;
  });

  it('patches one instance only, never the shared prototype', () => {
    const patched = new Bottleneck({ maxConcurrent: 1 });
    const other = new Bottleneck({ maxConcurrent: 1 });
    expect(removeTimerYield(patched)).toBe(true);
    const store = (b: Bottleneck) => (b as unknown as { _store: { yieldLoop: unknown } })._store;
    expect(Object.hasOwn(store(patched), 'yieldLoop')).toBe(true);
    expect(Object.hasOwn(store(other), 'yieldLoop')).toBe(false);
    expect(store(other).yieldLoop).toBe(Object.getPrototypeOf(store(patched)).yieldLoop);
  });

  it('leaves anything that is not a local bottleneck datastore alone', () => {
    expect(removeTimerYield({})).toBe(false);
    expect(removeTimerYield({ _store: { yieldLoop: () => undefined } })).toBe(false);
  });
});
