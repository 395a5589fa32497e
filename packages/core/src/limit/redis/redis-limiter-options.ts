import type { RedisOptions } from 'ioredis';
import type { RateLimitOptions } from '../types';

/** ioredis options minus what the limiter must control itself. */
export type RedisClientOptions = Omit<RedisOptions, 'enableOfflineQueue' | 'lazyConnect' | 'replyMapping'>;

/** How a limiter reaches Redis in cluster mode, and what it does when Redis is gone. */
export interface RedisLimiterOptions {
  /**
   * Redis URL.
   * @example 'redis://127.0.0.1:6379/0'
   */
  readonly url?: string;
  /**
   * ioredis options (host, port, password, tls, ...). The limiter owns the offline queue (always off), the connection
   * mode and the reply mapping (the scripts' replies are plain arrays); `commandTimeout` and `connectTimeout` default
   * to `timeoutMs` (0, ioredis' "none", too), so no Redis wait is unbounded.
   */
  readonly clientOptions?: RedisClientOptions;
  /**
   * Longest wait for the first connection and for each Redis command. Past it, calls fail with
   * `LimiterRejectedError` reason `redis_unavailable` (or move to the local fallback). At most 2^31 - 1 ms.
   * @default 1_000
   */
  readonly timeoutMs?: number;
  /**
   * What calls do while Redis is unreachable: `fail` rejects them at once; `local` runs them
   * through an in-process limiter with the same limits (per process, no longer cluster-wide).
   * @default 'fail'
   */
  readonly fallback?: 'fail' | 'local';
  /**
   * A concurrency slot (and a probe) is given back this long after it was taken even if its
   * process never reports back: how the slots of a crashed worker return. Keep it above the
   * longest attempt (the client's `timeoutMs`).
   * @default 60_000
   */
  readonly jobExpirationMs?: number;
}

/** {@link RateLimitOptions} for cluster mode: every process with the same `id` shares the limits. */
export interface RedisRateLimitOptions extends Omit<RateLimitOptions, 'engine'> {
  /**
   * The shared limiter's name: one per provider account whose limit the processes share.
   * @example 'stripe:acct_123'
   */
  readonly id: string;
  readonly redis: RedisLimiterOptions;
}
