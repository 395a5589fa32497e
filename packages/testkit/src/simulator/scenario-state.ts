import { createSeededRandom } from './seeded-random';
import type { FlakyFault, SimulatorScenario } from './types';

const DEFAULT_FAULTS: readonly FlakyFault[] = [500, 502, 'reset'];

/** The scenario of one provider as it runs: outage end resolved, flaky generator seeded. */
export interface ScenarioState {
  /** The scenario as last set. */
  readonly current: SimulatorScenario;
  /** Replaces the scenario; `forMs` counts from `now`. Throws a `TypeError` for an invalid one. */
  set(scenario: SimulatorScenario, now: number): void;
  /** The outage status while an outage lasts at `now`. */
  outageStatus(now: number): 502 | 503 | undefined;
  /** How long to hold the answer back. */
  delayMs(): number;
  /** Draws whether this request fails, and how. */
  flakyFault(): FlakyFault | undefined;
}

/**
 * Creates the scenario state of one provider. Every `set` re-seeds the flaky generator, so the
 * same scenario set twice fails the same requests.
 *
 * @example
 * const state = createScenarioState();
 * state.set({ outage: { forMs: 1_000 } }, Date.now());
 * state.outageStatus(Date.now()); // 503
 */
export function createScenarioState(): ScenarioState {
  let current: SimulatorScenario = {};
  let outageUntil = Number.POSITIVE_INFINITY;
  let random = createSeededRandom(1);
  return {
    get current() {
      return current;
    },
    set(scenario, now) {
      assertScenario(scenario);
      current = scenario;
      const outage = scenario.outage;
      outageUntil = outage?.untilMs ?? (outage?.forMs === undefined ? Number.POSITIVE_INFINITY : now + outage.forMs);
      random = createSeededRandom(scenario.flaky?.seed ?? 1);
    },
    outageStatus(now) {
      if (current.outage === undefined || now >= outageUntil) return undefined;
      return current.outage.status ?? 503;
    },
    delayMs() {
      return current.slow?.delayMs ?? 0;
    },
    flakyFault() {
      const flaky = current.flaky;
      if (flaky === undefined) return undefined;
      // Two draws per request whether or not it fails, so one request's fate never shifts the next one's.
      const fails = random() < flaky.rate;
      const faults = flaky.faults ?? DEFAULT_FAULTS;
      const pick = faults[Math.floor(random() * faults.length)];
      return fails ? pick : undefined;
    },
  };
}

/** Checks a scenario that may come from JSON (the admin route). */
function assertScenario(value: unknown): asserts value is SimulatorScenario {
  if (!isObject(value)) throw new TypeError('scenario must be an object');
  const { outage, slow, flaky, limits } = value as Record<string, unknown>;
  // Each limit's own fields are checked when it is built (limits/create-limit.ts).
  if (limits !== undefined && !Array.isArray(limits)) throw new TypeError('scenario.limits must be an array');
  if (outage !== undefined) {
    if (!isObject(outage)) throw new TypeError('scenario.outage must be an object');
    const { status, untilMs, forMs } = outage as Record<string, unknown>;
    if (status !== undefined && status !== 502 && status !== 503)
      throw new TypeError('scenario.outage.status must be 502 or 503');
    if (untilMs !== undefined && !isNonNegative(untilMs))
      throw new TypeError('scenario.outage.untilMs must be an epoch in ms');
    if (forMs !== undefined && !isNonNegative(forMs)) throw new TypeError('scenario.outage.forMs must be 0 or more');
  }
  if (slow !== undefined && (!isObject(slow) || !isNonNegative((slow as Record<string, unknown>).delayMs))) {
    throw new TypeError('scenario.slow.delayMs must be 0 or more');
  }
  if (flaky !== undefined) {
    if (!isObject(flaky)) throw new TypeError('scenario.flaky must be an object');
    const { rate, seed, faults } = flaky as Record<string, unknown>;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
      throw new TypeError('scenario.flaky.rate must be between 0 and 1');
    if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed)))
      throw new TypeError('scenario.flaky.seed must be an integer');
    if (
      faults !== undefined &&
      (!Array.isArray(faults) || faults.length === 0 || !faults.every((f) => f === 500 || f === 502 || f === 'reset'))
    ) {
      throw new TypeError('scenario.flaky.faults must list 500, 502 or "reset"');
    }
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
