import { describe, expect, it } from 'vitest';
import { ConcurrencyCap } from '../../../src/limit/model/concurrency-cap';
import { MinInterval } from '../../../src/limit/model/min-interval';

describe('ConcurrencyCap', () => {
  it('admits `cap` in flight, then waits for a release (Infinity, not a time)', () => {
    const c = new ConcurrencyCap(2);
    c.take();
    c.take();
    expect(c.wait()).toBe(Number.POSITIVE_INFINITY);
    c.done();
    expect(c.wait()).toBe(0);
  });

  it('AIMD: a throttle cuts the cap to 70 % (at least 1); busy successes add one per cap, up to the declaration', () => {
    const c = new ConcurrencyCap(10);
    c.throttled();
    expect(c.cap).toBe(7);
    for (let i = 0; i < 20; i++) c.throttled();
    expect(c.cap).toBe(1);
    // Busy: one success per cap grows it by one.
    for (let round = 0; round < 200; round++) {
      while (c.wait() === 0) c.take();
      c.done();
    }
    expect(c.cap).toBe(10);
  });

  it('does not grow while the app is the limit (fewer than half the cap in flight)', () => {
    const c = new ConcurrencyCap(10);
    c.throttled();
    for (let i = 0; i < 100; i++) {
      c.take();
      c.done();
    }
    expect(c.cap).toBe(7);
  });

  it('reset() restores the declared cap (the Meter contract; the limiter never calls it: its wait is 0 or Infinity)', () => {
    const c = new ConcurrencyCap(10);
    c.throttled();
    expect(c.cap).toBe(7);
    c.reset();
    expect(c.cap).toBe(10);
  });
});

describe('MinInterval', () => {
  it('spaces starts by the interval', () => {
    const m = new MinInterval(1_000);
    expect(m.wait(0)).toBe(0);
    m.take(0);
    expect(m.wait(400)).toBe(600);
    m.take(1_000);
    expect(m.wait(1_500)).toBe(500);
    m.reset();
    expect(m.wait(1_500)).toBe(0);
  });
});
