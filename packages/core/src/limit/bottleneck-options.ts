import type { EngineLimits } from './engine';

/** The subset of bottleneck's constructor options Rosetta sets. */
export interface BottleneckLimitOptions {
  maxConcurrent?: number;
  minTime?: number;
  reservoir?: number;
  reservoirRefreshAmount?: number;
  reservoirRefreshInterval?: number;
  heartbeatInterval?: number;
}

/**
 * Maps {@link EngineLimits} onto bottleneck's option names. The reservoir refills on the
 * datastore's heartbeat, so the heartbeat runs ten times per window (between `minHeartbeatMs`
 * and 250 ms): with bottleneck's defaults a refill could come up to 250 ms late locally and
 * 5 s late in Redis mode (MEASURED.md).
 */
export function toBottleneckOptions(limits: EngineLimits, minHeartbeatMs: number): BottleneckLimitOptions {
  const options: BottleneckLimitOptions = {};
  if (limits.maxConcurrent !== undefined) options.maxConcurrent = limits.maxConcurrent;
  if (limits.minTimeMs !== undefined && limits.minTimeMs > 0) options.minTime = limits.minTimeMs;
  if (limits.reservoir !== undefined) {
    const { size, refreshIntervalMs } = limits.reservoir;
    options.reservoir = size;
    options.reservoirRefreshAmount = size;
    options.reservoirRefreshInterval = refreshIntervalMs;
    options.heartbeatInterval = Math.max(minHeartbeatMs, Math.min(250, Math.floor(refreshIntervalMs / 10)));
  }
  return options;
}
