import { BucketKey, PROBE, REFUSE } from './bucket-key';
import { ConcurrencyCap } from './model/concurrency-cap';
import { FixedWindow } from './model/fixed-window';
import { type Meter, METER_FACTORY } from './model/meter';
import { MinInterval } from './model/min-interval';
import { SlidingWindow } from './model/sliding-window';
import { TokenBucket } from './model/token-bucket';
import { MAX_TIMER_MS } from '../transport/max-timer';
import { createJobQueue, type QueueHandle } from './job-queue';
import {
  abortedError,
  closedError,
  type LimiterRejectedError,
  queueFullError,
  waitRefusedError,
} from './limiter-rejected-error';
import { ownerOf, ownWindowMs, pauseMsOf, readState } from './read-response';
import type {
  AcquireOptions,
  BucketDefinition,
  LimitRequest,
  Limiter,
  LimiterHooks,
  LimiterWaitReason,
  Permit,
  ResolvedLimitOptions,
} from './types';

/** Retries use levels 0-9, new calls 10-19: any retry goes before any new call. */
const LEVELS = 20;
/** Shorter waits are not reported: they are timer granularity, not limiting. */
const REPORT_WAIT_FROM_MS = 10;
/** A key unused this long (or its window, if longer) is dropped. */
const MIN_IDLE_MS = 120_000;
const SWEEP_EVERY_MS = 30_000;
/** Probes are tracked in a bitmask per permit. */
const MAX_BUCKETS = 30;

interface Waiter {
  readonly buckets: BucketDefinition[];
  readonly keys: BucketKey<Waiter>[];
  readonly costs: number[];
  readonly level: number;
  readonly enqueuedAt: number;
  readonly deadlineAt: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (permit: Permit) => void;
  readonly reject: (error: unknown) => void;
  onAbort?: () => void;
  /** The key whose queue holds the waiter, and its place there. */
  on?: BucketKey<Waiter> | undefined;
  handle?: QueueHandle | undefined;
  /** Set by `blocker()`: the wait on the blocking key (NaN: behind others in its queue), refusal, probes. */
  wait: number;
  refused: boolean;
  probes: number;
  reason: LimiterWaitReason;
  bucketId: string;
}

/**
 * Creates a client's in-process limiter from its validated buckets: a request takes one key (per scope) of each
 * bucket whose `scope(request)` is not null. When every key has room and no one waits, the permit comes back
 * synchronously; else the call waits in the queue of the key that holds it (retries first, FIFO within a level),
 * with at most one timer per key. Nothing is taken until every key admits the call.
 *
 * @example
 * const limiter = createLimiter(githubLimits, { maxQueued: 10_000, maxHoldMs: 60_000 });
 * const got = limiter.acquire(request, { signal });
 * const permit = isPermit(got) ? got : await got;
 */
export function createLimiter(
  definitions: readonly BucketDefinition[],
  options: ResolvedLimitOptions,
  hooks: LimiterHooks = {},
): Limiter {
  if (definitions.length > MAX_BUCKETS) throw new RangeError(`a limiter takes at most ${MAX_BUCKETS} buckets`);
  const { maxQueued, maxHoldMs } = options;
  const keyMaps = definitions.map(() => new Map<string, BucketKey<Waiter>>());
  const idleMs = definitions.map((def) => Math.max(MIN_IDLE_MS, ownWindowMs(def)));
  const waiters = new Set<Waiter>();
  /** Keys whose queue head must be looked at again. */
  const dirty = new Set<BucketKey<Waiter>>();
  let pumping = false;
  let held = 0;
  let keyCount = 0;
  let sweepAt = 0;
  let closed = false;

  function acquire(request: LimitRequest, acquireOptions: AcquireOptions = {}): Permit | Promise<Permit> {
    if (closed) return Promise.reject(closedError());
    const now = Date.now();
    if (now >= sweepAt) sweep(now);
    const used: BucketDefinition[] = [];
    const keys: BucketKey<Waiter>[] = [];
    const costs: number[] = [];
    for (let b = 0; b < definitions.length; b++) {
      const bucket = definitions[b] as BucketDefinition;
      const scope = bucket.scope === undefined ? request.credentialKey : bucket.scope(request);
      if (scope === null) continue;
      const scoped = keyMaps[b] as Map<string, BucketKey<Waiter>>;
      let key = scoped.get(scope);
      if (key === undefined) {
        key = new BucketKey(createMeter(bucket));
        scoped.set(scope, key);
        keyCount++;
      }
      used.push(bucket);
      keys.push(key);
      costs.push(bucket.model === 'concurrency' ? 1 : positiveCost(bucket.cost?.(request)));
    }
    let free = true;
    let probes = 0;
    for (let i = 0; i < keys.length && free; i++) {
      const key = keys[i] as BucketKey<Waiter>;
      const verdict = key.queue === undefined ? key.check(now, costs[i] as number, maxHoldMs) : REFUSE;
      if (verdict === PROBE) probes |= 1 << i;
      else free = verdict === 0;
    }
    if (free) return grant(used, keys, costs, probes, now);
    const { signal } = acquireOptions;
    if (signal?.aborted) return Promise.reject(abortedError(signal.reason));
    return new Promise<Permit>((resolve, reject) => {
      const w: Waiter = {
        buckets: used,
        keys,
        costs,
        level: levelOf(acquireOptions),
        enqueuedAt: now,
        deadlineAt: acquireOptions.deadlineAt ?? Infinity,
        signal,
        resolve,
        reject,
        wait: 0,
        refused: false,
        probes: 0,
        reason: 'queued',
        bucketId: '',
      };
      const i = blocker(w, now);
      if (i < 0) {
        resolve(grant(used, keys, costs, w.probes, now));
        return;
      }
      if (stops(w, now)) {
        reject(refusal(w, i));
        return;
      }
      if (waiters.size >= maxQueued) {
        reject(queueFullError(maxQueued, w.bucketId));
        return;
      }
      waiters.add(w);
      // A waiting call pins every key it will take: none is swept while it waits on another.
      for (const key of keys) key.waiting++;
      if (signal !== undefined) {
        w.onAbort = () => {
          leave(w, abortedError(signal.reason));
          pump();
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      enqueue(w, keys[i] as BucketKey<Waiter>, now);
    });
  }

  function grant(
    used: BucketDefinition[],
    keys: BucketKey<Waiter>[],
    costs: number[],
    probes: number,
    now: number,
  ): Permit {
    const seqs = keys.map((key, i) => key.take(now, costs[i] as number, (probes & (1 << i)) !== 0, maxHoldMs));
    held++;
    let released = false;
    return {
      // Given back: every key settles, and the key a throttling answer belongs to pauses.
      release(response) {
        if (released) return false;
        released = true;
        held--;
        const at = Date.now();
        const owner = response?.throttle === undefined ? -1 : ownerOf(used, response);
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i] as BucketKey<Waiter>;
          const state = response === undefined ? undefined : readState(used[i] as BucketDefinition, response);
          const observed = key.settle(at, costs[i] as number, seqs[i] as number, now, state, response);
          if ((probes & (1 << i)) !== 0) {
            if (response === undefined) key.probeLost(at);
            else if (i !== owner) key.probeAnswered(at, observed);
          }
          if (key.queue !== undefined) dirty.add(key);
        }
        const throttled = owner >= 0 && response?.throttle !== undefined;
        if (throttled) {
          // Exactly the owning key pauses until the provider's time, with no backoff on top.
          const key = keys[owner] as BucketKey<Waiter>;
          const ms = pauseMsOf(used[owner] as BucketDefinition, response);
          key.meter.throttled(at, ms, now);
          key.pause(at, ms, response.throttle?.kind === 'quota_exceeded', maxHoldMs);
        }
        pump();
        return throttled;
      },
    };
  }

  /**
   * Index of the key that holds `w` back, or -1 when every key admits it now (probes marked in `w.probes`). A
   * queue holds back a call not at its head unless all in it rank lower: no overtaking within a level.
   */
  function blocker(w: Waiter, now: number): number {
    w.probes = 0;
    w.refused = false;
    for (let i = 0; i < w.keys.length; i++) {
      const key = w.keys[i] as BucketKey<Waiter>;
      // The bucket reported in `rateLimitWait` is the one that held the call last, not the last one checked.
      const head = key === w.on ? undefined : key.queue?.peek();
      const verdict =
        head !== undefined && head.level <= w.level ? NaN : key.check(now, w.costs[i] as number, maxHoldMs);
      if (verdict === PROBE) w.probes |= 1 << i;
      else if (verdict !== 0) {
        w.bucketId = (w.buckets[i] as BucketDefinition).id;
        w.wait = verdict;
        w.refused = verdict === REFUSE;
        if (verdict > 0) w.reason = key.pausedWait ? 'paused' : verdict === Infinity ? 'queued' : 'paced';
        return i;
      }
    }
    return -1;
  }

  /** Why key `i` refuses `w`: a used-up quota, a hold over `maxHoldMs`, or (not refused) a wait past the deadline. */
  function refusal(w: Waiter, i: number): LimiterRejectedError {
    const key = w.keys[i] as BucketKey<Waiter>;
    const reason = !w.refused ? 'deadline' : key.refusedQuota ? 'quota' : 'hold_exceeded';
    const retryAfterMs = Math.ceil(w.refused ? key.refusedFor : w.wait);
    return waitRefusedError(reason, w.bucketId, retryAfterMs, maxHoldMs);
  }

  function enqueue(w: Waiter, key: BucketKey<Waiter>, now: number): void {
    key.queue ??= createJobQueue<Waiter>(LEVELS);
    w.on = key;
    w.handle = key.queue.push(w, w.level);
    if (key.queue.peek() === w && !Number.isNaN(w.wait)) arm(key, w.wait, now);
  }

  /** Takes `w` out of its queue; the key is looked at again when `w` was its head. */
  function dequeue(w: Waiter): void {
    const key = w.on;
    if (key === undefined || key.queue === undefined) return;
    const wasHead = key.queue.peek() === w;
    w.handle?.remove();
    w.on = undefined;
    w.handle = undefined;
    if (key.queue.size === 0) {
      key.queue = undefined;
      clearTimeout(key.timer);
      key.timer = undefined;
    } else if (wasHead) {
      dirty.add(key);
    }
  }

  /** `w` stops waiting (granted, or dropped with `error`): out of its queue, its keys unpinned. */
  function leave(w: Waiter, error?: unknown): void {
    if (!waiters.delete(w)) return;
    dequeue(w);
    for (const key of w.keys) key.waiting--;
    if (w.onAbort !== undefined) w.signal?.removeEventListener('abort', w.onAbort);
    if (error !== undefined) w.reject(error);
  }

  function arm(key: BucketKey<Waiter>, wait: number, now: number): void {
    if (wait === Infinity) return;
    const at = now + Math.max(1, Math.ceil(wait));
    if (key.timer !== undefined && key.timerAt <= at) return;
    clearTimeout(key.timer);
    key.timerAt = at;
    // Capped: a longer timer fires at once (Node's overflow rule); an early wake finds the wait unmet and re-arms.
    key.timer = setTimeout(
      () => {
        key.timer = undefined;
        dirty.add(key);
        pump();
      },
      Math.min(at - now, MAX_TIMER_MS),
    );
  }

  /** Looks at the head of every dirty key until nothing moves. */
  function pump(): void {
    if (pumping || closed) return;
    pumping = true;
    try {
      while (dirty.size > 0) {
        const now = Date.now();
        for (const key of dirty) {
          dirty.delete(key);
          drain(key, now);
        }
      }
    } finally {
      pumping = false;
    }
  }

  function drain(key: BucketKey<Waiter>, now: number): void {
    for (let head = key.queue?.peek(); head !== undefined; head = key.queue?.peek()) {
      const i = blocker(head, now);
      // A pause set while it waited (a throttling answer) can end past its deadline too: it fails now, not then.
      const stop = i >= 0 && stops(head, now);
      if (i >= 0 && !stop && head.keys[i] === key) {
        arm(key, head.wait, now);
        return;
      }
      if (i < 0) {
        leave(head);
        const permit = grant(head.buckets, head.keys, head.costs, head.probes, now);
        const waited = now - head.enqueuedAt;
        try {
          if (waited >= REPORT_WAIT_FROM_MS) hooks.onWait?.(waited, head.reason, head.bucketId);
        } catch {
          // An observer must not break the calls it observes.
        }
        head.resolve(permit);
      } else if (stop) {
        leave(head, refusal(head, i));
      } else {
        dequeue(head);
        enqueue(head, head.keys[i] as BucketKey<Waiter>, now);
      }
    }
  }

  /** Drops keys unused for max(window, 2 min) that hold nothing a fresh key would not. */
  function sweep(now: number): void {
    sweepAt = now + SWEEP_EVERY_MS;
    for (let b = 0; b < keyMaps.length; b++) {
      const scoped = keyMaps[b] as Map<string, BucketKey<Waiter>>;
      for (const [scope, key] of scoped) {
        if (key.idle(now, idleMs[b] as number)) {
          scoped.delete(scope);
          keyCount--;
        }
      }
    }
  }

  return {
    acquire,
    get pending() {
      return waiters.size + held;
    },
    get keys() {
      return keyCount;
    },
    /** Again: nothing waits any more (acquire refuses once closed) and no timer is left, so it does nothing. */
    close(reason) {
      closed = true;
      const error = closedError(reason);
      // Each key's timer goes with the last waiter of its queue (dequeue()).
      for (const w of [...waiters]) leave(w, error);
      return Promise.resolve();
    },
  };
}

/**
 * Whether `w`, held back by `blocker()`, fails instead of waiting: refused, or its known wait ends at or past its
 * deadline (no attempt could follow it).
 * A wait of unknown length (NaN: behind other waiters; Infinity: a concurrency cap) is ended by the signal.
 */
function stops(w: Waiter, now: number): boolean {
  return w.refused || (w.wait < Infinity && now + w.wait >= w.deadlineAt);
}

/** A waiter's queue level: retries 0-9 before new calls 10-19, each by its priority (default 5, clamped to 0-9). */
export function levelOf(options: AcquireOptions): number {
  return (options.retry === true ? 0 : 10) + Math.min(9, Math.max(0, Math.trunc(options.priority ?? 5) || 0));
}

/** A bucket's cost of a call: 1 unless it is a finite number >= 0. */
export function positiveCost(cost: number | undefined): number {
  return cost !== undefined && Number.isFinite(cost) && cost >= 0 ? cost : 1;
}

/**
 * A fresh meter for one key of a validated `bucket`.
 *
 * @example
 * createMeter({ id: 'global', model: 'token-bucket', ratePerSec: 100, burst: 100, source });
 */
export function createMeter(bucket: BucketDefinition): Meter {
  const { limit = 0, windowMs = 0 } = bucket;
  switch (bucket.model) {
    case 'fixed-window':
    case 'quota':
      return new FixedWindow(limit, windowMs, bucket.slowStart === true, bucket.model === 'quota');
    case 'sliding-window': {
      // No declared limit: the bucket's own meter learns it (undisclosedWindow()).
      const make = (bucket as { [METER_FACTORY]?: (bucket: BucketDefinition) => Meter })[METER_FACTORY];
      return bucket.limit === undefined && make !== undefined ? make(bucket) : new SlidingWindow(limit, windowMs);
    }
    case 'token-bucket':
    case 'cost-bucket': {
      const burst = bucket.burst ?? limit;
      const rate = bucket.ratePerSec ?? (limit * 1_000) / windowMs;
      return new TokenBucket(rate, burst, bucket.model === 'cost-bucket');
    }
    case 'concurrency':
      return new ConcurrencyCap(bucket.maxInFlight ?? 1);
    case 'min-interval':
      return new MinInterval(bucket.intervalMs ?? 0);
  }
}
