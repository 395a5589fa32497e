import type { EngineLimits, LimiterEngineFactory } from './engine';
import type { RateLimitOptions } from './types';

/** Default of {@link RateLimitOptions.maxQueued}. */
export const DEFAULT_MAX_QUEUED = 10_000;
/** Default of {@link RateLimitOptions.maxHoldMs}. */
export const DEFAULT_MAX_HOLD_MS = 60_000;

/** {@link RateLimitOptions} with defaults applied and values checked. */
export interface ResolvedRateLimit {
  readonly limits: EngineLimits;
  readonly maxQueued: number;
  readonly maxHoldMs: number;
  readonly adaptive: boolean;
  readonly engine: LimiterEngineFactory | undefined;
}

/**
 * Applies defaults and rejects values that would stall every call (`maxConcurrent: 0`) or make
 * no sense (negative, NaN). Returns `undefined` when there is nothing to limit: no static
 * limit, not adaptive, no engine of its own.
 *
 * @example
 * resolveRateLimit({ maxConcurrent: 4 })?.limits; // { maxConcurrent: 4 }
 */
export function resolveRateLimit(options: RateLimitOptions | false | undefined): ResolvedRateLimit | undefined {
  if (options === false || options === undefined) return undefined;
  const limits: { -readonly [K in keyof EngineLimits]: EngineLimits[K] } = {};
  if (options.maxConcurrent != null) limits.maxConcurrent = positiveInteger('maxConcurrent', options.maxConcurrent);
  if (options.minTimeMs != null && nonNegative('minTimeMs', options.minTimeMs) > 0)
    limits.minTimeMs = options.minTimeMs;
  if (options.reservoir != null) {
    limits.reservoir = {
      size: positiveInteger('reservoir.size', options.reservoir.size),
      refreshIntervalMs: positive('reservoir.refreshIntervalMs', options.reservoir.refreshIntervalMs),
    };
  }
  const adaptive = options.adaptive ?? true;
  const engine = options.engine;
  const bounded = Object.keys(limits).length > 0;
  if (!bounded && !adaptive && engine === undefined) return undefined;
  return {
    limits,
    maxQueued: options.maxQueued === undefined ? DEFAULT_MAX_QUEUED : nonNegative('maxQueued', options.maxQueued),
    maxHoldMs: options.maxHoldMs === undefined ? DEFAULT_MAX_HOLD_MS : nonNegative('maxHoldMs', options.maxHoldMs),
    adaptive,
    engine,
  };
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`rateLimit.${name} must be a positive integer, got ${value}`);
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`rateLimit.${name} must be a positive number, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (Number.isNaN(value) || value < 0) throw new RangeError(`rateLimit.${name} must be 0 or more, got ${value}`);
  return value;
}
