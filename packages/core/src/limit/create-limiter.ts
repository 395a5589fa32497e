import { hasStaticLimits, type LimiterEngine } from './engine';
import { createAdaptivePacer } from './adaptive-pacer';
import { createJobQueue, type QueueHandle } from './job-queue';
import { LimiterRejectedError } from './limiter-rejected-error';
import { createLocalEngine } from './local-engine';
import { resolveRateLimit } from './resolve-rate-limit';
import type { Limiter, LimiterHooks, LimiterWaitReason, RateLimitOptions, ScheduleOptions } from './types';

const PRIORITY_LEVELS = 10;
const DEFAULT_PRIORITY = 5;
/**
 * How many admitted jobs may wait for their start at once when nothing spaces starts. Admitted
 * jobs hold a slot and cannot leave the engine's queue, so the bound keeps a pause or an abort
 * effective; 64 per timer tick is far above any provider's rate.
 */
const START_BATCH = 64;
/**
 * Shorter waits are not reported: bottleneck starts every job on its next timer tick (1 ms or
 * a few under load), which would otherwise turn every call into a wait event.
 */
const REPORT_WAIT_FROM_MS = 10;

interface Entry {
  readonly job: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly enqueuedAt: number;
  /** The limiter's pause epoch when the call arrived, and whether a pause held it then. */
  readonly pauseEpoch: number;
  readonly pausedOnArrival: boolean;
  handle: QueueHandle | undefined;
  onAbort: (() => void) | undefined;
  settled: boolean;
  started: boolean;
  paced: boolean;
  /** Set while the entry waits at the start gate: wakes it early (abort, close). */
  wake: (() => void) | undefined;
}

/**
 * Creates the rate limiter of one client, or `undefined` when `options` leave nothing to limit
 * (`false`, `undefined`, or no limit with `adaptive: false`), so that no limiter sits on the path.
 *
 * Waiting calls queue here, not in the engine: that is where priorities, cancellation, the queue
 * bound, pauses and adaptive pacing work. The engine (bottleneck) gets one waiting job at a
 * time and decides when a slot is free (concurrency, reservoir, Redis-wide state); a job it
 * admits passes a last start gate that holds it through a pause or spaces it.
 *
 * @example
 * const limiter = createLimiter({ maxConcurrent: 8, reservoir: { size: 100, refreshIntervalMs: 1_000 } });
 * const res = await limiter?.schedule(() => fetch(url, { signal }), { signal });
 */
export function createLimiter(
  options: RateLimitOptions | false | undefined,
  hooks: LimiterHooks = {},
): Limiter | undefined {
  const config = resolveRateLimit(options);
  if (config === undefined) return undefined;
  const { limits, maxQueued, maxHoldMs, adaptive } = config;
  const engine: LimiterEngine = (config.engine ?? createLocalEngine)(limits);
  const pacer = createAdaptivePacer(maxHoldMs);
  const minTimeMs = limits.minTimeMs ?? 0;
  const staticLimits = hasStaticLimits(limits);
  const queue = createJobQueue<Entry>(PRIORITY_LEVELS);
  /** Every unsettled entry that has not started: what close() and an over-long hold reject. */
  const waiting = new Set<Entry>();

  let closed = false;
  let closing: Promise<void> | undefined;
  let pending = 0;
  let pausedUntil = 0;
  let pauseEpoch = 0;
  /** Earliest start of the next job while starts are spaced. */
  let nextStartAt = 0;
  /** Handed to the engine, not yet admitted (at most one); admitted, not yet started; running. */
  let handed: Entry | undefined;
  let admitted = 0;
  let running = 0;
  let pumping = false;
  let pumpTimer: ReturnType<typeof setTimeout> | undefined;
  let pumpTimerAt = 0;
  let pumpRequested = false;

  const spacingMs = (now: number): number => Math.max(minTimeMs, adaptive ? pacer.spacingMs(now) : 0);

  function settle(entry: Entry): boolean {
    if (entry.settled) return false;
    entry.settled = true;
    pending--;
    waiting.delete(entry);
    entry.handle?.remove();
    if (entry.onAbort !== undefined) entry.signal?.removeEventListener('abort', entry.onAbort);
    entry.wake?.();
    return true;
  }

  function rejectEntry(entry: Entry, error: unknown): void {
    if (!settle(entry)) return;
    entry.reject(error);
    // A pause timer with nobody left to release would only keep the process alive.
    if (queue.size === 0 && pumpTimer !== undefined) {
      clearTimeout(pumpTimer);
      pumpTimer = undefined;
    }
  }

  /** Pumps in a microtask: coalesces bursts and never re-enters the engine from its own callbacks. */
  function requestPump(): void {
    if (pumpRequested) return;
    pumpRequested = true;
    queueMicrotask(() => {
      pumpRequested = false;
      pump();
    });
  }

  function armPumpTimer(delay: number, now: number): void {
    if (pumpTimer !== undefined && pumpTimerAt <= now + delay) return;
    clearTimeout(pumpTimer);
    pumpTimerAt = now + delay;
    pumpTimer = setTimeout(() => {
      pumpTimer = undefined;
      pump();
    }, delay);
  }

  /**
   * Calls that will have to wait: those without a slot yet, minus the slots free right now (a
   * call scheduled on an idle limiter is about to start, not queued). Free slots are only known
   * for concurrency; with no static limit and no gate closed every call starts at once.
   */
  function queuedCount(now: number): number {
    const waitingForSlot = queue.size + (handed !== undefined && !handed.settled ? 1 : 0);
    let free = 0;
    if (pausedUntil <= now && spacingMs(now) === 0) {
      if (limits.maxConcurrent !== undefined) free = Math.max(0, limits.maxConcurrent - running - admitted);
      else if (!staticLimits) free = Number.POSITIVE_INFINITY;
    }
    return waitingForSlot - free;
  }

  /** Hands queued entries to the engine while the gates are open and the engine has room. */
  function pump(): void {
    // A job started synchronously (direct engine) may schedule again: the loop below sees it.
    if (pumping) return;
    pumping = true;
    try {
      pumpLoop();
    } finally {
      pumping = false;
    }
  }

  function pumpLoop(): void {
    while (!closed && queue.size > 0) {
      const now = Date.now();
      const spacing = spacingMs(now);
      if (handed !== undefined || admitted >= (spacing > 0 ? 1 : START_BATCH)) return;
      const openAt = Math.max(pausedUntil, spacing > 0 ? nextStartAt : 0);
      if (openAt > now) {
        const head = queue.peek();
        if (head !== undefined && pausedUntil <= now) head.paced = true;
        armPumpTimer(openAt - now, now);
        return;
      }
      handOff(queue.shift() as Entry);
    }
  }

  function handOff(entry: Entry): void {
    entry.handle = undefined;
    handed = entry;
    let admittedByEngine = false;
    engine
      .submit(
        () => runEntry(entry),
        () => {
          admittedByEngine = true;
          handed = undefined;
          admitted++;
          requestPump();
        },
      )
      .catch((error: unknown) => {
        // After admission the entry settles from its own job; an engine error then (a Redis job
        // expiry, a stop) concerns the slot only.
        if (admittedByEngine) return;
        handed = undefined;
        rejectEntry(entry, closed ? closedError() : error);
        requestPump();
      });
  }

  /** Reserves the next start: not during a pause, and `spacing` after the previous start. */
  function reserveStart(now: number): number {
    const spacing = spacingMs(now);
    const at = Math.max(now, pausedUntil, spacing > 0 ? nextStartAt : 0);
    nextStartAt = at + spacing;
    return at;
  }

  /** The task the engine runs in the entry's slot. Never rejects: the entry carries the outcome. */
  async function runEntry(entry: Entry): Promise<void> {
    admitted--;
    requestPump();
    let at: number | undefined;
    for (;;) {
      if (entry.settled) return;
      const now = Date.now();
      // Keep the reservation while waiting for it; a pause that began meanwhile moves it.
      if (at === undefined || pausedUntil > now) at = reserveStart(now);
      if (at <= now) break;
      if (pausedUntil <= now) entry.paced = true;
      const delay = at - now;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        entry.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      entry.wake = undefined;
    }
    entry.started = true;
    running++;
    waiting.delete(entry);
    if (entry.onAbort !== undefined) entry.signal?.removeEventListener('abort', entry.onAbort);
    reportWait(entry);
    try {
      const value = await entry.job();
      if (settle(entry)) entry.resolve(value);
    } catch (error) {
      rejectEntry(entry, error);
    } finally {
      running--;
    }
  }

  function reportWait(entry: Entry): void {
    if (hooks.onWait === undefined) return;
    const waited = Date.now() - entry.enqueuedAt;
    if (waited < REPORT_WAIT_FROM_MS) return;
    const reason: LimiterWaitReason =
      entry.pausedOnArrival || entry.pauseEpoch !== pauseEpoch ? 'paused' : entry.paced ? 'paced' : 'queued';
    try {
      hooks.onWait(waited, reason);
    } catch {
      // An observer must not break the calls it observes.
    }
  }

  function holdUntil(until: number, now: number): void {
    if (until <= pausedUntil) return;
    pausedUntil = until;
    pauseEpoch++;
    const hold = until - now;
    if (hold > maxHoldMs) {
      for (const entry of [...waiting]) rejectEntry(entry, holdError(hold));
    }
    requestPump();
  }

  function closedError(reason?: string): LimiterRejectedError {
    return new LimiterRejectedError(
      'closed',
      reason === undefined ? 'the limiter was closed' : `the limiter was closed: ${reason}`,
    );
  }

  function holdError(hold: number): LimiterRejectedError {
    return new LimiterRejectedError(
      'hold_exceeded',
      `the rate limiter holds calls for ${Math.ceil(hold)} ms, longer than maxHoldMs (${maxHoldMs} ms)`,
      { retryAfterMs: Math.ceil(hold) },
    );
  }

  return {
    schedule<T>(job: () => Promise<T>, scheduleOptions: ScheduleOptions = {}): Promise<T> {
      const { signal } = scheduleOptions;
      const priority = Number.isNaN(scheduleOptions.priority ?? Number.NaN)
        ? DEFAULT_PRIORITY
        : (scheduleOptions.priority as number);
      if (closed) return Promise.reject(closedError());
      if (signal?.aborted) {
        return Promise.reject(
          new LimiterRejectedError('aborted', 'the call was aborted before it was queued', { cause: signal.reason }),
        );
      }
      const now = Date.now();
      if (pausedUntil - now > maxHoldMs) return Promise.reject(holdError(pausedUntil - now));
      if (queuedCount(now) >= maxQueued) {
        return Promise.reject(
          new LimiterRejectedError('queue_full', `the rate limiter queue is full (${maxQueued} calls waiting)`),
        );
      }
      return new Promise<T>((resolve, reject) => {
        const entry: Entry = {
          job,
          resolve: resolve as (value: unknown) => void,
          reject,
          signal,
          enqueuedAt: now,
          pauseEpoch,
          pausedOnArrival: pausedUntil > now,
          handle: undefined,
          onAbort: undefined,
          settled: false,
          started: false,
          paced: false,
          wake: undefined,
        };
        entry.handle = queue.push(entry, priority);
        waiting.add(entry);
        pending++;
        if (signal !== undefined) {
          entry.onAbort = () => {
            if (entry.started) return;
            rejectEntry(
              entry,
              new LimiterRejectedError('aborted', 'the call was aborted while waiting in the rate limiter', {
                cause: signal.reason,
              }),
            );
          };
          signal.addEventListener('abort', entry.onAbort, { once: true });
        }
        // Deferred: a burst of calls is sorted by priority before the first one is handed over.
        requestPump();
      });
    },

    observe(info, now = Date.now()) {
      if (!adaptive || info === undefined || closed) return;
      const resetAt = pacer.observe(info, now);
      if (resetAt !== undefined) holdUntil(resetAt, now);
      else requestPump();
    },

    pause(ms) {
      if (closed || !Number.isFinite(ms) || ms <= 0) return;
      const now = Date.now();
      holdUntil(now + ms, now);
    },

    get pending() {
      return pending;
    },

    close(reason) {
      if (closing !== undefined) return closing;
      closed = true;
      clearTimeout(pumpTimer);
      pumpTimer = undefined;
      const error = closedError(reason);
      for (const entry of [...waiting]) rejectEntry(entry, error);
      closing = engine.close();
      return closing;
    },
  };
}
