// A wait past setTimeout's range (2^31 - 1 ms, 24.8 days): Node fires such a timer after 1 ms, so an unbounded
// `maxHoldMs` with a 40-day window spun the pump every millisecond. The timer is capped and re-armed instead.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { limiterOf, req, res, SOURCE, sync, timed } from './limit-fixtures';

const DAY = 86_400_000;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a limiter wait longer than setTimeout can hold', () => {
  it('is waited out with a handful of timers, granted at its time, never early', async () => {
    const limiter = limiterOf([{ id: 'fw', model: 'fixed-window', limit: 1, windowMs: 40 * DAY, source: SOURCE }], {
      maxHoldMs: Number.POSITIVE_INFINITY,
    });
    sync(limiter.acquire(req())).release(res());
    const start = Date.now();
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const call = timed(limiter, req());
    await vi.advanceTimersByTimeAsync(39 * DAY);
    expect(call.at).toBeUndefined();
    // One timer per 24.8 days, not one per millisecond.
    expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
    await vi.advanceTimersByTimeAsync(DAY);
    expect((call.at as number) - start).toBe(40 * DAY);
    spy.mockRestore();
    await limiter.close('done');
  });
});
