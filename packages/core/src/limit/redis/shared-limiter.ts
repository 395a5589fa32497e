import { randomUUID } from 'node:crypto';
import { MAX_TIMER_MS } from '../../transport/max-timer';
import { createLimiter, levelOf, positiveCost } from '../create-limiter';
import { createJobQueue, type JobQueue, type QueueHandle } from '../job-queue';
import {
  abortedError,
  closedError,
  LimiterRejectedError,
  queueFullError,
  waitRefusedError,
} from '../limiter-rejected-error';
import { resetGuardMs } from '../model/meter';
import { finite, ownerOf, pauseMsOf, readState } from '../read-response';
import type {
  AcquireOptions,
  BucketDefinition,
  LimitRequest,
  LimitResponse,
  Limiter,
  LimiterHooks,
  Permit,
  ResolvedLimitOptions,
} from '../types';
import { RedisLink } from './redis-link';
import { within } from './within';
import type { RedisLimiterOptions } from './redis-limiter-options';

const DEFAULT_JOB_EXPIRATION_MS = 60_000;
/** How often a call waiting for a slot another process holds asks again (no pub/sub needed). */
const POLL_MS = 25;
const MIN_IDLE_MS = 120_000;
const LEVELS = 20;
const REPORT_WAIT_FROM_MS = 10;
const MODEL_LETTER: Record<BucketDefinition['model'], string> = {
  'fixed-window': 'f',
  quota: 'q',
  'sliding-window': 's',
  'token-bucket': 't',
  'cost-bucket': 'c',
  concurrency: 'n',
  'min-interval': 'i',
};

interface Waiter {
  readonly request: LimitRequest;
  readonly options: AcquireOptions;
  readonly buckets: BucketDefinition[];
  readonly names: string[];
  readonly costs: number[];
  readonly level: number;
  readonly enqueuedAt: number;
  readonly resolve: (permit: Permit) => void;
  readonly reject: (error: unknown) => void;
  onAbort?: (() => void) | undefined;
  on?: string | undefined;
  handle?: QueueHandle | undefined;
  settled?: boolean;
}

/** What TAKE answered for an admitted call: its token, a sequence number and a mark per key, for RELEASE. */
type Taken = { readonly token: string; readonly seqs: number[]; readonly marks: string[] };

interface KeyQueue {
  readonly queue: JobQueue<Waiter>;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** A take for the head is out to Redis. */
  busy: boolean;
}

/**
 * The limiter of cluster mode: every bucket key lives in Redis and is taken atomically by a Lua
 * script with the same arithmetic as the local models, so all processes with the same `id` share
 * counts, server state read from responses, pauses, probes and learned limits. Waiting stays
 * local: per-key FIFO queues with priorities, one take in flight per key, a timer for the time
 * Redis says the key frees (polled every 25 ms for a slot another process holds).
 *
 * Every acquire is a promise (one Redis round trip). When Redis is down calls fail at once with
 * `redis_unavailable`, or run on an in-process limiter with the same buckets (`fallback: 'local'`).
 */
export class SharedLimiter implements Limiter {
  private readonly link: RedisLink;
  private readonly prefix: string;
  private readonly leaseMs: number;
  private readonly queues = new Map<string, KeyQueue>();
  private readonly waiters = new Set<Waiter>();
  private local: Limiter | undefined;
  /** The permits granted and not yet released (their count is `pending`'s), each as its release without a response. */
  private readonly granted = new Set<() => void>();
  private closed = false;
  /** Set once close() sends the quit: a command sent after it would never run. */
  private quitting = false;
  /** The takes out to Redis, each settled once its reply is read (close() waits for their grants). */
  private readonly taking = new Set<Promise<void>>();

  constructor(
    id: string,
    private readonly buckets: readonly BucketDefinition[],
    private readonly options: ResolvedLimitOptions,
    private readonly hooks: LimiterHooks,
    private readonly redis: RedisLimiterOptions,
  ) {
    // The hash tag keeps every key of one limiter in one slot (Redis Cluster runs multi-key scripts per slot).
    this.prefix = `rosetta:{${id}}`;
    this.leaseMs = redis.jobExpirationMs ?? DEFAULT_JOB_EXPIRATION_MS;
    this.link = new RedisLink(redis, (cause) => this.redisDown(cause));
  }

  get pending(): number {
    // Calls handed to the local fallback wait and run there: still this limiter's.
    return this.waiters.size + this.granted.size + (this.local?.pending ?? 0);
  }

  get keys(): number {
    return this.queues.size;
  }

  acquire(request: LimitRequest, options: AcquireOptions = {}): Promise<Permit> {
    if (this.closed) return Promise.reject(closedError());
    if (options.signal?.aborted) return Promise.reject(abortedError(options.signal.reason));
    const buckets: BucketDefinition[] = [];
    const names: string[] = [];
    const costs: number[] = [];
    for (const bucket of this.buckets) {
      const scope = bucket.scope === undefined ? request.credentialKey : bucket.scope(request);
      if (scope === null) continue;
      buckets.push(bucket);
      names.push(`${this.prefix}:${bucket.id}:${scope}`);
      costs.push(bucket.model === 'concurrency' ? 1 : positiveCost(bucket.cost?.(request)));
    }
    if (this.waiters.size >= this.options.maxQueued) return Promise.reject(queueFullError(this.options.maxQueued));
    if (names.length === 0) return Promise.resolve({ release: () => false });
    return new Promise<Permit>((resolve, reject) => {
      const w: Waiter = {
        request,
        options,
        buckets,
        names,
        costs,
        level: levelOf(options),
        enqueuedAt: Date.now(),
        resolve,
        reject,
      };
      this.waiters.add(w);
      const signal = options.signal;
      if (signal !== undefined) {
        w.onAbort = () => this.settle(w, abortedError(signal.reason));
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      // No overtaking: join a queue where someone of the same or higher priority waits.
      const behind = names.find((name) => {
        const head = this.queues.get(name)?.queue.peek();
        return head !== undefined && head.level <= w.level;
      });
      this.enqueue(w, behind ?? (names[0] as string));
    });
  }

  private enqueue(w: Waiter, name: string): void {
    let q = this.queues.get(name);
    if (q === undefined) {
      q = { queue: createJobQueue(LEVELS), timer: undefined, busy: false };
      this.queues.set(name, q);
    }
    w.on = name;
    w.handle = q.queue.push(w, w.level);
    if (q.queue.peek() === w) this.kick(name);
  }

  private dequeue(w: Waiter): void {
    const name = w.on;
    if (name === undefined) return;
    w.handle?.remove();
    w.on = undefined;
    const q = this.queues.get(name);
    if (q !== undefined && q.queue.size === 0 && !q.busy) {
      clearTimeout(q.timer);
      this.queues.delete(name);
    }
  }

  /** Marks `w` settled and takes it out of its queue; returns the queue it was in. */
  private detach(w: Waiter): string | undefined {
    w.settled = true;
    this.waiters.delete(w);
    const name = w.on;
    this.dequeue(w);
    if (w.onAbort !== undefined) w.options.signal?.removeEventListener('abort', w.onAbort);
    return name;
  }

  /** Settles a waiting call with an error (abort, close, refusal, Redis gone). */
  private settle(w: Waiter, error: unknown): void {
    if (w.settled) return;
    const name = this.detach(w);
    w.reject(error);
    if (name !== undefined) this.kick(name);
  }

  /** Asks Redis for the head of `name`'s queue, unless a take for it is already out. */
  private kick(name: string): void {
    const q = this.queues.get(name);
    if (q === undefined || q.busy || this.closed) return;
    const head = q.queue.peek();
    clearTimeout(q.timer);
    if (head === undefined) {
      this.queues.delete(name);
      return;
    }
    q.timer = undefined;
    q.busy = true;
    const taken = this.take(head).then(
      (reply) => {
        q.busy = false;
        this.answer(head, name, reply);
      },
      (error: unknown) => {
        q.busy = false;
        this.link.failed(error);
        this.kick(name);
      },
    );
    this.taking.add(taken);
    void taken.then(() => this.taking.delete(taken));
  }

  private async take(w: Waiter): Promise<(number | string)[] | undefined> {
    const usable = await this.link.usable();
    if (!usable) {
      this.withoutRedis(w);
      return undefined;
    }
    const token = randomUUID();
    const reply = await this.link.run('rosettaTake', w.names, [
      token,
      this.options.maxHoldMs,
      this.leaseMs,
      ...w.buckets.flatMap((bucket, i) => this.fields(bucket, w.costs[i] as number)),
    ]);
    return [token, ...(reply as (number | string)[])];
  }

  /** What Redis said about the head of `name`'s queue; ends by looking at the next head, or a timer. */
  private answer(w: Waiter, name: string, reply: (number | string)[] | undefined): void {
    const code = reply === undefined ? -1 : Number(reply[1]);
    if (reply === undefined || (code !== 1 && code !== 4) || w.settled) {
      if (reply !== undefined) this.decide(w, reply);
      this.kick(name);
      return;
    }
    const index = Number(reply[2]) - 1;
    // A malformed reply (no number) polls at the normal pace on the same queue, never a NaN timer firing at once.
    const ms = finite(Number(reply[3])) ?? POLL_MS;
    const blocking = w.names[index] ?? name;
    if (blocking !== name) {
      this.dequeue(w);
      this.enqueue(w, blocking);
      this.kick(name);
      return;
    }
    if (code === 1 && Date.now() + ms >= (w.options.deadlineAt ?? Number.POSITIVE_INFINITY)) {
      // A known wait ending at or past the call's deadline is refused now, as the in-process limiter does, not waited out.
      this.settle(w, waitRefusedError('deadline', w.buckets[index]?.id ?? '', Math.ceil(ms), this.options.maxHoldMs));
      return;
    }
    const q = this.queues.get(name);
    if (q === undefined) return;
    // Capped like the local limiter's: a longer timer fires at once, and the next look re-arms it.
    const delay =
      code === 4 ? (ms > 0 ? Math.min(ms, POLL_MS) : POLL_MS) : Math.min(Math.max(1, Math.ceil(ms)), MAX_TIMER_MS);
    q.timer = setTimeout(() => this.kick(name), delay);
  }

  /** Grants or refuses `w` from a Redis reply (codes 0, 2, 3; or anything once `w` was settled). */
  private decide(w: Waiter, reply: (number | string)[]): void {
    const [token, code, ...rest] = reply;
    if (Number(code) === 0) {
      const n = w.names.length;
      const taken: Taken = {
        token: String(token),
        seqs: rest.slice(0, n).map(Number),
        marks: rest.slice(n).map(String),
      };
      const permit: Permit = {
        // Released once: only the first release finds the permit still granted.
        release: (response) => this.granted.delete(giveBack) && this.release(w, taken, response),
      };
      const giveBack = (): void => void permit.release(undefined);
      this.granted.add(giveBack);
      if (w.settled) {
        // Aborted while Redis admitted it: give the slot straight back.
        permit.release(undefined);
        return;
      }
      this.detach(w);
      const waited = Date.now() - w.enqueuedAt;
      try {
        if (waited >= REPORT_WAIT_FROM_MS) this.hooks.onWait?.(waited, 'queued', w.buckets[0]?.id ?? '');
      } catch {
        // An observer must not break the calls it observes.
      }
      w.resolve(permit);
      return;
    }
    // A waiter settled meanwhile is left alone by `settle` itself.
    const index = Number(rest[0]) - 1;
    const bucket = w.buckets[index]?.id ?? '';
    const reason = Number(code) === 3 ? 'quota' : 'hold_exceeded';
    const ms = Math.ceil(finite(Number(rest[1])) ?? 0);
    this.settle(w, waitRefusedError(reason, bucket, ms, this.options.maxHoldMs));
  }

  /** The script fields of one key both scripts read (the layout is documented in scripts.ts). */
  private fields(bucket: BucketDefinition, cost: number): (string | number)[] {
    // An undisclosed sliding window (no limit) is not learned across processes: it never paces, its 429s pause it.
    const { limit = bucket.model === 'sliding-window' ? Number.MAX_SAFE_INTEGER : 0, windowMs = 0 } = bucket;
    const burst = bucket.burst ?? limit;
    const ratePerMs = bucket.ratePerSec !== undefined ? bucket.ratePerSec / 1_000 : windowMs > 0 ? limit / windowMs : 0;
    const idleMs = Math.ceil(
      Math.max(MIN_IDLE_MS, windowMs, bucket.intervalMs ?? 0, ratePerMs > 0 ? burst / ratePerMs : 0, this.leaseMs),
    );
    return [
      MODEL_LETTER[bucket.model],
      limit,
      windowMs,
      ratePerMs,
      burst,
      bucket.maxInFlight ?? 1,
      bucket.intervalMs ?? 0,
      cost,
      idleMs,
      bucket.slowStart === true ? 1 : 0,
    ];
  }

  /** Reports one permit's response to Redis; best effort (leases expire on their own). */
  private release(w: Waiter, taken: Taken, response: LimitResponse | undefined): boolean {
    if (this.quitting) return false;
    const owner = response?.throttle === undefined ? -1 : ownerOf(w.buckets, response);
    const probe = response === undefined ? 2 : 1;
    const args: (string | number)[] = [taken.token, this.options.maxHoldMs];
    w.buckets.forEach((bucket, i) => {
      const state = response === undefined ? undefined : readState(bucket, response);
      const resetAt = finite(state?.resetAt);
      const resetIn = resetAt === undefined || response === undefined ? undefined : Math.round(resetAt - response.now);
      const paused = i === owner && response !== undefined;
      const quota = paused && (response.throttle?.kind === 'quota_exceeded' || bucket.model === 'quota');
      args.push(
        ...this.fields(bucket, w.costs[i] as number),
        taken.seqs[i] ?? 0,
        finite(state?.remaining) ?? '',
        finite(state?.limit) ?? '',
        resetIn ?? '',
        resetIn === undefined ? '' : resetGuardMs(resetIn),
        paused ? Math.round(pauseMsOf(bucket, response)) : '',
        quota ? 1 : 0,
        probe,
        paused ? '' : (finite(state?.cost) ?? ''),
        taken.marks[i] ?? '',
      );
    });
    // Commands on one connection run in order: the pause is in Redis before any retry's acquire reaches it.
    this.link.run('rosettaRelease', w.names, args).then(
      () => {
        for (const name of w.names) this.kick(name);
      },
      (error: unknown) => this.link.failed(error),
    );
    return owner >= 0 && response?.throttle !== undefined;
  }

  /** Redis is gone: the call runs on the in-process fallback, or fails at once. */
  private withoutRedis(w: Waiter, cause?: unknown): void {
    if (w.settled) return;
    if (this.redis.fallback !== 'local') {
      const message = 'Redis is unreachable: the shared rate limiter cannot admit calls';
      this.settle(w, new LimiterRejectedError('redis_unavailable', message, { cause }));
      return;
    }
    const name = this.detach(w);
    this.local ??= createLimiter(this.buckets, this.options);
    Promise.resolve(this.local.acquire(w.request, w.options)).then(w.resolve, w.reject);
    if (name !== undefined) this.kick(name);
  }

  /** The connection was lost or a command failed: waiting calls do not wait on it. */
  private redisDown(cause?: unknown): void {
    for (const w of [...this.waiters]) this.withoutRedis(w, cause);
  }

  async close(reason?: string): Promise<void> {
    if (this.closed) return;
    const error = closedError(reason);
    for (const w of [...this.waiters]) this.settle(w, error);
    // Slots still held (calls close() ends release them only after it returns) go back before the quit: kept, they
    // would hold every other process sharing the limiter until the lease expires.
    for (const giveBack of [...this.granted]) giveBack();
    this.closed = true;
    for (const q of this.queues.values()) clearTimeout(q.timer);
    this.queues.clear();
    // A take out to Redis may still be granted: its slot goes back before the quit too. Bounded, as a command is.
    if (this.taking.size > 0) await within(Promise.allSettled(this.taking), this.link.timeoutMs);
    this.quitting = true;
    await Promise.all([this.link.close(), this.local?.close()]);
  }
}
