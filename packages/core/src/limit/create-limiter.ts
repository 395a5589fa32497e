import { BucketKey, PROBE, REFUSE } from './bucket-key';
import { MAX_TIMER_MS } from '../transport/max-timer';
import { createMeter } from './create-meter';
import { createJobQueue, type QueueHandle } from './job-queue';
import {
  abortedError,
  closedError,
  type LimiterRejectedError,
  queueFullError,
  waitRefusedError,
} from './limiter-rejected-error';
import { finite, ownerOf, pauseMsOf, readState } from './read-response';
import type {
  AcquireOptions,
  BucketDefinition,
  BucketState,
  LimitRequest,
  LimitResponse,
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

interface Bucket {
  readonly def: BucketDefinition;
  readonly keys: Map<string, BucketKey<Waiter>>;
  readonly idleMs: number;
  readonly quota: boolean;
  readonly concurrency: boolean;
}

interface Waiter {
  readonly buckets: Bucket[];
  readonly keys: BucketKey<Waiter>[];
  readonly costs: number[];
  readonly level: number;
  readonly enqueuedAt: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (permit: Permit) => void;
  readonly reject: (error: unknown) => void;
  onAbort: (() => void) | undefined;
  /** The key whose queue holds the waiter, and its place there. */
  on: BucketKey<Waiter> | undefined;
  handle: QueueHandle | undefined;
  /** Set by `blocker()`: the wait on the blocking key (NaN: behind others in its queue), refusal, probes. */
  wait: number;
  refused: boolean;
  probes: number;
  reason: LimiterWaitReason;
  bucketId: string;
}

/**
 * Creates the in-process rate limiter of one client from its (validated) buckets. Every request takes each bucket
 * whose `scope(request)` is not null, one key per scope.
 *
 * Fast path: when every key has room and nobody waits on it, the permit is accounted and returned
 * synchronously: no promise, no timer. Slow path: the call waits in the queue of the key that holds
 * it (priority levels, retries first, FIFO within a level), at most one timer per key, set for the
 * moment that key frees. Concurrency buckets are checked last and nothing is taken until every key
 * admits the call, so no slot is held while waiting for tokens.
 *
 * @example
 * const limiter = createLimiter(githubLimits, { maxQueued: 10_000, maxHoldMs: 60_000 });
 * const got = limiter.acquire(request, { signal });
 * const permit = isPermit(got) ? got : await got;
 */
export function createLimiter(
  buckets: readonly BucketDefinition[],
  options: ResolvedLimitOptions,
  hooks: LimiterHooks = {},
): Limiter {
  if (buckets.length > MAX_BUCKETS) throw new RangeError(`a limiter takes at most ${MAX_BUCKETS} buckets`);
  return new LocalLimiter(buckets, options, hooks);
}

class LocalPermit implements Permit {
  private released = false;

  constructor(
    private readonly limiter: LocalLimiter,
    readonly buckets: Bucket[],
    readonly keys: BucketKey<Waiter>[],
    readonly costs: number[],
    readonly seqs: number[],
    readonly probes: number,
    readonly takenAt: number,
  ) {}

  release(response: LimitResponse | undefined): boolean {
    if (this.released) return false;
    this.released = true;
    return this.limiter.release(this, response);
  }
}

class LocalLimiter implements Limiter {
  private readonly buckets: Bucket[];
  private readonly maxQueued: number;
  private readonly maxHoldMs: number;
  private readonly waiters = new Set<Waiter>();
  /** Keys whose queue head must be looked at again. */
  private readonly dirty = new Set<BucketKey<Waiter>>();
  private pumping = false;
  private held = 0;
  private keyCount = 0;
  private sweepAt = 0;
  private closed = false;

  constructor(
    definitions: readonly BucketDefinition[],
    options: ResolvedLimitOptions,
    private readonly hooks: LimiterHooks,
  ) {
    this.maxQueued = options.maxQueued;
    this.maxHoldMs = options.maxHoldMs;
    this.buckets = definitions.map(
      (def): Bucket => ({
        def,
        keys: new Map(),
        idleMs: Math.max(
          MIN_IDLE_MS,
          def.windowMs ?? 0,
          def.intervalMs ?? 0,
          def.ratePerSec !== undefined && def.burst !== undefined ? (def.burst / def.ratePerSec) * 1_000 : 0,
        ),
        quota: def.model === 'quota',
        concurrency: def.model === 'concurrency',
      }),
    );
  }

  get pending(): number {
    return this.waiters.size + this.held;
  }

  get keys(): number {
    return this.keyCount;
  }

  acquire(request: LimitRequest, options: AcquireOptions = {}): Permit | Promise<Permit> {
    if (this.closed) return Promise.reject(closedError());
    const now = Date.now();
    if (now >= this.sweepAt) this.sweep(now);
    const used: Bucket[] = [];
    const keys: BucketKey<Waiter>[] = [];
    const costs: number[] = [];
    for (const bucket of this.buckets) {
      const scope = bucket.def.scope === undefined ? request.credentialKey : bucket.def.scope(request);
      if (scope === null) continue;
      let key = bucket.keys.get(scope);
      if (key === undefined) {
        key = new BucketKey(createMeter(bucket.def), bucket.quota);
        bucket.keys.set(scope, key);
        this.keyCount++;
      }
      used.push(bucket);
      keys.push(key);
      costs.push(bucket.concurrency ? 1 : positiveCost(bucket.def.cost?.(request)));
    }
    let free = true;
    let probes = 0;
    for (let i = 0; i < keys.length && free; i++) {
      const key = keys[i] as BucketKey<Waiter>;
      const verdict = key.queue === undefined ? key.check(now, costs[i] as number, this.maxHoldMs) : REFUSE;
      if (verdict === PROBE) probes |= 1 << i;
      else free = verdict === 0;
    }
    if (free) return this.grant(used, keys, costs, probes, now);
    return this.wait(used, keys, costs, options, now);
  }

  private grant(buckets: Bucket[], keys: BucketKey<Waiter>[], costs: number[], probes: number, now: number): Permit {
    const seqs = new Array<number>(keys.length);
    for (let i = 0; i < keys.length; i++) {
      seqs[i] = (keys[i] as BucketKey<Waiter>).take(now, costs[i] as number, (probes & (1 << i)) !== 0, this.maxHoldMs);
    }
    this.held++;
    return new LocalPermit(this, buckets, keys, costs, seqs, probes, now);
  }

  private wait(
    buckets: Bucket[],
    keys: BucketKey<Waiter>[],
    costs: number[],
    options: AcquireOptions,
    now: number,
  ): Promise<Permit> {
    const { signal } = options;
    if (signal?.aborted) {
      return Promise.reject(abortedError(signal.reason));
    }
    return new Promise<Permit>((resolve, reject) => {
      const w: Waiter = {
        buckets,
        keys,
        costs,
        level: levelOf(options),
        enqueuedAt: now,
        signal,
        resolve,
        reject,
        onAbort: undefined,
        on: undefined,
        handle: undefined,
        wait: 0,
        refused: false,
        probes: 0,
        reason: 'queued',
        bucketId: '',
      };
      const i = this.blocker(w, now);
      if (i < 0) {
        resolve(this.grant(buckets, keys, costs, w.probes, now));
        return;
      }
      // A wait of unknown length (NaN: behind other waiters; Infinity: a concurrency cap) is ended by the signal.
      if (w.refused || (Number.isFinite(w.wait) && now + w.wait > (options.deadlineAt ?? Infinity))) {
        reject(this.refusal(w, i));
        return;
      }
      if (this.waiters.size >= this.maxQueued) {
        reject(queueFullError(this.maxQueued, w.bucketId));
        return;
      }
      this.waiters.add(w);
      // A waiting call pins every key it will take: none is swept while it waits on another.
      for (const key of keys) key.waiting++;
      if (signal !== undefined) {
        w.onAbort = () => {
          this.drop(w, abortedError(signal.reason));
          this.pump();
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.enqueue(w, keys[i] as BucketKey<Waiter>, now);
    });
  }

  /**
   * Index of the key that holds `w` back, or -1 when every key admits it now (probes marked in
   * `w.probes`). A key's queue holds back a call that is not already at its head, unless everyone
   * in it has a lower priority: no overtaking within a level, and a move between queues never
   * puts a call at a head it did not earn.
   */
  private blocker(w: Waiter, now: number): number {
    w.probes = 0;
    w.refused = false;
    for (let i = 0; i < w.keys.length; i++) {
      const key = w.keys[i] as BucketKey<Waiter>;
      // The bucket reported in `rateLimitWait` is the one that held the call last, not the last one checked.
      const id = (w.buckets[i] as Bucket).def.id;
      if (key !== w.on) {
        const head = key.queue?.peek();
        if (head !== undefined && head.level <= w.level) {
          w.wait = NaN;
          w.bucketId = id;
          return i;
        }
      }
      const verdict = key.check(now, w.costs[i] as number, this.maxHoldMs);
      if (verdict === 0) continue;
      if (verdict === PROBE) {
        w.probes |= 1 << i;
        continue;
      }
      if (verdict === REFUSE) {
        w.refused = true;
        w.bucketId = id;
        return i;
      }
      w.bucketId = id;
      w.wait = verdict;
      w.reason = key.pausedWait ? 'paused' : verdict === Infinity ? 'queued' : 'paced';
      return i;
    }
    return -1;
  }

  /** Why key `i` refuses `w`: a used-up quota, a hold longer than `maxHoldMs`, or (not refused) a wait past the deadline. */
  private refusal(w: Waiter, i: number): LimiterRejectedError {
    const key = w.keys[i] as BucketKey<Waiter>;
    const reason = !w.refused ? 'deadline' : key.refusedQuota ? 'quota' : 'hold_exceeded';
    const retryAfterMs = Math.ceil(w.refused ? key.refusedFor : w.wait);
    return waitRefusedError(reason, (w.buckets[i] as Bucket).def.id, retryAfterMs, this.maxHoldMs);
  }

  private enqueue(w: Waiter, key: BucketKey<Waiter>, now: number): void {
    key.queue ??= createJobQueue<Waiter>(LEVELS);
    w.on = key;
    w.handle = key.queue.push(w, w.level);
    if (key.queue.peek() === w && !Number.isNaN(w.wait)) this.arm(key, w.wait, now);
  }

  /** Takes `w` out of its queue; the key is looked at again when `w` was its head. */
  private dequeue(w: Waiter): void {
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
      this.dirty.add(key);
    }
  }

  /** Settles a waiting call with an error. */
  private drop(w: Waiter, error: unknown): void {
    if (!this.leave(w)) return;
    w.reject(error);
  }

  /** `w` stops waiting (granted or dropped): out of its queue, its keys unpinned. */
  private leave(w: Waiter): boolean {
    if (!this.waiters.delete(w)) return false;
    this.dequeue(w);
    for (const key of w.keys) key.waiting--;
    if (w.onAbort !== undefined) w.signal?.removeEventListener('abort', w.onAbort);
    return true;
  }

  private arm(key: BucketKey<Waiter>, wait: number, now: number): void {
    if (wait === Infinity) return;
    const at = now + Math.max(1, Math.ceil(wait));
    if (key.timer !== undefined && key.timerAt <= at) return;
    clearTimeout(key.timer);
    key.timerAt = at;
    // Capped: a longer timer fires at once (Node's overflow rule); an early wake finds the wait unmet and re-arms.
    key.timer = setTimeout(
      () => {
        key.timer = undefined;
        this.dirty.add(key);
        this.pump();
      },
      Math.min(at - now, MAX_TIMER_MS),
    );
  }

  /** Looks at the head of every dirty key until nothing moves. */
  private pump(): void {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      while (this.dirty.size > 0) {
        const now = Date.now();
        for (const key of this.dirty) {
          this.dirty.delete(key);
          this.drain(key, now);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private drain(key: BucketKey<Waiter>, now: number): void {
    for (let head = key.queue?.peek(); head !== undefined; head = key.queue?.peek()) {
      const i = this.blocker(head, now);
      if (i >= 0 && !head.refused && head.keys[i] === key) {
        this.arm(key, head.wait, now);
        return;
      }
      if (i < 0) {
        this.leave(head);
        const permit = this.grant(head.buckets, head.keys, head.costs, head.probes, now);
        this.report(head, now);
        head.resolve(permit);
      } else if (head.refused) {
        this.drop(head, this.refusal(head, i));
      } else {
        this.dequeue(head);
        this.enqueue(head, head.keys[i] as BucketKey<Waiter>, now);
      }
    }
  }

  private report(w: Waiter, now: number): void {
    const waited = now - w.enqueuedAt;
    if (this.hooks.onWait === undefined || waited < REPORT_WAIT_FROM_MS) return;
    try {
      this.hooks.onWait(waited, w.reason, w.bucketId);
    } catch {
      // An observer must not break the calls it observes.
    }
  }

  release(permit: LocalPermit, response: LimitResponse | undefined): boolean {
    this.held--;
    const now = Date.now();
    const owner =
      response?.throttle === undefined
        ? -1
        : ownerOf(
            permit.buckets.map((b) => b.def),
            response,
          );
    for (let i = 0; i < permit.keys.length; i++) {
      const key = permit.keys[i] as BucketKey<Waiter>;
      const bucket = permit.buckets[i] as Bucket;
      key.held--;
      const state = response === undefined ? undefined : readState(bucket.def, response);
      // Settled first: a state the response carries already includes this call's settled cost, and overrides it.
      key.meter.done(now, permit.costs[i] as number, finite(state?.cost), permit.takenAt);
      const observed =
        state !== undefined && response !== undefined && this.observe(key, permit, i, state, response, now);
      if ((permit.probes & (1 << i)) !== 0) {
        if (response === undefined) key.probeLost(now);
        else if (i !== owner) key.probeAnswered(now, observed);
      }
      if (key.queue !== undefined) this.dirty.add(key);
    }
    const held = owner >= 0 && response?.throttle !== undefined;
    if (held) this.throttle(permit, owner, response, now);
    this.pump();
    return held;
  }

  /** Folds server state into the key's meter; true when it said something about remaining or reset. */
  private observe(
    key: BucketKey<Waiter>,
    permit: LocalPermit,
    i: number,
    state: BucketState,
    response: LimitResponse,
    now: number,
  ): boolean {
    const seq = permit.seqs[i] as number;
    // Units this process started after this request: the server may not have counted them yet.
    const startedAfter = key.started - seq - (permit.costs[i] as number);
    const fresh = seq >= key.observedSeq;
    if (fresh) key.observedSeq = seq;
    const remaining = finite(state.remaining);
    const resetAt = finite(state.resetAt);
    key.meter.observe(now, {
      remaining,
      startedAfter,
      units: permit.costs[i] as number,
      limit: finite(state.limit),
      resetAt: resetAt === undefined ? undefined : now + (resetAt - response.now),
      fresh,
    });
    return remaining !== undefined || resetAt !== undefined;
  }

  /**
   * Pauses exactly the owning key until the provider's time; no backoff added on top. A quota bucket's pause is
   * a quota's (calls fail fast until the reset) even when the adapter classified the answer `rate_limited`.
   */
  private throttle(permit: LocalPermit, owner: number, response: LimitResponse, now: number): void {
    const key = permit.keys[owner] as BucketKey<Waiter>;
    const bucket = permit.buckets[owner] as Bucket;
    const ms = pauseMsOf(bucket.def, response);
    key.meter.throttled(now, ms, permit.takenAt);
    key.pause(now, ms, bucket.quota || response.throttle?.kind === 'quota_exceeded', this.maxHoldMs);
    if (key.queue !== undefined) this.dirty.add(key);
  }

  /** Drops keys unused for max(window, 2 min) that hold nothing a fresh key would not. */
  private sweep(now: number): void {
    this.sweepAt = now + SWEEP_EVERY_MS;
    for (const bucket of this.buckets) {
      for (const [scope, key] of bucket.keys) {
        if (key.idle(now, bucket.idleMs)) {
          bucket.keys.delete(scope);
          this.keyCount--;
        }
      }
    }
  }

  /** Again: nothing waits any more (acquire refuses once closed) and no timer is left, so it does nothing. */
  close(reason?: string): Promise<void> {
    this.closed = true;
    const error = closedError(reason);
    for (const w of [...this.waiters]) this.drop(w, error);
    for (const bucket of this.buckets) {
      for (const key of bucket.keys.values()) {
        clearTimeout(key.timer);
        key.timer = undefined;
      }
    }
    return Promise.resolve();
  }
}

/** A waiter's queue level: retries 0-9 before new calls 10-19, each by its priority (default 5, clamped to 0-9). */
export function levelOf(options: AcquireOptions): number {
  return (options.retry === true ? 0 : 10) + Math.min(9, Math.max(0, Math.trunc(options.priority ?? 5) || 0));
}

/** A bucket's cost of a call: 1 unless it is a finite number >= 0. */
export function positiveCost(cost: number | undefined): number {
  return cost !== undefined && Number.isFinite(cost) && cost >= 0 ? cost : 1;
}
