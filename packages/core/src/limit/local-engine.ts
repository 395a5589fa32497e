/// <reference path="./bottleneck-light.d.ts" />
import Bottleneck from 'bottleneck/light.js';
import { createBottleneckEngine } from './bottleneck-engine';
import { toBottleneckOptions } from './bottleneck-options';
import { hasStaticLimits, type EngineLimits, type LimiterEngine } from './engine';
import { removeTimerYield } from './remove-timer-yield';

/**
 * The in-process engine: bottleneck's light build (no clustering code, 7 KB gz instead of 15)
 * with its timer yield removed. With nothing static to enforce, bottleneck is skipped entirely:
 * pauses and adaptive pacing live in front of the engine and need no slots.
 *
 * @example
 * const engine = createLocalEngine({ maxConcurrent: 8 });
 */
export function createLocalEngine(limits: EngineLimits): LimiterEngine {
  if (!hasStaticLimits(limits)) return createDirectEngine();
  const limiter = new Bottleneck({ ...toBottleneckOptions(limits, 10), id: 'rosetta-local' });
  removeTimerYield(limiter);
  return createBottleneckEngine(limiter);
}

/** Admits every job at once. */
function createDirectEngine(): LimiterEngine {
  return {
    submit(task, onAdmit) {
      onAdmit();
      return task();
    },
    close: () => Promise.resolve(),
  };
}
