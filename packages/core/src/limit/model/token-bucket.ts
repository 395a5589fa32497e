import type { Meter, Observation } from './meter';

/** The longest the refill stays frozen after a call from a full bucket (see {@link TokenBucket}). */
export const MAX_FREEZE_MS = 100;
/** Recent takes remembered for the lower bound (see {@link TokenBucket}): an older call's answer only lowers. */
export const RECENT_TAKES = 16;

/**
 * Token bucket (Stripe, Shopify REST): `burst` tokens refilled at `ratePerSec`, computed from elapsed time so no
 * fraction is lost to timer drift. Cost bucket (`costsEstimated`: GraphQL points): a call reserves its estimate and
 * settles the actual cost its response reports.
 *
 * A call from a full bucket freezes our refill until it is answered (at most 100 ms): the provider's bucket stays
 * full until the call arrives, and refilling earlier runs ahead of it after every idle spell.
 *
 * The server's `remaining` bounds our count from above (less the units we started after the answered call) and
 * from below (less, besides, the units unanswered when that call was taken). Without the lower bound a count
 * lowered by reordering stays low for good (Linear's 100/s bucket stayed 28 tokens behind after a burst of 50).
 *
 * @example
 * const b = new TokenBucket(100, 100);
 * b.take(0, 100);
 * b.wait(0, 1); // 10: one token refills in 10 ms
 * const c = new TokenBucket(50, 1_000, true);
 * c.take(now, 100);             // estimate
 * c.done(now, 100, 12, now);    // actual: 88 points come back
 */
export class TokenBucket implements Meter {
  tokens: number;
  #at = -Infinity;
  /** No refill before this time: a call taken from a full bucket is on its way (see the class). */
  #frozenUntil = -Infinity;
  /** When that call was taken. */
  #fullAt = -Infinity;
  readonly #perMs: number;
  /** Estimates are far above real costs: the newest answer's remaining is adopted as is. */
  readonly #costsEstimated: boolean;
  readonly #ratePerSec: number;
  /** Units taken and units answered so far (never reset: the limiter's sequence numbers count on). */
  #started = 0;
  #answered = 0;
  /** The last {@link RECENT_TAKES} takes: `[seq, units answered when it was taken]`, made on the first take. */
  #recent: number[] | undefined;
  #next = 0;
  readonly #declaredBurst: number;

  constructor(
    ratePerSec: number,
    public burst: number,
    costsEstimated = false,
  ) {
    this.#costsEstimated = costsEstimated;
    this.#declaredBurst = burst;
    this.#ratePerSec = ratePerSec;
    this.#perMs = ratePerSec / 1_000;
    this.tokens = burst;
  }

  #refill(now: number): void {
    if (now <= this.#at) return;
    const from = Math.max(this.#at, this.#frozenUntil);
    if (now > from) this.tokens = Math.min(this.burst, this.tokens + (now - from) * this.#perMs);
    this.#at = now;
  }

  wait(now: number, cost: number): number {
    this.#refill(now);
    // A cost above the capacity waits for a full bucket, then goes into debt.
    const need = Math.min(cost, this.burst);
    // The tolerance absorbs float error in the refill, so a timer set for the exact wait suffices.
    if (this.tokens >= need - 1e-9) return 0;
    return Math.max(0, this.#frozenUntil - now) + (need - this.tokens) / this.#perMs;
  }

  take(now: number, cost: number): void {
    this.#refill(now);
    if (this.tokens >= this.burst - 1e-9 && now >= this.#frozenUntil) {
      this.#fullAt = now;
      this.#frozenUntil = now + Math.min(MAX_FREEZE_MS, (this.burst / this.#ratePerSec) * 1_000);
    }
    this.tokens -= cost;
    this.#recent ??= new Array<number>(2 * RECENT_TAKES).fill(-1);
    this.#recent[2 * this.#next] = this.#started;
    this.#recent[2 * this.#next + 1] = this.#answered;
    this.#next = (this.#next + 1) % RECENT_TAKES;
    this.#started += cost;
  }

  /** Units unanswered when the call that started at `seq` was taken; undefined when it is not a recent take. */
  #unansweredAt(seq: number): number | undefined {
    const recent = this.#recent;
    if (recent === undefined) return undefined;
    for (let i = 0; i < RECENT_TAKES; i++) if (recent[2 * i] === seq) return seq - (recent[2 * i + 1] as number);
    return undefined;
  }

  done(now: number, reserved: number, actual: number | undefined, takenAt: number): void {
    this.#answered += reserved;
    // The call from a full bucket is answered: the provider has seen it, the refill runs from now.
    if (takenAt === this.#fullAt && now < this.#frozenUntil) {
      this.#refill(now);
      this.#frozenUntil = now;
    }
    if (!this.#costsEstimated || actual === undefined || !Number.isFinite(actual) || actual === reserved) return;
    this.#refill(now);
    this.tokens = Math.min(this.burst, this.tokens + reserved - actual);
  }

  observe(now: number, state: Observation): void {
    // A bigger bucket than declared (a Shopify Plus shop): its remaining is the news, not our count.
    const grew = state.limit !== undefined && state.limit > this.burst;
    if (state.limit !== undefined && state.limit > 0) this.burst = state.limit;
    if (state.remaining === undefined) return;
    this.#refill(now);
    const startedAfter = state.startedAfter ?? 0;
    const remaining = state.remaining - startedAfter;
    // Else the server's word only lowers our count (calls it overtook are not in its remaining), up to the floor.
    const raise = grew || (state.fresh === true && this.#costsEstimated);
    if (raise) this.tokens = Math.min(this.burst, remaining);
    else {
      // Not for estimated costs: the units in flight are estimates, the server may have charged more for them.
      const unanswered = this.#costsEstimated
        ? undefined
        : this.#unansweredAt(this.#started - startedAfter - (state.units ?? 1));
      const floor = unanswered === undefined ? -Infinity : remaining - unanswered;
      this.tokens = Math.min(this.burst, Math.max(floor, Math.min(this.tokens, remaining)));
    }
  }

  throttled(now: number): void {
    // The server says empty: whatever we believed, we had nothing left.
    this.#refill(now);
    this.tokens = Math.min(this.tokens, 0);
  }

  reset(): void {
    this.burst = this.#declaredBurst;
    this.tokens = this.burst;
    this.#at = -Infinity;
    this.#fullAt = -Infinity;
    this.#frozenUntil = -Infinity;
  }
}
