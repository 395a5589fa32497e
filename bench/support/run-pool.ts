/** What {@link runPool} measured. */
export interface PoolResult {
  /** Tasks that resolved. */
  readonly succeeded: number;
  /** Tasks that rejected. */
  readonly failed: number;
  /** Tasks never started because the time limit passed first. */
  readonly skipped: number;
  readonly elapsedMs: number;
  /** CPU time of this process (user + system) over the run, in ms: all in-process work counts. */
  readonly cpuMs: number;
  /** Rejections by `describe(error)`. */
  readonly errors: ReadonlyMap<string, number>;
}

/** Options of {@link runPool}. */
export interface PoolOptions {
  /** How many tasks to run in all. */
  readonly total: number;
  /** Tasks in flight at once. */
  readonly concurrency: number;
  /** One task; `index` counts from 0. */
  readonly task: (index: number) => Promise<unknown>;
  /**
   * No task starts after this long; the ones in flight are awaited.
   * @default no limit
   */
  readonly timeLimitMs?: number;
  /**
   * Groups rejections in {@link PoolResult.errors}.
   * @default the error's name and message, cut to 80 characters
   */
  readonly describe?: (error: unknown) => string;
}

/**
 * Runs `total` tasks, `concurrency` at a time: a bounded loop that always ends.
 *
 * @example
 * const result = await runPool({ total: 20_000, concurrency: 32, task: () => fetch(url).then((r) => r.json()) });
 */
export async function runPool(options: PoolOptions): Promise<PoolResult> {
  const { total, concurrency, task, timeLimitMs = Number.POSITIVE_INFINITY } = options;
  const describe = options.describe ?? describeError;
  const errors = new Map<string, number>();
  let next = 0;
  let succeeded = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const began = performance.now();
  const stopAt = began + timeLimitMs;

  const worker = async (): Promise<void> => {
    while (next < total && performance.now() < stopAt) {
      const index = next++;
      try {
        await task(index);
        succeeded++;
      } catch (error) {
        failed++;
        const key = describe(error);
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const used = process.cpuUsage(cpu);
  return {
    succeeded,
    failed,
    skipped: total - next,
    elapsedMs: performance.now() - began,
    cpuMs: (used.user + used.system) / 1_000,
    errors,
  };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 80);
  return `${error.name}: ${error.message}`.slice(0, 80);
}
