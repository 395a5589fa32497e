import { describe, expect, it } from 'vitest';
import { SlidingWindow } from '../../../src/limit/model/sliding-window';

/** Sends `m` unit calls as early as the meter allows; returns the start times. */
function drive(w: SlidingWindow, m: number): number[] {
  const starts: number[] = [];
  let now = 0;
  while (starts.length < m) {
    const wait = w.wait(now, 1);
    if (wait === 0) {
      w.take(now, 1);
      starts.push(now);
    } else now += wait;
  }
  return starts;
}

/** Most starts in any half-open window of `windowMs`. */
function maxInWindow(starts: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0; i < starts.length; i++) {
    let j = i;
    while (j < starts.length && (starts[j] as number) < (starts[i] as number) + windowMs) j++;
    max = Math.max(max, j - i);
  }
  return max;
}

describe('SlidingWindow', () => {
  it('exact mode: never more than `limit` in any window, and call i waits for call i-N to leave', () => {
    const w = new SlidingWindow(20, 60_000);
    const starts = drive(w, 100);
    expect(maxInWindow(starts, 60_000)).toBe(20);
    // The physical bound (ceil(M/N) - 1) * W: 4 windows.
    expect(starts.at(-1)).toBe(240_000);
  });

  it('slot mode (large limits): bounded memory, never an overrun, at most one slot late per window', () => {
    const w = new SlidingWindow(900, 60_000);
    const starts = drive(w, 3_600);
    expect(maxInWindow(starts, 60_000)).toBeLessThanOrEqual(900);
    const bound = 3 * 60_000;
    expect(starts.at(-1) as number).toBeGreaterThanOrEqual(bound);
    expect(starts.at(-1) as number).toBeLessThanOrEqual(bound + 3 * 1_000);
  });

  it('slot mode: irregular arrivals (calls inside a slot, not on its edges) never overrun either', () => {
    const w = new SlidingWindow(200, 10_000);
    const starts: number[] = [];
    let now = 0;
    for (let i = 0; i < 2_000; i++) {
      now += i % 7 === 0 ? 37 : 3;
      for (let wait = w.wait(now, 1); wait > 0; wait = w.wait(now, 1)) now += wait;
      w.take(now, 1);
      starts.push(now);
    }
    expect(maxInWindow(starts, 10_000)).toBe(200);
  });

  it('a call counts from its answer: a slot goes again a window after the provider surely logged it', () => {
    const w = new SlidingWindow(2, 1_000);
    w.take(0, 1);
    w.take(0, 1);
    // Sent late (a busy event loop) and answered at 30 and 50: the provider logged them somewhere in between.
    w.done(30, 1, undefined, 0);
    w.done(50, 1, undefined, 0);
    expect(w.wait(1_000, 1)).toBe(30);
    expect(w.wait(1_030, 1)).toBe(0);
    // Slot mode (large limits) moves the units too.
    const big = new SlidingWindow(200, 60_000);
    for (let i = 0; i < 200; i++) big.take(0, 1);
    for (let i = 0; i < 200; i++) big.done(5_000, 1, undefined, 0);
    expect(big.wait(60_000, 1)).toBeGreaterThanOrEqual(5_000);
    // A refused call leaves the log wherever it is.
    const refused = new SlidingWindow(5, 1_000);
    refused.take(0, 1);
    refused.done(40, 1, undefined, 0);
    refused.throttled(40, undefined, 0);
    expect(refused.count(41)).toBe(0);
  });

  it('learns a lower limit from a throttling answer, bounded below by 1 and above by the declaration', () => {
    const w = new SlidingWindow(50, 60_000);
    for (let i = 0; i < 31; i++) w.take(i, 1);
    // The 31st call (taken at 30) was refused: the server took 30 (its wait ends when our first call leaves).
    w.throttled(31, 60_000 - 31, 30);
    expect(w.limit).toBe(30);
    // The refused call left the log: the provider did not count it.
    expect(w.count(31)).toBe(30);
    expect(w.wait(32, 1)).toBeGreaterThan(0);
    // Every five clean windows grow it back by 5 % of 50 (rounded: 3), never past 50.
    expect(w.wait(60_000 * 5, 1)).toBe(0);
    expect(w.limit).toBe(30);
    expect(w.wait(31 + 60_000 * 5, 1)).toBe(0);
    expect(w.limit).toBe(33);
    w.wait(60_031 + 60_000 * 100, 1);
    expect(w.limit).toBe(50);
    const pair = new SlidingWindow(50, 60_000);
    pair.take(0, 1);
    pair.take(1, 1);
    // The call taken at 1 was refused: one accepted, and it is the oldest (no hint to check).
    pair.throttled(1, undefined, 1);
    expect(pair.limit).toBe(1);
  });

  it('a stated limit is the ceiling, above the declared one too; restated, it keeps what 429s taught', () => {
    const w = new SlidingWindow(100, 10_000);
    w.observe(0, { limit: 190, fresh: true });
    expect(w.limit).toBe(190);
    for (let i = 0; i < 150; i++) w.take(i, 1);
    // Refused at 150 calls while the wait ends as our oldest leaves: the window holds 150.
    w.throttled(150, 10_000 - 150, 149);
    expect(w.limit).toBe(149);
    // The same size restated on every answer does not undo the lesson...
    w.observe(151, { limit: 190, fresh: true });
    expect(w.limit).toBe(149);
    // ...which grows back toward the stated 190 (5 % of it per five clean windows), not the declared 100.
    w.wait(151 + 10_000 * 5 * 100, 1);
    expect(w.limit).toBe(190);
    // A probe that got through forgets it all: back to the declaration until the next answer states more.
    w.reset();
    expect(w.limit).toBe(100);
  });

  it('does not learn from a wait that ends before our oldest call leaves (others share the bucket)', () => {
    const w = new SlidingWindow(50, 60_000);
    for (let i = 0; i < 10; i++) w.take(i * 1_000, 1);
    w.throttled(9_000, 20_000, 9_000);
    expect(w.limit).toBe(50);
    // A lone refused call teaches nothing either.
    const lone = new SlidingWindow(50, 60_000);
    lone.take(0, 1);
    lone.throttled(0, undefined, 0);
    expect(lone.limit).toBe(50);
  });

  it('slot mode learns from a 429 only when its pause ends as our oldest slot leaves the window', () => {
    // 300 a minute: slot mode (above 128), slots of one second; 200 calls from 120 s on, 10 ms apart.
    const full = new SlidingWindow(300, 60_000);
    const shared = new SlidingWindow(300, 60_000);
    for (let i = 0; i < 200; i++) {
      full.take(120_000 + i * 10, 1);
      shared.take(120_000 + i * 10, 1);
    }
    // The 200th call is refused at 122,000. Its pause ends when our oldest slot (120 s) leaves: the window is ours.
    full.throttled(122_000, 58_000, 121_990);
    expect(full.limit).toBe(199);
    // A pause ending long before that: others share the bucket, our count says nothing.
    shared.throttled(122_000, 20_000, 121_990);
    expect(shared.limit).toBe(300);
  });

  it('a call slower than the window still counts from its answer (its start has left our log by then)', () => {
    // 2 per second (a learned undisclosed window is this short). Call a is sent at 0 and answered at 1,500: the
    // provider logged it on arrival, anywhere up to 1,500, so its window may hold it until 2,500.
    const w = new SlidingWindow(2, 1_000);
    w.take(0, 1);
    w.take(600, 1);
    w.done(610, 1, undefined, 600);
    // Other calls' checks in between drop a's start from the log.
    expect(w.count(1_200)).toBe(1);
    w.done(1_500, 1, undefined, 0);
    expect(w.count(1_500)).toBe(2);
    // A third call waits for the call answered at 610 to leave, not sent at once as the third in the provider's window.
    expect(w.wait(1_500, 1)).toBe(110);
    // Slot mode alike (300 a minute, a call answered after 90 s while the window moved on).
    const big = new SlidingWindow(300, 60_000);
    big.take(0, 1);
    expect(big.count(70_000)).toBe(0);
    big.done(90_000, 1, undefined, 0);
    expect(big.count(90_000)).toBe(1);
  });

  it('after learning, a lone client stays within one call of the real limit', () => {
    const real = 37;
    const w = new SlidingWindow(50, 60_000);
    const starts: number[] = [];
    let now = 0;
    let throttles = 0;
    while (starts.length < 500) {
      const wait = w.wait(now, 1);
      if (wait > 0) {
        now += wait;
        continue;
      }
      w.take(now, 1);
      const inWindow = starts.filter((t) => t > now - 60_000).length;
      if (inWindow >= real) {
        throttles++;
        w.throttled(now, (starts[starts.length - real] as number) + 60_000 - now, now);
      } else starts.push(now);
    }
    expect(w.limit).toBeGreaterThanOrEqual(real - 1);
    expect(w.limit).toBeLessThanOrEqual(real + 3);
    // Rejections: one per growth step above the limit, about 1 %.
    expect(throttles / (starts.length + throttles)).toBeLessThan(0.02);
  });
});
