import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import { createBottleneckEngine } from './bottleneck-engine';
import { BottleneckRedisClient } from './bottleneck-redis-client';
import { toBottleneckOptions } from './bottleneck-options';
import type { EngineLimits, LimiterEngine, LimiterEngineFactory } from './engine';
import { LimiterRejectedError } from './limiter-rejected-error';
import { createLocalEngine } from './local-engine';
import type { RedisClientOptions, RedisLimiterOptions } from './redis-limiter-options';

const DEFAULT_TIMEOUT_MS = 1_000;
const DEFAULT_JOB_EXPIRATION_MS = 60_000;
const DEFAULT_HEARTBEAT_MS = 250;
/** Every heartbeat is a Redis script call per process; faster than this buys nothing. */
const MIN_HEARTBEAT_MS = 50;

/**
 * Engine factory for cluster mode: bottleneck's full build on its `ioredis` datastore, so every
 * process using the same `id` shares one set of limits. Only `@rosetta/core/redis` imports this
 * file, which keeps full bottleneck and ioredis out of apps that do not use Redis.
 *
 * @example
 * createLimiter({ maxConcurrent: 10, engine: createRedisEngineFactory('stripe', { url }) });
 */
export function createRedisEngineFactory(id: string, options: RedisLimiterOptions): LimiterEngineFactory {
  return (limits) => createRedisEngine(id, limits, options);
}

/**
 * `stop()` clears the timers of admitted jobs, but a job still running keeps its local expiry
 * timer (up to `jobExpirationMs`), which would hold the process open after close(). Redis
 * expires the slot on its own, so the local timer has nothing left to do. bottleneck keeps these
 * timers in `_scheduled` (2.19.5); if that ever differs, nothing is touched.
 */
function clearExpiryTimers(limiter: Bottleneck): void {
  const scheduled = (limiter as unknown as { _scheduled?: unknown })._scheduled;
  if (typeof scheduled !== 'object' || scheduled === null) return;
  for (const entry of Object.values(scheduled as Record<string, { expiration?: unknown } | undefined>)) {
    if (entry?.expiration !== undefined) clearTimeout(entry.expiration as ReturnType<typeof setTimeout>);
  }
}

/** A job handed to Redis-backed bottleneck and not admitted yet. */
interface Pending {
  readonly task: () => Promise<void>;
  readonly onAdmit: () => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  cancelled: boolean;
}

/**
 * Health, so that no call ever waits on a dead Redis (FAULTS 29): `connecting` until bottleneck
 * has initialized its keys (bounded by `timeoutMs`), `down` while either connection is lost or
 * for `timeoutMs` after any Redis error. Jobs waiting in bottleneck's queue when Redis fails are
 * failed (or moved to the local fallback) at once; ioredis never queues commands offline and
 * every command has a timeout, so every Redis call settles.
 */
function createRedisEngine(id: string, limits: EngineLimits, options: RedisLimiterOptions): LimiterEngine {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { replyMapping: _unused, ...user }: RedisClientOptions & { replyMapping?: unknown } =
    options.clientOptions ?? {};
  const clientOptions: RedisClientOptions & { enableOfflineQueue: false; lazyConnect: false } = {
    retryStrategy: (times: number) => Math.min(100 * times, 1_000),
    maxRetriesPerRequest: 1,
    ...user,
    commandTimeout: user.commandTimeout ?? timeoutMs,
    connectTimeout: user.connectTimeout ?? timeoutMs,
    enableOfflineQueue: false,
    lazyConnect: false,
  };
  const client =
    options.url === undefined
      ? new BottleneckRedisClient(clientOptions)
      : new BottleneckRedisClient(options.url, clientOptions);
  // Passing `Redis` keeps bottleneck from `require`-ing its own copy of ioredis.
  const connection = new Bottleneck.IORedisConnection({ client, Redis });
  const limitOptions = toBottleneckOptions(limits, MIN_HEARTBEAT_MS);
  const limiter = new Bottleneck({
    ...limitOptions,
    heartbeatInterval: options.heartbeatIntervalMs ?? limitOptions.heartbeatInterval ?? DEFAULT_HEARTBEAT_MS,
    id: `rosetta:${id}`,
    datastore: 'ioredis',
    connection,
    clearDatastore: false,
  });
  const inner = createBottleneckEngine(limiter, {
    expirationMs: options.jobExpirationMs ?? DEFAULT_JOB_EXPIRATION_MS,
    disconnect,
  });

  let state: 'connecting' | 'ready' | 'down' = 'connecting';
  let initialized = false;
  let closed = false;
  let failedAt = Number.NEGATIVE_INFINITY;
  let subscriber: Redis | undefined;
  let local: LimiterEngine | undefined;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  let connectWaiters: (() => void)[] = [];
  const pending = new Set<Pending>();

  function setState(next: typeof state): void {
    state = next;
    if (next === 'connecting') return;
    clearTimeout(connectTimer);
    connectTimer = undefined;
    const waiters = connectWaiters;
    connectWaiters = [];
    for (const wake of waiters) wake();
  }

  function refresh(): void {
    if (closed || !initialized) return;
    const up = client.status === 'ready' && subscriber?.status === 'ready';
    if (up) failedAt = Number.NEGATIVE_INFINITY;
    setState(up ? 'ready' : 'down');
  }

  /** A connection closed: down until both are ready again. */
  function lost(cause?: unknown): void {
    if (closed) return;
    failedAt = Date.now();
    setState('down');
    failPending(cause);
  }

  /** A command failed or timed out: fail fast for `timeoutMs`, then try Redis again. */
  function failed(cause: unknown): void {
    if (closed) return;
    failedAt = Date.now();
    if (state === 'connecting') setState('down');
    failPending(cause);
  }

  limiter
    .ready()
    .then((clients: { subscriber?: Redis }) => {
      subscriber = clients.subscriber;
      subscriber?.on('close', () => lost());
      subscriber?.on('ready', refresh);
      initialized = true;
      refresh();
      // Last writer wins: a deploy with new limits replaces what earlier processes stored.
      // The current reservoir count is left alone so that a starting worker adds no burst.
      void (
        limiter.updateSettings({
          maxConcurrent: limits.maxConcurrent ?? null,
          minTime: limits.minTimeMs ?? 0,
          reservoirRefreshAmount: limits.reservoir?.size ?? null,
          reservoirRefreshInterval: limits.reservoir?.refreshIntervalMs ?? null,
          ...(limits.reservoir === undefined ? { reservoir: null } : {}),
        }) as unknown as Promise<unknown>
      ).catch(failed);
    })
    .catch(lost);
  connection.on('error', failed);
  limiter.on('error', failed);
  client.on('close', () => lost());
  client.on('ready', refresh);

  function unavailable(cause?: unknown): LimiterRejectedError {
    return new LimiterRejectedError(
      'redis_unavailable',
      'Redis is unreachable: the shared rate limiter cannot admit calls',
      {
        cause,
      },
    );
  }

  /** Redis is gone: the call runs on the in-process fallback, or fails at once. */
  function withoutRedis(task: () => Promise<void>, onAdmit: () => void, cause?: unknown): Promise<void> {
    if (options.fallback !== 'local') return Promise.reject(unavailable(cause));
    local ??= createLocalEngine(limits);
    return local.submit(task, onAdmit);
  }

  function failPending(cause?: unknown): void {
    for (const job of [...pending]) {
      // bottleneck may still admit it once Redis is back: the task is a no-op by then.
      job.cancelled = true;
      pending.delete(job);
      if (closed) job.reject(new LimiterRejectedError('closed', 'the limiter was closed'));
      else withoutRedis(job.task, job.onAdmit, cause).then(job.resolve, job.reject);
    }
  }

  function waitConnected(): Promise<void> {
    return new Promise((resolve) => {
      connectWaiters.push(resolve);
      connectTimer ??= setTimeout(() => setState('down'), timeoutMs);
    });
  }

  async function disconnect(): Promise<void> {
    // The connection first: once it is terminated, bottleneck's own disconnect no longer
    // unsubscribes on a dead socket (a rejection nobody would handle).
    const quit = connection.disconnect(true).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([quit, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    // Stops ioredis' reconnect timers whatever quit did, so the process can exit.
    client.disconnect();
    subscriber?.disconnect();
    // With a shared connection bottleneck returns nothing here (it only unsubscribes).
    await Promise.resolve(limiter.disconnect()).catch(() => undefined);
    clearExpiryTimers(limiter);
  }

  function submit(task: () => Promise<void>, onAdmit: () => void): Promise<void> {
    if (closed) return Promise.reject(new LimiterRejectedError('closed', 'the limiter was closed'));
    if (state === 'connecting') return waitConnected().then(() => submit(task, onAdmit));
    if (state !== 'ready' || Date.now() - failedAt < timeoutMs) return withoutRedis(task, onAdmit);
    return new Promise<void>((resolve, reject) => {
      const job: Pending = { task, onAdmit, resolve, reject, cancelled: false };
      pending.add(job);
      inner
        .submit(
          () => (job.cancelled ? Promise.resolve() : task()),
          () => {
            if (job.cancelled) return;
            pending.delete(job);
            onAdmit();
          },
        )
        .then(
          () => {
            if (!job.cancelled) resolve();
          },
          (error: unknown) => {
            if (job.cancelled) return;
            const waiting = pending.delete(job);
            reject(waiting ? unavailable(error) : error);
          },
        );
    });
  }

  return {
    submit,
    async close() {
      if (closed) return;
      closed = true;
      setState('down');
      failPending();
      await Promise.all([inner.close(), local?.close()]);
    },
  };
}
