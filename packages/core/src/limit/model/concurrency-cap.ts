import type { Meter } from './meter';

/** Multiplicative decrease on a throttling answer (AIMD; docs/retries-and-rate-limits.md §3.3: β 0.7). */
const DECREASE = 0.7;

/**
 * At most `cap` calls in flight (GitHub's 100 concurrent, Twilio): a call waits for a release, never for time.
 * AIMD: an owned throttling answer drops the cap to 70 % (at least 1); each `cap` calls that end while at least half
 * the cap is in flight (no growth while the app is the limit: Netflix's rule) add a slot back, up to the declared.
 *
 * @example
 * const c = new ConcurrencyCap(2);
 * c.take(0, 1); c.take(0, 1);
 * c.wait(0, 1); // Infinity until a release
 */
export class ConcurrencyCap implements Meter {
  #inFlight = 0;
  cap: number;
  #successes = 0;

  readonly #declared: number;

  constructor(declared: number) {
    this.#declared = declared;
    this.cap = declared;
  }

  wait(): number {
    return this.#inFlight < this.cap ? 0 : Infinity;
  }

  take(): void {
    this.#inFlight++;
  }

  done(): void {
    const busy = this.#inFlight * 2 >= this.cap;
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (this.cap >= this.#declared || !busy) return;
    if (++this.#successes >= this.cap) {
      this.cap++;
      this.#successes = 0;
    }
  }

  observe(): void {}

  throttled(): void {
    this.cap = Math.max(1, Math.floor(this.cap * DECREASE));
    this.#successes = 0;
  }

  reset(): void {
    this.cap = this.#declared;
  }
}
