import { type Meter, type Observation, SAME_WINDOW_MS } from './meter';

/** Up to this limit the window keeps one timestamp per unit (exact); above it, counters per slot. */
const EXACT_UP_TO = 128;
/** Slots per window above {@link EXACT_UP_TO}: a call may start up to windowMs/SLOTS late. */
const SLOTS = 60;
/** After GROW_AFTER clean windows the learned limit grows by this share of its ceiling (at least 1). */
const GROWTH_SHARE = 0.05;
/** Clean windows per growth step: each step past the real limit costs a 429 (about 1 % of calls at 20/min). */
const GROW_AFTER = 5;

/**
 * At most `limit` units in any `windowMs` (Slack tiers, Google per-minute quotas). Exact (a log of start times) up
 * to 128 units; above, 60 slot counters per window counted until wholly out of it: at most a slot late, never over.
 * A call counts from its answer, not its start: the provider logs it on arrival, some time after we took it.
 *
 * Learning (Slack answers 429 + Retry-After only): a refused call leaves the log. When the asked wait ends as our
 * oldest call leaves the window, the window is full of our calls and what it holds is the real limit; an earlier
 * end means others share the bucket. Every five clean windows add 5 % of the ceiling (the limit last stated, else
 * the declared one) back: the working limit stays within [1, ceiling].
 *
 * @example
 * const w = new SlidingWindow(50, 60_000);
 * for (let i = 0; i < 50; i++) w.take(i * 10, 1);
 * w.wait(500, 1); // 59_500: the first call leaves the window at 60_000
 */
export class SlidingWindow implements Meter {
  /** Working limit (learned), at most the ceiling. */
  limit: number;
  /** What the working limit grows back to: the limit the server last stated, else the declared one. */
  #ceiling: number;
  /** Exact mode: start times, oldest first, in a ring. Slot mode: units per slot, in a ring. */
  readonly #ring: number[] = [];
  #head = 0;
  readonly #exact: boolean;
  readonly #slotMs: number;
  /** Slot mode: index (time / slotMs) of the slot at `head`. */
  #headSlot = 0;
  #grownAt = 0;
  readonly #declared: number;

  /** `learnedAt`: when the limit was learned (an undisclosed window), not declared: no ceiling then. */
  constructor(
    declared: number,
    readonly windowMs: number,
    learnedAt?: number,
  ) {
    this.#declared = declared;
    this.limit = declared;
    this.#ceiling = learnedAt === undefined ? declared : Infinity;
    if (learnedAt !== undefined) this.#grownAt = learnedAt;
    this.#exact = declared <= EXACT_UP_TO;
    this.#slotMs = windowMs / SLOTS;
  }

  /** Units counted in the window ending at `now`. */
  count(now: number): number {
    this.#evict(now);
    if (this.#exact) return this.#ring.length - this.#head;
    let sum = 0;
    for (const units of this.#ring) sum += units;
    return sum;
  }

  #evict(now: number): void {
    if (this.#exact) {
      const from = now - this.windowMs;
      while (this.#head < this.#ring.length && (this.#ring[this.#head] as number) <= from) this.#head++;
      // Compact once half the array is dead, so memory stays at most twice the limit.
      if (this.#head > 0 && this.#head * 2 >= this.#ring.length) {
        this.#ring.splice(0, this.#head);
        this.#head = 0;
      }
      return;
    }
    // A slot still counts while any part of it overlaps (now - windowMs, now].
    const first = Math.floor((now - this.windowMs) / this.#slotMs);
    while (this.#ring.length > 0 && this.#headSlot < first) {
      this.#ring.shift();
      this.#headSlot++;
    }
    if (this.#ring.length === 0) this.#headSlot = Math.max(this.#headSlot, first);
  }

  wait(now: number, cost: number): number {
    this.#grow(now);
    const used = this.count(now);
    const need = Math.min(cost, this.limit);
    if (used + need <= this.limit) return 0;
    let excess = used + need - this.limit;
    if (this.#exact) {
      // The `excess`-th oldest start must leave the window.
      return (this.#ring[this.#head + excess - 1] as number) + this.windowMs - now;
    }
    for (let i = 0; i < this.#ring.length; i++) {
      excess -= this.#ring[i] as number;
      if (excess <= 0) return (this.#headSlot + i + 1) * this.#slotMs + this.windowMs - now;
    }
    return this.windowMs;
  }

  take(now: number, cost: number): void {
    this.#evict(now);
    if (this.#exact) {
      for (let i = 0; i < cost; i++) this.#ring.push(now);
      return;
    }
    const slot = Math.floor(now / this.#slotMs);
    if (this.#ring.length === 0) this.#headSlot = slot;
    while (this.#headSlot + this.#ring.length <= slot) this.#ring.push(0);
    const index = slot - this.#headSlot;
    this.#ring[index] = (this.#ring[index] as number) + cost;
  }

  /**
   * The call taken at `takenAt` was answered now: its units count from now, also when its start has already left the
   * window (a call slower than the window: the provider logged it on arrival, which may have been just now).
   */
  done(now: number, reserved: number, _actual: number | undefined, takenAt: number): void {
    this.remove(takenAt, reserved);
    this.take(now, reserved);
  }

  observe(_now: number, state: Observation): void {
    // A stated size overrides the declared one, upwards too (HubSpot states the plan's 190 where 100 is declared);
    // the same size restated keeps a limit learned from 429s.
    const stated = state.limit;
    if (stated === undefined || !(stated > 0) || stated === this.#ceiling) return;
    this.#ceiling = stated;
    this.limit = stated;
  }

  throttled(now: number, pauseMs: number | undefined, takenAt: number): void {
    // The provider did not count the refused call: it leaves the log (moved to `now` by `done`, or still at `takenAt`).
    if (this.remove(now, 1) === 0) this.remove(takenAt, 1);
    const accepted = this.count(now);
    if (accepted < 1) return;
    const oldest = this.#exact ? (this.#ring[this.#head] as number) : this.#headSlot * this.#slotMs;
    // Retry-After is whole seconds, rounded up: allow a second of slack.
    if (pauseMs !== undefined && pauseMs + SAME_WINDOW_MS < oldest + this.windowMs - now) return;
    this.limit = Math.max(1, Math.min(this.limit, accepted));
    this.#grownAt = now;
  }

  /** Takes up to `units` units logged at `at` out of the window (a refused call); returns how many it found. */
  remove(at: number, units: number): number {
    let removed = 0;
    if (this.#exact) {
      for (let i = this.#ring.lastIndexOf(at); removed < units && i >= this.#head && this.#ring[i] === at; i--) {
        this.#ring.splice(i, 1);
        removed++;
      }
      return removed;
    }
    const index = Math.floor(at / this.#slotMs) - this.#headSlot;
    const held = index >= 0 ? (this.#ring[index] ?? 0) : 0;
    removed = Math.min(held, units);
    if (removed > 0) this.#ring[index] = held - removed;
    return removed;
  }

  #grow(now: number): void {
    const period = this.windowMs * GROW_AFTER;
    if (this.limit >= this.#ceiling || now - this.#grownAt < period) return;
    const steps = Math.floor((now - this.#grownAt) / period);
    // A learned limit has no ceiling: it grows by a share of itself (each step over the real limit costs a 429).
    const base = Number.isFinite(this.#ceiling) ? this.#ceiling : this.limit;
    const step = Math.max(1, Math.round(base * GROWTH_SHARE));
    this.limit = Math.min(this.#ceiling, this.limit + steps * step);
    this.#grownAt += steps * period;
  }

  reset(): void {
    this.limit = this.#declared;
    if (Number.isFinite(this.#ceiling)) this.#ceiling = this.#declared;
  }
}
