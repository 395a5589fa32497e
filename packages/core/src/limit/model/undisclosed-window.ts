import type { BucketDefinition } from '../types';
import { METER_FACTORY, type Meter, type Observation, SAME_WINDOW_MS } from './meter';
import { SlidingWindow } from './sliding-window';

/**
 * A bucket whose limit the provider does not publish (BambooHR): a sliding window that probes politely and learns
 * its limit from the first 429 (the `UndisclosedWindow` meter below). A user's `limit` + `windowMs` override makes it a
 * plain sliding window. The learning code ships only in bundles that call this (about 0.85 KB gzipped).
 *
 * @example
 * export const limits = [undisclosedWindow({ id: 'api', source: 'https://documentation.bamboohr.com/...' })];
 */
export function undisclosedWindow(bucket: Omit<BucketDefinition, 'model' | 'limit'>): BucketDefinition {
  const make = (declared: BucketDefinition) => new UndisclosedWindow(declared.windowMs);
  return Object.assign({ ...bucket, model: 'sliding-window' as const }, { [METER_FACTORY]: make });
}

/** Calls in flight a probing key allows before any answer came back. */
export const PROBE_START = 4;
/** The probe's in-flight cap grows by this share of accepted calls: it bounds the first 429's overshoot. */
const PROBE_SHARE = 1 / 20;
/** Accepted calls logged one by one while probing; older ones fold into one block (enough to learn any burst). */
const LOG_MAX = 32;

/**
 * A limit the provider does not publish (BambooHR: 429 + Retry-After only): the meter learns a sliding window (N
 * calls in any W) from the first 429 (docs/retries-and-rate-limits.md §3.3). In process only, not in cluster mode.
 *
 * Probing: no pacing, but at most `max(PROBE_START, PROBE_SHARE * accepted)` calls in flight (TCP's slow start,
 * gentler): the overshoot refused with the one teaching 429 stays at 4 calls plus 5 % of those accepted.
 *
 * Learning (pause P = Retry-After, at least a second): after a burst (no gap of P, all sent within the last P), N is
 * its size and W runs from its first call to the pause's end, snapped to the one whole second in it (a whole-second
 * Retry-After is rounded up); a 429 on that width moves to the widest. In a steady stream, N is what was sent within
 * the last P and W is P. From then on the key is a {@link SlidingWindow} seeded with those calls, with no ceiling.
 *
 * @example
 * const w = new UndisclosedWindow(undefined);
 * w.wait(0, 1); // 0: probing, 4 in flight allowed
 */
export class UndisclosedWindow implements Meter {
  /** The window learned from the first 429; undefined while probing. */
  learned: SlidingWindow | undefined;
  /** Units in flight (probing). */
  inFlight = 0;
  /** Units answered without a throttle since the key was created. */
  accepted = 0;
  /** When the window was learned: calls taken before were probes, unknown to {@link learned}. */
  #learnedAt = 0;
  /** Calls dropped from the log, folded into one block: a burst larger than the log is still learned whole. */
  #dropped = { units: 0, first: 0, last: 0, maxGap: 0 };
  /** The widest window the first 429 allowed (a whole-second window was chosen within it). */
  #widerMs = 0;
  /** Accepted calls while probing, oldest first: when sent, when answered, units. */
  readonly #log = new CallLog();

  /** `windowMs`: the window's length when the provider states it but not the count; else it is learned too. */
  constructor(readonly windowMs: number | undefined) {}

  /** In-flight units allowed while probing. */
  get cap(): number {
    return Math.max(PROBE_START, Math.floor(this.accepted * PROBE_SHARE));
  }

  wait(now: number, cost: number): number {
    if (this.learned !== undefined) return this.learned.wait(now, cost);
    // A call costing more than the cap still goes alone, or it could never go.
    return this.inFlight === 0 || this.inFlight + cost <= this.cap ? 0 : Infinity;
  }

  take(now: number, cost: number): void {
    this.inFlight += cost;
    this.learned?.take(now, cost);
  }

  done(now: number, reserved: number, actual: number | undefined, takenAt: number): void {
    this.inFlight = Math.max(0, this.inFlight - reserved);
    this.accepted += reserved;
    if (this.learned !== undefined) {
      // A probe call answered after the learning 429: the provider's window holds it, from its answer on.
      if (takenAt < this.#learnedAt) this.learned.take(now, reserved);
      else this.learned.done(now, reserved, actual, takenAt);
      return;
    }
    // Taken out again by `throttled` when the answer was a refusal (done runs first for every answer).
    this.#log.push(takenAt, now, reserved);
    if (this.#log.length > LOG_MAX) this.#fold(this.#log.taken(0), this.#log.shift());
  }

  observe(now: number, state: Observation): void {
    this.learned?.observe(now, state);
  }

  throttled(now: number, pauseMs: number | undefined, takenAt: number): void {
    if (this.learned !== undefined) {
      // Probe calls in flight with the learning 429 are its overshoot: nothing to learn, and they were not counted.
      if (takenAt < this.#learnedAt) {
        this.learned.remove(now, 1);
        return;
      }
      if (this.#widerMs > this.learned.windowMs) {
        // The whole-second width was wrong: the widest the first 429 allowed, N kept, the window's calls counted
        // from now (the old log's times do not fit the new width).
        const wider = new SlidingWindow(this.learned.limit, this.#widerMs, now);
        this.learned.remove(now, 1);
        wider.take(now, Math.max(0, this.learned.count(now) - this.inFlight));
        this.learned = wider;
        this.#learnedAt = now;
        return;
      }
      this.learned.throttled(now, pauseMs, takenAt);
      return;
    }
    // The refused call was logged by `done` as accepted: the provider did not count it.
    this.accepted = Math.max(0, this.accepted - this.#log.removeLast(takenAt, now));
    const pause = Math.max(pauseMs ?? 0, SAME_WINDOW_MS);
    const { run, windowMs, extra } = this.#estimate(now, pause);
    if (run === 0) return;
    let count = extra;
    for (let i = this.#log.length - run; i < this.#log.length; i++) count += this.#log.units(i);
    // Windows are whole seconds and a whole-second Retry-After is rounded up: the one whole second in
    // (windowMs - 1 s, windowMs] is used; the widest is kept for a 429 that proves it wrong.
    const whole = pauseMs !== undefined && pauseMs % SAME_WINDOW_MS === 0 && this.windowMs === undefined;
    const snapped = whole ? Math.floor(windowMs / SAME_WINDOW_MS) * SAME_WINDOW_MS : windowMs;
    this.#widerMs = windowMs;
    const learned = new SlidingWindow(Math.max(1, count), snapped, now);
    // The provider's window still holds these calls, oldest first: the dropped block, then the log.
    if (extra > 0) learned.take(Math.max(this.#dropped.first, now - learned.windowMs + 1), extra);
    for (let i = this.#log.length - run; i < this.#log.length; i++)
      learned.take(this.#log.answered(i), this.#log.units(i));
    this.learned = learned;
    this.#learnedAt = now;
    this.#forgetProbe();
  }

  /**
   * What the window held at a 429 answered at `now`: the newest `run` logged calls (plus `extra` folded ones) over
   * `windowMs`. A declared window: the calls answered within it; a burst: all of it, up to the pause's end; a
   * stream: the calls sent within the last `pause`, over `pause`.
   */
  #estimate(now: number, pause: number): { run: number; windowMs: number; extra: number } {
    const log = this.#log;
    let run = 0;
    if (this.windowMs !== undefined) {
      while (run < log.length && log.answered(log.length - 1 - run) > now - this.windowMs) run++;
      return { run, windowMs: this.windowMs, extra: 0 };
    }
    if (log.length === 0) return { run: 0, windowMs: pause, extra: 0 };
    run = 1;
    while (run < log.length) {
      const later = log.taken(log.length - run);
      const earlier = log.taken(log.length - 1 - run);
      if (later - earlier >= pause) break;
      run++;
    }
    let first = log.taken(log.length - run);
    let extra = 0;
    const d = this.#dropped;
    // The burst reaches back past the log: the dropped block belongs to it when no gap of the pause is in it.
    if (run === log.length && d.units > 0 && first - d.last < pause && d.maxGap < pause) {
      extra = d.units;
      first = d.first;
    }
    if (first >= now - pause) return { run, windowMs: now + pause - first, extra };
    run = 0;
    while (run < log.length && log.taken(log.length - 1 - run) > now - pause) run++;
    // The part of the dropped block sent within the last pause, assuming it was sent evenly.
    const from = now - pause;
    const share =
      run === log.length && d.last > from ? (d.last - Math.max(from, d.first)) / Math.max(1, d.last - d.first) : 0;
    return { run, windowMs: pause, extra: Math.round(d.units * Math.min(1, share)) };
  }

  #fold(taken: number, units: number): void {
    const d = this.#dropped;
    if (d.units === 0) this.#dropped = { units, first: taken, last: taken, maxGap: 0 };
    else
      this.#dropped = {
        units: d.units + units,
        first: d.first,
        last: taken,
        maxGap: Math.max(d.maxGap, taken - d.last),
      };
  }

  /** Forget the learned window: probe again (the cap keeps what the accepted calls earned). */
  reset(): void {
    this.learned = undefined;
    this.#forgetProbe();
  }

  /** Drops the probe's call log and its folded block. */
  #forgetProbe(): void {
    this.#log.clear();
    this.#dropped = { units: 0, first: 0, last: 0, maxGap: 0 };
  }
}

/** Calls as a flat array of numbers (when sent, when answered, units): a few bytes each, no object per call. */
class CallLog {
  readonly #data: number[] = [];

  get length(): number {
    return this.#data.length / 3;
  }

  taken(i: number): number {
    return this.#data[i * 3] ?? 0;
  }

  answered(i: number): number {
    return this.#data[i * 3 + 1] ?? 0;
  }

  units(i: number): number {
    return this.#data[i * 3 + 2] ?? 0;
  }

  push(taken: number, answered: number, units: number): void {
    this.#data.push(taken, answered, units);
  }

  /** Drops the oldest call; returns its units. */
  shift(): number {
    return this.#data.splice(0, 3)[2] ?? 0;
  }

  /** Takes out the newest call sent at `taken` and answered at `answered`; returns its units (0: none). */
  removeLast(taken: number, answered: number): number {
    for (let i = this.length - 1; i >= 0; i--) {
      if (this.taken(i) === taken && this.answered(i) === answered) return this.#data.splice(i * 3, 3)[2] ?? 0;
    }
    return 0;
  }

  clear(): void {
    this.#data.length = 0;
  }
}
