import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLimiter } from '../../src/limit/create-limiter';
import { isLimiterRejectedError, LimiterRejectedError } from '../../src/limit/limiter-rejected-error';
import type { Limiter } from '../../src/limit/types';
import { background, deferred, settleFakeTime, track, type Deferred } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Jobs that log their start and wait until the test releases them. */
function gatedJobs() {
  const log: string[] = [];
  const gates = new Map<string, Deferred<void>>();
  let running = 0;
  let maxRunning = 0;
  const job = (name: string) => async () => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    log.push(`start ${name} @${Date.now()}`);
    const gate = deferred();
    gates.set(name, gate);
    await gate.promise;
    running--;
    return name;
  };
  const release = (name: string) => {
    const gate = gates.get(name);
    if (gate === undefined) throw new Error(`${name} has not started`);
    gate.resolve();
  };
  return {
    log,
    job,
    release,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
  };
}

describe('createLimiter options', () => {
  it('returns undefined when there is nothing to limit', () => {
    expect(createLimiter(false)).toBeUndefined();
    expect(createLimiter(undefined)).toBeUndefined();
    expect(createLimiter({ adaptive: false })).toBeUndefined();
    expect(createLimiter({ adaptive: false, maxConcurrent: null, minTimeMs: 0, reservoir: null })).toBeUndefined();
  });

  it('builds a limiter for adaptive-only or static limits', async () => {
    const adaptive = createLimiter({});
    const bounded = createLimiter({ maxConcurrent: 1, adaptive: false });
    expect(adaptive).toBeDefined();
    expect(bounded).toBeDefined();
    await adaptive?.close();
    await bounded?.close();
  });

  it('refuses limits that would stall every call', () => {
    expect(() => createLimiter({ maxConcurrent: 0 })).toThrow(RangeError);
    expect(() => createLimiter({ maxConcurrent: 1.5 })).toThrow(/positive integer/);
    expect(() => createLimiter({ reservoir: { size: 5, refreshIntervalMs: 0 } })).toThrow(/refreshIntervalMs/);
    expect(() => createLimiter({ minTimeMs: Number.NaN })).toThrow(/minTimeMs/);
    expect(() => createLimiter({ maxQueued: -1 })).toThrow(/maxQueued/);
  });
});

describe('Limiter.schedule', () => {
  let limiter: Limiter;
  afterEach(async () => {
    await limiter.close();
  });

  it('never runs more than maxConcurrent jobs at once and runs them all', async () => {
    limiter = createLimiter({ maxConcurrent: 2 }) as Limiter;
    const jobs = gatedJobs();
    const results = Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => limiter.schedule(jobs.job(name))));
    await settleFakeTime();
    expect(jobs.log).toEqual(['start a @0', 'start b @0']);
    expect(limiter.pending).toBe(5);
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      jobs.release(name);
      await settleFakeTime();
    }
    await expect(results).resolves.toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(jobs.maxRunning).toBe(2);
    expect(limiter.pending).toBe(0);
  });

  it('passes the job result and the very same error through', async () => {
    limiter = createLimiter({ maxConcurrent: 1 }) as Limiter;
    const boom = new TypeError('provider said no');
    const ok = limiter.schedule(async () => 42);
    const failed = expect(limiter.schedule(() => Promise.reject(boom))).rejects.toBe(boom);
    await vi.advanceTimersByTimeAsync(10);
    await expect(ok).resolves.toBe(42);
    await failed;
  });

  it('starts waiting calls by priority, then by arrival', async () => {
    limiter = createLimiter({ maxConcurrent: 1 }) as Limiter;
    const jobs = gatedJobs();
    background(limiter.schedule(jobs.job('first')));
    await settleFakeTime();
    background(limiter.schedule(jobs.job('low-1'), { priority: 9 }));
    background(limiter.schedule(jobs.job('normal')));
    background(limiter.schedule(jobs.job('urgent'), { priority: 0 }));
    background(limiter.schedule(jobs.job('low-2'), { priority: 9 }));
    // A priority that is not a number counts as the default.
    background(limiter.schedule(jobs.job('nan'), { priority: Number.NaN }));
    for (const name of ['first', 'urgent', 'normal', 'nan', 'low-1', 'low-2']) {
      await settleFakeTime();
      jobs.release(name);
    }
    await settleFakeTime();
    expect(jobs.log.map((line) => line.split(' ')[1])).toEqual(['first', 'urgent', 'normal', 'nan', 'low-1', 'low-2']);
  });

  it('rejects a call past the queue bound at once, without running it (FAULTS 27)', async () => {
    limiter = createLimiter({ maxConcurrent: 1, maxQueued: 2 }) as Limiter;
    const jobs = gatedJobs();
    const accepted = [track(limiter.schedule(jobs.job('a')))];
    await settleFakeTime();
    accepted.push(...['b', 'c'].map((name) => track(limiter.schedule(jobs.job(name)))));
    await settleFakeTime();
    const overflow = jobs.job('overflow');
    const refused = limiter.schedule(overflow);
    await expect(refused).rejects.toMatchObject({ name: 'LimiterRejectedError', reason: 'queue_full' });
    expect(accepted.map((call) => call.state)).toEqual(['pending', 'pending', 'pending']);
    expect(limiter.pending).toBe(3);
    jobs.release('a');
    await settleFakeTime();
    // b started: room for one more.
    const next = track(limiter.schedule(jobs.job('d')));
    await settleFakeTime();
    expect(next.state).toBe('pending');
    await expect(limiter.schedule(jobs.job('overflow-2'))).rejects.toMatchObject({ reason: 'queue_full' });
    expect(jobs.log.map((line) => line.split(' ')[1])).toEqual(['a', 'b']);
  });

  it('counts only calls that must wait: a call about to take a free slot is not queued', async () => {
    limiter = createLimiter({ maxConcurrent: 1, maxQueued: 1 }) as Limiter;
    const jobs = gatedJobs();
    const first = track(limiter.schedule(jobs.job('first')));
    const second = track(limiter.schedule(jobs.job('second')));
    await expect(limiter.schedule(jobs.job('third'))).rejects.toMatchObject({ reason: 'queue_full' });
    await settleFakeTime();
    expect([first.state, second.state]).toEqual(['pending', 'pending']);
    expect(jobs.log).toEqual(['start first @0']);
  });

  it('runs a burst larger than maxQueued when nothing holds it, and bounds calls a pause holds', async () => {
    limiter = createLimiter({ maxQueued: 2 }) as Limiter;
    const burst = Array.from({ length: 5 }, (_, i) => limiter.schedule(async () => i));
    await expect(Promise.all(burst)).resolves.toEqual([0, 1, 2, 3, 4]);
    limiter.pause(1_000);
    const held = [track(limiter.schedule(async () => 'a')), track(limiter.schedule(async () => 'b'))];
    await expect(limiter.schedule(async () => 'c')).rejects.toMatchObject({ reason: 'queue_full' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(held.map((call) => call.value)).toEqual(['a', 'b']);
  });

  it('rejects an aborted queued call at once and frees its queue slot (FAULTS 13)', async () => {
    limiter = createLimiter({ maxConcurrent: 1, maxQueued: 1 }) as Limiter;
    const jobs = gatedJobs();
    background(limiter.schedule(jobs.job('running')));
    await settleFakeTime();
    const controller = new AbortController();
    const queued = limiter.schedule(jobs.job('queued'), { signal: controller.signal });
    const reason = new Error('user navigated away');
    controller.abort(reason);
    const error = await queued.catch((thrown: unknown) => thrown);
    expect(isLimiterRejectedError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'aborted', cause: reason });
    expect(limiter.pending).toBe(1);
    // The slot is free: the bound of 1 admits a new call.
    const replacement = track(limiter.schedule(jobs.job('replacement')));
    await settleFakeTime();
    expect(replacement.state).toBe('pending');
    jobs.release('running');
    await settleFakeTime();
    expect(jobs.log.map((line) => line.split(' ')[1])).toEqual(['running', 'replacement']);
  });

  it('also rejects at once a call already handed to bottleneck, which then never runs it', async () => {
    limiter = createLimiter({ maxConcurrent: 1, maxQueued: 1 }) as Limiter;
    const jobs = gatedJobs();
    background(limiter.schedule(jobs.job('running')));
    await settleFakeTime();
    const controller = new AbortController();
    const handed = limiter.schedule(jobs.job('handed'), { signal: controller.signal });
    // Now waiting inside bottleneck's queue for the only slot.
    await settleFakeTime();
    controller.abort();
    await expect(handed).rejects.toMatchObject({ reason: 'aborted' });
    const replacement = track(limiter.schedule(jobs.job('replacement')));
    jobs.release('running');
    await vi.advanceTimersByTimeAsync(5);
    expect(replacement.state).toBe('pending');
    expect(jobs.log.map((line) => line.split(' ')[1])).toEqual(['running', 'replacement']);
  });

  it('rejects a call whose signal already fired, and leaves running calls to their own signal', async () => {
    limiter = createLimiter({ maxConcurrent: 1 }) as Limiter;
    await expect(limiter.schedule(async () => 1, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      reason: 'aborted',
    });
    const controller = new AbortController();
    const jobs = gatedJobs();
    const running = limiter.schedule(jobs.job('a'), { signal: controller.signal });
    await settleFakeTime();
    controller.abort();
    jobs.release('a');
    await expect(running).resolves.toBe('a');
  });

  it('reports how long and why a call waited', async () => {
    const waits: string[] = [];
    limiter = createLimiter({ maxConcurrent: 1 }, { onWait: (ms, reason) => waits.push(`${reason} ${ms}`) }) as Limiter;
    const jobs = gatedJobs();
    background(limiter.schedule(jobs.job('a')));
    background(limiter.schedule(jobs.job('b')));
    await vi.advanceTimersByTimeAsync(250);
    jobs.release('a');
    await settleFakeTime();
    limiter.pause(1_000);
    background(limiter.schedule(jobs.job('c')));
    jobs.release('b');
    // The pause ends at 1250; bottleneck starts an admitted job on its next timer tick (1 ms).
    await vi.advanceTimersByTimeAsync(1_001);
    expect(jobs.log).toEqual(['start a @0', 'start b @250', 'start c @1251']);
    expect(waits).toEqual(['queued 250', 'paused 1001']);
  });
});

describe('the onWait hook', () => {
  it('reports spacing as paced, and stays quiet below 10 ms (the order of a start tick)', async () => {
    for (const [minTimeMs, expected] of [
      [5, []],
      [50, ['paced 51']],
    ] as const) {
      const waits: string[] = [];
      const limiter = createLimiter(
        { minTimeMs },
        { onWait: (ms, reason) => waits.push(`${reason} ${ms}`) },
      ) as Limiter;
      const jobs = gatedJobs();
      background(limiter.schedule(jobs.job('a')));
      background(limiter.schedule(jobs.job('b')));
      // The spacing, then bottleneck's start tick.
      await vi.advanceTimersByTimeAsync(minTimeMs + 1);
      expect(jobs.log).toEqual(['start a @0', `start b @${minTimeMs + 1}`]);
      expect(waits).toEqual(expected);
      await limiter.close();
      vi.setSystemTime(0);
    }
  });
});

describe('Limiter.close (FAULTS 28)', () => {
  it('rejects waiting calls, refuses new ones and lets running calls finish', async () => {
    const limiter = createLimiter({ maxConcurrent: 1, reservoir: { size: 10, refreshIntervalMs: 1_000 } }) as Limiter;
    const jobs = gatedJobs();
    const running = limiter.schedule(jobs.job('running'));
    const waiting = [
      limiter.schedule(jobs.job('w1')),
      limiter.schedule(jobs.job('w2'), { signal: new AbortController().signal }),
    ];
    await settleFakeTime();
    await limiter.close('client closed');
    for (const call of waiting) {
      const error = await call.catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(LimiterRejectedError);
      expect(error).toMatchObject({ reason: 'closed', message: 'the limiter was closed: client closed' });
    }
    await expect(limiter.schedule(async () => 'late')).rejects.toMatchObject({ reason: 'closed' });
    jobs.release('running');
    await expect(running).resolves.toBe('running');
    expect(limiter.pending).toBe(0);
    expect(jobs.log).toEqual(['start running @0']);
    // No timer of the limiter or of bottleneck is left behind.
    expect(vi.getTimerCount()).toBe(0);
    await expect(limiter.close()).resolves.toBeUndefined();
  });

  it('drops the pause timer once no call is left waiting for it', async () => {
    const limiter = createLimiter({}) as Limiter;
    limiter.pause(30_000);
    const controller = new AbortController();
    const held = limiter.schedule(async () => 'never', { signal: controller.signal });
    await settleFakeTime();
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(held).rejects.toMatchObject({ reason: 'aborted' });
    expect(vi.getTimerCount()).toBe(0);
    await limiter.close();
  });

  it('clears a pause timer and an adaptive hold', async () => {
    const limiter = createLimiter({ maxConcurrent: 2 }) as Limiter;
    limiter.pause(30_000);
    const held = limiter.schedule(async () => 'never');
    await settleFakeTime();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await limiter.close();
    await expect(held).rejects.toMatchObject({ reason: 'closed' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
