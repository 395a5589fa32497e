import type { Meter } from './meter';

/**
 * One start per `intervalMs` per key (Slack chat.postMessage: 1 per second per channel).
 *
 * @example
 * const m = new MinInterval(1_000);
 * m.take(0, 1);
 * m.wait(400, 1); // 600
 */
export class MinInterval implements Meter {
  #next = -Infinity;

  readonly #intervalMs: number;

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  wait(now: number): number {
    return Math.max(0, this.#next - now);
  }

  take(now: number): void {
    this.#next = Math.max(now, this.#next) + this.#intervalMs;
  }

  done(): void {}
  observe(): void {}
  throttled(): void {}

  reset(): void {
    this.#next = -Infinity;
  }
}
