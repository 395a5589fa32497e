import { describe, expect, it } from 'vitest';
import { FixedWindow } from '../../../src/limit/model/fixed-window';

describe('FixedWindow', () => {
  it('admits `limit` calls, then waits for the reset of a window that began with the first call', () => {
    const w = new FixedWindow(3, 1_000);
    for (const t of [100, 200, 300]) {
      expect(w.wait(t, 1)).toBe(0);
      w.take(t, 1);
      w.done();
    }
    expect(w.wait(400, 1)).toBe(700);
    expect(w.wait(1_100, 1)).toBe(0);
    w.take(1_100, 1);
    expect(w.remaining).toBe(2);
  });

  it('server state overrides the declared numbers and aligns the reset to the server', () => {
    const w = new FixedWindow(5_000, 3_600_000);
    w.take(0, 1);
    w.done();
    w.observe(10, { remaining: 0, limit: 15_000, resetAt: 60_000, fresh: true });
    expect(w.limit).toBe(15_000);
    // The server's reset plus its guard: 2 % of the time left, a second at most.
    expect(w.wait(10, 1)).toBe(60_990);
    // After the guarded reset the next window holds the observed limit.
    expect(w.wait(61_000, 1)).toBe(0);
    w.take(61_000, 1);
    expect(w.remaining).toBe(14_999);
  });

  it('within a window the lowest remaining stated is the server’s latest word, whichever request it answered', () => {
    const w = new FixedWindow(100, 60_000);
    w.take(0, 1);
    w.done(0, 1);
    w.observe(0, { remaining: 50, resetAt: 30_000, fresh: true });
    expect(w.remaining).toBe(50);
    // a then b are sent, but b reaches the server first (49 left after it), then a (48 left).
    w.take(1, 1);
    w.take(1, 1);
    // a's answer comes first: b, still unanswered, may be uncounted.
    w.done(5, 1);
    w.observe(5, { remaining: 48, resetAt: 30_000, fresh: false });
    expect(w.remaining).toBe(47);
    // b's answer, from our newest request, states more: it was counted before a, so it is not uncounted.
    w.done(6, 1);
    w.observe(6, { remaining: 49, resetAt: 30_400, fresh: true });
    expect(w.remaining).toBe(48);
    // A reset well before ours from an older request comes from the previous window.
    w.observe(7, { remaining: 1, resetAt: 10_000, fresh: false });
    expect(w.remaining).toBe(48);
    // A later reset starts a new window: all ours in flight may land in it.
    w.take(8, 1);
    w.observe(9, { remaining: 99, resetAt: 90_000, fresh: false });
    expect(w.remaining).toBe(98);
    expect(w.resetAt).toBe(90_000);
    // The newest response wins even with an earlier reset (the provider corrected itself).
    w.observe(10, { remaining: 5, resetAt: 20_000, fresh: true });
    expect(w.resetAt).toBe(20_000);
  });

  it('a call costing more than a whole window goes into an untouched window', () => {
    const w = new FixedWindow(10, 1_000);
    expect(w.wait(0, 25)).toBe(0);
    w.take(0, 25);
    w.done(5, 25);
    expect(w.wait(10, 1)).toBe(990);
  });

  it('does not wait out its own guess of the reset while an answer with the server reset is on its way', () => {
    // A provider whose real window is shorter than the declared one (the simulator's GitHub: 1 s, not 1 h).
    const w = new FixedWindow(2, 3_600_000);
    w.take(0, 1);
    w.take(0, 1);
    expect(w.wait(10, 1)).toBe(Number.POSITIVE_INFINITY);
    w.observe(20, { remaining: 0, resetAt: 1_000, fresh: true });
    w.done();
    // The reset plus 2 % of the 980 ms left.
    expect(w.wait(30, 1)).toBe(990);
    w.done();
    // Nothing in flight and no server reset: the guess is all there is.
    const guess = new FixedWindow(1, 60_000);
    guess.take(0, 1);
    guess.done();
    expect(guess.wait(10, 1)).toBe(59_990);
  });

  it('slow start: until the first call ends the others wait for its answer; any end of it ends the slow start', () => {
    // Not asked for: the declared numbers admit at once.
    const plain = new FixedWindow(5_000, 3_600_000);
    plain.take(0, 1);
    expect(plain.wait(1, 1)).toBe(0);
    const w = new FixedWindow(5_000, 3_600_000, true);
    expect(w.wait(0, 1)).toBe(0);
    w.take(0, 1);
    expect(w.wait(1, 1)).toBe(Number.POSITIVE_INFINITY);
    // No state in the answer (an error, a provider without headers, no answer at all): the declared numbers apply.
    w.done();
    expect(w.wait(2, 1)).toBe(0);
    w.take(2, 1);
    w.take(2, 1);
    expect(w.wait(3, 1)).toBe(0);
    // With state: the next calls go on what it says.
    const s = new FixedWindow(5_000, 3_600_000, true);
    s.take(0, 1);
    s.done();
    s.observe(10, { remaining: 2, limit: 100, resetAt: 1_000, fresh: true });
    s.take(10, 1);
    s.take(10, 1);
    expect(s.wait(10, 1)).toBe(1_010);
  });

  it('calls still in flight at a reset count in the new window until an answer from it says otherwise', () => {
    const w = new FixedWindow(10, 1_000);
    w.take(0, 1);
    w.done();
    for (let i = 0; i < 9; i++) w.take(900, 1);
    // 9 in flight when the window rolls: they may land in the new one.
    w.take(1_000, 1);
    expect(w.remaining).toBe(0);
    expect(w.wait(1_001, 1)).toBe(Number.POSITIVE_INFINITY);
    // The nine are answered from the old window (its reset has passed: nothing to learn), then an answer from
    // the new one tells what it holds, less the call of ours still unanswered.
    for (let i = 0; i < 9; i++) {
      w.done(1_002, 1);
      w.observe(1_002, { remaining: 0, resetAt: 1_000, fresh: false });
    }
    w.observe(1_003, { remaining: 9, resetAt: 2_000, fresh: true });
    expect(w.remaining).toBe(8);
    expect(w.wait(1_003, 1)).toBe(0);
  });

  it('the guard of a reset is fixed when its window is first read; an answer from the next window starts it', () => {
    const w = new FixedWindow(100, 3_600_000);
    w.take(0, 1);
    w.done();
    w.observe(0, { remaining: 0, resetAt: 60_000, fresh: true });
    // Read again near its end: less time left, but not less rounding.
    w.observe(59_000, { remaining: 0, resetAt: 60_000, fresh: true });
    expect(w.wait(59_500, 1)).toBe(1_500);
    // One-second windows: between the reset and its guard, an answer from the next window (reset a second
    // later) is that window, whatever its guard.
    const s = new FixedWindow(100, 3_600_000);
    s.take(0, 1);
    s.done();
    s.observe(10, { remaining: 10, resetAt: 1_000, fresh: true });
    s.observe(1_005, { remaining: 40, resetAt: 2_000, fresh: false });
    expect(s.resetAt).toBe(2_000);
    expect(s.remaining).toBe(40);
    // The same with the server's clock 150 ms ahead: its next window answers before our reading of the reset.
    const ahead = new FixedWindow(100, 3_600_000);
    ahead.take(0, 1);
    ahead.done();
    ahead.observe(10, { remaining: 10, resetAt: 1_000, fresh: true });
    ahead.observe(900, { remaining: 40, resetAt: 2_000, fresh: false });
    expect(ahead.resetAt).toBe(2_000);
  });

  it('a window read several times keeps its earliest reset: a reset stated as time left is read late by the way back', () => {
    // Zendesk-like: the reset at 1_000, stated in sixtieths of a second; two answers read 78 ms and 10 ms after.
    const w = new FixedWindow(100, 1_000);
    w.take(0, 1);
    w.done();
    w.observe(80, { remaining: 99, resetAt: 1_078, fresh: true });
    w.observe(81, { remaining: 98, resetAt: 1_010, fresh: true });
    w.observe(82, { remaining: 0, resetAt: 1_060, fresh: true });
    expect(w.resetAt).toBe(1_010);
    // The guard: 2 % of the time left at the first reading.
    expect(w.wait(500, 1)).toBe(1_010 + 20 - 500);
  });

  it('a state without a reset, read after our window ended, is a window begun at its answer (Zendesk off Ticketing)', () => {
    // Zendesk sends `X-Rate-Limit-Remaining` on every answer but `ratelimit-reset` only on Ticketing APIs
    // (https://developer.zendesk.com/api-reference/introduction/rate-limits/): such an answer arriving after the
    // window we guessed (from our first call) has ended describes a server window we did not see start.
    const w = new FixedWindow(200, 60_000);
    w.take(0, 1);
    w.done(10, 1);
    w.observe(10, { remaining: 5, fresh: true });
    expect(w.remaining).toBe(5);
    // Two calls in our guessed window; the first is answered after it ended (a slow call), the other still flies.
    w.take(30_000, 1);
    w.take(30_001, 1);
    w.done(61_000, 1);
    w.observe(61_000, { remaining: 150, fresh: true });
    // The new window's count less the call still in flight, not the old window's 5 (an answer stating more than
    // the old window's lowest is not an overtaken answer of that window).
    expect(w.remaining).toBe(149);
    expect(w.resetAt).toBe(121_000);
    // The new window's lowest is 150: a later answer stating 149 is the server's latest word, adopted as is.
    w.done(61_500, 1);
    w.observe(61_500, { remaining: 149, fresh: true });
    expect(w.remaining).toBe(149);
    // The server says empty: waited out to the end of the window that began at the answer, not sent at once
    // because our own guess of the reset has passed.
    w.take(62_000, 1);
    w.done(62_010, 1);
    w.observe(62_010, { remaining: 0, fresh: true });
    expect(w.wait(62_010, 1)).toBe(121_000 - 62_010);
  });

  it('a state stating no remaining adopts its limit and leaves the count and the window alone', () => {
    const w = new FixedWindow(10, 1_000);
    w.take(0, 1);
    w.done(5, 1);
    w.observe(5, { limit: 20, fresh: true });
    expect(w.limit).toBe(20);
    expect(w.remaining).toBe(9);
    expect(w.resetAt).toBe(1_000);
  });

  it('reset() returns to the declared numbers', () => {
    const w = new FixedWindow(10, 1_000);
    w.observe(0, { remaining: 0, limit: 20, resetAt: 500_000, fresh: true });
    w.reset();
    expect(w.wait(1, 1)).toBe(0);
    expect(w.limit).toBe(10);
  });
});
