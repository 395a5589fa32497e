import { Redis } from 'ioredis';

/**
 * bottleneck's Lua scripts signal two recoverable states, a lost settings key (Redis restarted or
 * flushed) and an unknown client, and bottleneck recovers from them by comparing the error
 * message exactly: `e.message === "SETTINGS_KEY_NOT_FOUND"`. Redis 7 prefixes `ERR ` to an
 * error reply without a code of its own, so the comparison never matches and a limiter stays
 * broken after a Redis restart (SGrondin/bottleneck#205, #212; the fix, PR #215, is unmerged).
 */
const SENTINEL = /^ERR ((?:SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT|OVERWEIGHT:)[\s\S]*)$/;

type CommandFn = (...args: unknown[]) => unknown;

/**
 * The ioredis client the Redis engine hands bottleneck: the scripts bottleneck defines report
 * their sentinel errors without Redis 7's `ERR ` prefix, so its own recovery works again. Only
 * public ioredis API (`defineCommand` and the command it creates) is involved; bottleneck is
 * untouched.
 *
 * @example
 * const client = new BottleneckRedisClient('redis://127.0.0.1:6379');
 */
export class BottleneckRedisClient extends Redis {
  override defineCommand(name: string, definition: { lua: string; numberOfKeys?: number; readOnly?: boolean }): void {
    super.defineCommand(name, definition);
    const self = this as unknown as Record<string, CommandFn>;
    const command = self[name];
    if (typeof command !== 'function') return;
    self[name] = function (this: unknown, ...args: unknown[]) {
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) =>
          (last as CommandFn)(normalizeScriptError(error), result);
      }
      return command.apply(this, args);
    };
  }
}

/** Strips Redis 7's `ERR ` prefix from bottleneck's sentinel errors; anything else is unchanged. */
export function normalizeScriptError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const match = SENTINEL.exec(error.message);
  if (match?.[1] !== undefined) error.message = match[1];
  return error;
}
