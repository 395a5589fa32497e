import { Redis } from 'ioredis';
import { RELEASE, TAKE } from './scripts';
import type { RedisClientOptions, RedisLimiterOptions } from './redis-limiter-options';
import { within } from './within';

const DEFAULT_TIMEOUT_MS = 1_000;

/** A script as an ioredis command (EVALSHA, reloaded after NOSCRIPT by ioredis itself). */
type Script = (keys: number, ...args: (string | number)[]) => Promise<unknown>;
type ScriptName = 'rosettaTake' | 'rosettaRelease';

/**
 * One Redis connection and its health, so that no call waits on a dead Redis (FAULTS 29):
 * `connecting` until the first ready (bounded by `timeoutMs`), `down` while the connection is
 * lost and for `timeoutMs` after any failed command, then Redis is tried again. ioredis never
 * queues commands offline and every command has a timeout, so every call settles.
 */
export class RedisLink {
  readonly timeoutMs: number;
  private readonly client: Redis & Record<ScriptName, Script>;
  private state: 'connecting' | 'ready' | 'down' = 'connecting';
  private failedAt = Number.NEGATIVE_INFINITY;
  private waiters: ((up: boolean) => void)[] = [];
  private connectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    options: RedisLimiterOptions,
    private readonly onDown: (cause?: unknown) => void,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const { replyMapping: _owned, ...user }: RedisClientOptions & { replyMapping?: unknown } =
      options.clientOptions ?? {};
    const clientOptions = {
      retryStrategy: (times: number) => Math.min(100 * times, 1_000),
      maxRetriesPerRequest: 1,
      ...user,
      // ioredis reads 0 as "no timeout": a take would then wait on a silent Redis for the whole call.
      commandTimeout: user.commandTimeout || this.timeoutMs,
      connectTimeout: user.connectTimeout || this.timeoutMs,
      enableOfflineQueue: false,
      lazyConnect: false,
    };
    const client = options.url === undefined ? new Redis(clientOptions) : new Redis(options.url, clientOptions);
    client.defineCommand('rosettaTake', { lua: TAKE });
    client.defineCommand('rosettaRelease', { lua: RELEASE });
    this.client = client as Redis & Record<ScriptName, Script>;
    client.on('ready', () => this.settle('ready'));
    client.on('close', () => this.lost());
    // Errors are reported through `close` and failed commands; an unhandled 'error' would crash.
    client.on('error', () => undefined);
    this.connectTimer = setTimeout(() => this.settle('down'), this.timeoutMs);
  }

  private settle(state: 'ready' | 'down'): void {
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    if (state === 'ready') this.failedAt = Number.NEGATIVE_INFINITY;
    this.state = state;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake(state === 'ready');
  }

  private lost(): void {
    if (this.state === 'connecting') return;
    this.failedAt = Date.now();
    this.settle('down');
    this.onDown();
  }

  /** A command failed or timed out: fail fast for `timeoutMs`, then try Redis again. */
  failed(cause: unknown): void {
    this.failedAt = Date.now();
    this.onDown(cause);
  }

  /** True when Redis may be used now; waits for the first connection (at most `timeoutMs`). */
  usable(): boolean | Promise<boolean> {
    if (this.state === 'connecting') return new Promise((resolve) => this.waiters.push(resolve));
    return this.state === 'ready' && Date.now() - this.failedAt >= this.timeoutMs;
  }

  /** Runs a script over the hash and the sorted set of each bucket key in `names`. */
  run(script: ScriptName, names: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    const keys = names.flatMap((name) => [name, `${name}:z`]);
    return this.client[script](keys.length, ...keys, ...args);
  }

  /** Closes the connection; stops ioredis' reconnect timers so the process can exit. */
  async close(): Promise<void> {
    this.settle('down');
    await within(this.client.quit(), this.timeoutMs);
    this.client.disconnect();
  }
}
