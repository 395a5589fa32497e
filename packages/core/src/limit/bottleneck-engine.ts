import type Bottleneck from 'bottleneck';
import type { LimiterEngine } from './engine';

/** Options of {@link createBottleneckEngine}. */
export interface BottleneckEngineOptions {
  /**
   * bottleneck's per-job `expiration`: the slot is released after this long even if the job
   * still runs (Redis mode: how a dead worker's slots come back).
   */
  readonly expirationMs?: number;
  /** Replaces `limiter.disconnect()` on close (a Redis connection must be closed in its own order). */
  readonly disconnect?: () => Promise<void>;
}

/**
 * Adapts one bottleneck instance (light or full, local or Redis datastore) to {@link LimiterEngine}.
 * Admission is bottleneck's `scheduled` event, emitted synchronously when a job gets its slot.
 *
 * @example
 * const engine = createBottleneckEngine(new Bottleneck({ maxConcurrent: 2 }));
 * await engine.submit(async () => send(), () => log('admitted'));
 */
export function createBottleneckEngine(limiter: Bottleneck, options: BottleneckEngineOptions = {}): LimiterEngine {
  let sequence = 0;
  const admissions = new Map<string, () => void>();
  limiter.on('scheduled', (info: { options: { id?: string } }) => {
    const id = info.options.id;
    if (id === undefined) return;
    const onAdmit = admissions.get(id);
    if (onAdmit === undefined) return;
    admissions.delete(id);
    onAdmit();
  });
  const jobOptions = options.expirationMs === undefined ? {} : { expiration: options.expirationMs };

  return {
    submit(task, onAdmit) {
      // Unique among this instance's live jobs, as bottleneck requires.
      const id = `rosetta-${++sequence}`;
      admissions.set(id, onAdmit);
      const done = limiter.schedule({ ...jobOptions, id }, task);
      return done.finally(() => admissions.delete(id));
    },
    async close() {
      admissions.clear();
      // Drops queued jobs and clears the timers of admitted ones; its promise waits for running
      // jobs, which close() leaves to finish, so it is not awaited.
      limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
      await (options.disconnect === undefined ? limiter.disconnect() : options.disconnect());
    },
  };
}
