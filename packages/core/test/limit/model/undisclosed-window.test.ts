import { describe, expect, it } from 'vitest';
import { createMeter } from '../../../src/limit/create-limiter';
import { SlidingWindow } from '../../../src/limit/model/sliding-window';
import { PROBE_START, UndisclosedWindow, undisclosedWindow } from '../../../src/limit/model/undisclosed-window';
import { validateBucket } from '../../../src/limit/validate-bucket';

interface Run {
  /** Refused requests. */
  readonly refused: number;
  /** When the last call was accepted. */
  readonly endMs: number;
  /** Most calls in flight at once. */
  readonly maxInFlight: number;
  /** Calls accepted before the first 429, and requests refused before its pause ended (the overshoot). */
  readonly acceptedBeforeFirst: number;
  readonly firstOvershoot: number;
  readonly meter: UndisclosedWindow;
}

/**
 * A provider allowing `limit` calls in any `windowMs` (a sliding log, 429 + Retry-After in whole seconds) and a client
 * that sends `calls` calls, at most `concurrency` at once, each answered `rttMs` after it is sent (the provider logs
 * it half way), as early as the meter allows. Event-driven on a virtual clock.
 */
function race(limit: number, windowMs: number, calls: number, rttMs: number, concurrency = 50): Run {
  const meter = new UndisclosedWindow(undefined);
  const log: number[] = [];
  let now = 0;
  let left = calls;
  let refused = 0;
  let endMs = 0;
  let maxInFlight = 0;
  let pausedUntil = 0;
  const flying: { takenAt: number; answerAt: number; ok: boolean; retryAfterMs: number }[] = [];
  let retries = 0;
  let accepted = 0;
  let acceptedBeforeFirst = -1;
  let firstPauseEnd = Number.POSITIVE_INFINITY;
  let firstOvershoot = 0;
  for (let step = 0; step < 1_000_000 && (left > 0 || retries > 0 || flying.length > 0); step++) {
    // Send while the meter allows.
    while ((left > 0 || retries > 0) && flying.length < concurrency && now >= pausedUntil && meter.wait(now, 1) === 0) {
      if (retries > 0) retries--;
      else left--;
      meter.take(now, 1);
      const arrival = now + rttMs / 2;
      while (log.length > 0 && (log[0] as number) <= arrival - windowMs) log.shift();
      const ok = log.length < limit;
      if (ok) log.push(arrival);
      const retryAfterMs = ok ? 0 : Math.ceil(((log[0] as number) + windowMs - arrival) / 1_000) * 1_000;
      flying.push({ takenAt: now, answerAt: now + rttMs, ok, retryAfterMs });
      maxInFlight = Math.max(maxInFlight, flying.length);
    }
    // Next event: an answer, the pause's end, or the meter's wait.
    const wait = meter.wait(now, 1);
    const candidates = flying.map((f) => f.answerAt);
    if (now < pausedUntil) candidates.push(pausedUntil);
    else if (wait > 0 && Number.isFinite(wait)) candidates.push(now + wait);
    now = Math.max(now, Math.min(...candidates));
    for (let i = 0; i < flying.length; i++) {
      const f = flying[i];
      if (f === undefined || f.answerAt > now) continue;
      flying.splice(i--, 1);
      meter.done(now, 1, undefined, f.takenAt);
      if (f.ok) {
        endMs = now;
        accepted++;
      } else {
        refused++;
        if (acceptedBeforeFirst < 0) {
          acceptedBeforeFirst = accepted;
          firstPauseEnd = now + f.retryAfterMs;
        }
        if (now < firstPauseEnd) firstOvershoot++;
        retries++;
        meter.throttled(now, f.retryAfterMs, f.takenAt);
        pausedUntil = Math.max(pausedUntil, now + f.retryAfterMs);
      }
    }
  }
  return { refused, endMs, maxInFlight, acceptedBeforeFirst, firstOvershoot, meter };
}

describe('UndisclosedWindow', () => {
  it('probes with a small in-flight cap that grows by one per twenty clean answers', () => {
    const w = new UndisclosedWindow(undefined);
    for (let i = 0; i < PROBE_START; i++) {
      expect(w.wait(0, 1)).toBe(0);
      w.take(0, 1);
    }
    expect(w.wait(0, 1)).toBe(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 100; i++) {
      w.done(1, 1, undefined, 0);
      w.take(1, 1);
    }
    // 100 accepted: 5 in flight allowed.
    expect(w.cap).toBe(5);
    expect(w.wait(1, 1)).toBe(0);
    w.take(1, 1);
    expect(w.wait(1, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('bench model (100 per any 1 s, 300 calls, 2 ms round trip): <= 2 % refused, within 1.15x of the 2 s minimum', () => {
    const run = race(100, 1_000, 300, 2);
    expect(run.refused).toBeLessThanOrEqual(6);
    expect(run.endMs).toBeLessThanOrEqual(2_300);
    expect(run.meter.learned?.limit).toBe(100);
  });

  it('learns N and W from the first 429 and refuses nothing after it', () => {
    const run = race(50, 1_000, 250, 5);
    // The first 429 refuses what was in flight with it (4 + 5 % of 50); nothing later.
    expect(run.refused).toBeLessThanOrEqual(PROBE_START + 3);
    expect(run.meter.learned?.limit).toBe(50);
    expect(run.meter.learned?.windowMs).toBe(1_000);
  });

  it('at a 300 ms round trip the overshoot of the first 429 is at most 4 + 5 % of the calls accepted before it', () => {
    // 1,000 per 10 s: the probe ramps up for about 20 s before the stream reaches the limit.
    const run = race(1_000, 10_000, 3_000, 300, 200);
    expect(run.acceptedBeforeFirst).toBeGreaterThan(1_000);
    expect(run.firstOvershoot).toBeGreaterThan(0);
    expect(run.firstOvershoot).toBeLessThanOrEqual(PROBE_START + run.acceptedBeforeFirst / 20);
  });

  it('at a 300 ms round trip and no limit the probe doubles about every 14 round trips (100 calls/s within 20 s)', () => {
    const run = race(Number.MAX_SAFE_INTEGER, 1_000, 3_000, 300, 200);
    expect(run.refused).toBe(0);
    // 4 in flight for the first 80 calls (6 s), then 5 % more per round trip: 30 in flight (100/s) at about 18 s.
    expect(run.meter.cap).toBeGreaterThanOrEqual(100);
    expect(run.endMs).toBeLessThanOrEqual(35_000);
  });

  it('while probing never holds more calls in flight than the probe cap allows', () => {
    const run = race(Number.MAX_SAFE_INTEGER, 1_000, 300, 2);
    expect(run.maxInFlight).toBeLessThanOrEqual(PROBE_START + 300 / 20);
  });

  it('a window that is not whole seconds: one overshoot on the whole second, then the widest window, N kept', () => {
    // 1,300 ms: the first 429 (20 ms round trip, the burst spread over about 450 ms) allows (450, 1,450]; 1,000 is
    // tried, refused once, and the widest width replaces it.
    const run = race(100, 1_300, 600, 20);
    expect(run.meter.learned?.windowMs).toBeGreaterThan(1_300);
    expect(run.meter.learned?.limit).toBe(100);
    expect(run.refused).toBeLessThanOrEqual(10);
  });

  it('a burst larger than the log it keeps is still learned whole (the older calls folded into one block)', () => {
    const w = new UndisclosedWindow(undefined);
    for (let t = 0; t < 600; t++) {
      w.take(t, 1);
      w.done(t + 1, 1, undefined, t);
    }
    w.take(600, 1);
    w.done(601, 1, undefined, 600);
    w.throttled(601, 1_000, 600);
    expect(w.learned?.limit).toBe(600);
    expect(w.learned?.windowMs).toBe(1_000);
    expect(w.learned?.count(601)).toBe(600);
  });

  it('the refused call does not count; calls in flight with the learning 429 neither lower the limit nor vanish', () => {
    const w = new UndisclosedWindow(undefined);
    // Three calls sent at 0, 1, 2 and accepted at 10, 11, 12; the fourth (sent at 3) refused at 13; two more fly.
    for (const t of [0, 1, 2, 3]) w.take(t, 1);
    for (const t of [0, 1, 2]) w.done(10 + t, 1, undefined, t);
    w.take(5, 1);
    w.take(6, 1);
    w.done(13, 1, undefined, 3);
    w.throttled(13, 1_000, 3);
    expect(w.learned?.limit).toBe(3);
    // A burst from idle: the window ends with the pause, at most 1,013 ms after the burst's first call; a
    // whole-second Retry-After rounds up, so it is at least 13 ms: the whole second between.
    expect(w.learned?.windowMs).toBe(1_000);
    // One in-flight peer refused (the same overshoot), the other accepted (the provider's window holds it).
    w.done(14, 1, undefined, 5);
    w.throttled(14, 1_000, 5);
    expect(w.learned?.limit).toBe(3);
    w.done(15, 1, undefined, 6);
    expect(w.learned?.count(15)).toBe(4);
  });
});

describe('UndisclosedWindow after learning', () => {
  /** A declared 1 s window: ten calls sent every 50 ms and answered 5 ms later, the eleventh refused at 505. */
  function learnedTen(): UndisclosedWindow {
    const w = new UndisclosedWindow(1_000);
    for (let t = 0; t < 10; t++) {
      w.take(t * 50, 1);
      w.done(t * 50 + 5, 1, undefined, t * 50);
    }
    w.take(500, 1);
    w.done(505, 1, undefined, 500);
    w.throttled(505, 1_000, 500);
    return w;
  }

  it('a later 429 on the learned window teaches it lower; the refused call does not count', () => {
    const w = learnedTen();
    expect(w.learned?.limit).toBe(10);
    // At 1,100 the calls answered at 5 and 55 have left: one more goes and is accepted...
    expect(w.wait(1_100, 1)).toBe(0);
    w.take(1_100, 1);
    w.done(1_105, 1, undefined, 1_100);
    // ...and the next is refused with a pause that ends after our oldest call (answered at 155) leaves: the
    // window holds the 8 calls of ours it counts, the real limit.
    w.take(1_110, 1);
    w.done(1_115, 1, undefined, 1_110);
    w.throttled(1_115, 1_000, 1_110);
    expect(w.learned?.limit).toBe(8);
    expect(w.learned?.count(1_115)).toBe(8);
  });

  it('a limit a response states overrides the learned one', () => {
    const w = learnedTen();
    w.observe(600, { limit: 20, fresh: true });
    expect(w.learned?.limit).toBe(20);
  });

  it('reset() (a probe got through) forgets the learned window and probes again, with the cap the answers earned', () => {
    const w = learnedTen();
    expect(w.wait(505, 1)).toBe(500);
    w.reset();
    expect(w.learned).toBeUndefined();
    expect(w.wait(505, 1)).toBe(0);
    expect(w.accepted).toBe(10);
  });

  it('a burst after an idle gap of the pause is learned alone (non-whole pause: the window ends with it)', () => {
    const w = new UndisclosedWindow(undefined);
    for (const t of [0, 1, 2]) {
      w.take(t, 1);
      w.done(t + 5, 1, undefined, t);
    }
    // Four seconds idle, then five calls 100 ms apart; the sixth refused with a pause of 1,500 ms (read from a reset,
    // not whole seconds).
    for (const t of [4_000, 4_100, 4_200, 4_300, 4_400]) {
      w.take(t, 1);
      w.done(t + 5, 1, undefined, t);
    }
    w.take(4_405, 1);
    w.done(4_410, 1, undefined, 4_405);
    w.throttled(4_410, 1_500, 4_405);
    expect(w.learned?.limit).toBe(5);
    // From the burst's first call to the end of the pause, not the pause alone (the estimate of a stream).
    expect(w.learned?.windowMs).toBe(4_410 + 1_500 - 4_000);
  });

  it('a slow stream: calls folded out of the log before the last pause add nothing to its estimate', () => {
    const w = new UndisclosedWindow(undefined);
    // One call every 100 ms for 10 s (the log keeps the newest 32, the older 68 are folded into one block).
    for (let t = 0; t < 10_000; t += 100) {
      w.take(t, 1);
      w.done(t + 2, 1, undefined, t);
    }
    w.take(10_000, 1);
    w.done(10_002, 1, undefined, 10_000);
    w.throttled(10_002, 1_000, 10_000);
    // Sent within (9,002, 10,002]: 9,100 ... 9,900.
    expect(w.learned?.limit).toBe(9);
    expect(w.learned?.windowMs).toBe(1_000);
  });
});

describe('undisclosed sliding windows: declaration', () => {
  const source = 'https://documentation.bamboohr.com/docs/planned-changes-to-the-api';
  it('undisclosedWindow() declares no number (learned), or its window alone; a plain sliding window needs both', () => {
    expect(createMeter(validateBucket(undisclosedWindow({ id: 'api', source })))).toBeInstanceOf(UndisclosedWindow);
    const known = createMeter(validateBucket(undisclosedWindow({ id: 'api', windowMs: 60_000, source })));
    expect((known as UndisclosedWindow).windowMs).toBe(60_000);
    expect(
      createMeter(validateBucket({ id: 'api', model: 'sliding-window', limit: 5, windowMs: 1_000, source })),
    ).toBeInstanceOf(SlidingWindow);
    expect(() => validateBucket({ id: 'api', model: 'sliding-window', limit: 5, source })).toThrow(/windowMs/);
    expect(() => validateBucket({ id: 'api', model: 'sliding-window', windowMs: 1_000, source })).toThrow(/limit/);
    // A user's numbers override the learning: a plain sliding window.
    const overridden = { ...undisclosedWindow({ id: 'api', source }), limit: 5, windowMs: 1_000 };
    expect(createMeter(validateBucket(overridden))).toBeInstanceOf(SlidingWindow);
  });

  it('a declared window: N is what was answered within it', () => {
    const w = new UndisclosedWindow(1_000);
    for (let t = 0; t < 10; t++) {
      w.take(t * 200, 1);
      w.done(t * 200 + 5, 1, undefined, t * 200);
    }
    // Refused at 2,010: the window (1,000 ms) holds the calls answered after 1,010: 1,205 ... 1,805 (4 calls).
    w.take(2_000, 1);
    w.done(2_010, 1, undefined, 2_000);
    w.throttled(2_010, 1_000, 2_000);
    expect(w.learned?.limit).toBe(4);
    expect(w.learned?.windowMs).toBe(1_000);
  });

  it('a stream with no gap: the rate of the last pause, over the pause', () => {
    const w = new UndisclosedWindow(undefined);
    // One call every 10 ms for 5 s, answered 2 ms later; refused at 5,002 with Retry-After 1 s.
    for (let t = 0; t < 5_000; t += 10) {
      w.take(t, 1);
      w.done(t + 2, 1, undefined, t);
    }
    w.take(5_000, 1);
    w.done(5_002, 1, undefined, 5_000);
    w.throttled(5_002, 1_000, 5_000);
    expect(w.learned?.windowMs).toBe(1_000);
    // Sent within (4,002, 5,002]: 4,010 ... 4,990.
    expect(w.learned?.limit).toBe(99);
  });
});
