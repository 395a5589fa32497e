/**
 * The static limits a limiter engine enforces. Pauses, adaptive pacing, priorities, cancellation
 * and the queue bound live in front of the engine (see `create-limiter.ts`), so an engine only
 * decides when a slot is free.
 */
export interface EngineLimits {
  /** At most this many jobs admitted at once; undefined = unlimited. */
  readonly maxConcurrent?: number;
  /** At least this many milliseconds between two admissions. */
  readonly minTimeMs?: number;
  /** At most `size` admissions per `refreshIntervalMs` window. */
  readonly reservoir?: { readonly size: number; readonly refreshIntervalMs: number };
}

/**
 * What runs behind a limiter: bottleneck on the local datastore by default, bottleneck on Redis
 * through `@rosetta/core/redis`. The limiter hands it one job at a time.
 */
export interface LimiterEngine {
  /**
   * Queues `task` until a slot is free. `onAdmit` is called synchronously when the slot is
   * granted, before `task` starts. The promise settles when `task` does. If it rejects before
   * `onAdmit` was called (Redis unreachable, engine closed), `task` never runs.
   */
  submit(task: () => Promise<void>, onAdmit: () => void): Promise<void>;
  /** Drops queued tasks, clears every timer and connection. Running tasks are left to finish. */
  close(): Promise<void>;
}

/**
 * Builds the engine of one limiter. `createLimiter()` calls it once per limiter, so engines never
 * share state between clients unless they share it on purpose (Redis, by id).
 */
export type LimiterEngineFactory = (limits: EngineLimits) => LimiterEngine;

/** True when `limits` can actually hold a job back. */
export function hasStaticLimits(limits: EngineLimits): boolean {
  return limits.maxConcurrent !== undefined || (limits.minTimeMs ?? 0) > 0 || limits.reservoir !== undefined;
}
