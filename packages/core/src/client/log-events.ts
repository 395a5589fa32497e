import type { ApiError } from '../errors/api-error';
import type { ClientEventName, ClientEvents } from './events';

/**
 * A structured logger: pino's call signature (`logger.info(obj, msg)`); `console` fits too. Each method is called
 * as a method, so a logger that uses `this` (pino) works.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Logs a client's events, and only them, so every object logged is a redacted event payload: `request` and
 * `response` at debug (one line per attempt: volume, not news); `rateLimitWait` at info (the limiter pacing calls
 * as designed); `retry` at warn (an attempt failed, the call goes on); `warning` at warn (the provider flags a
 * deprecation or a problem in a successful call); `error` at error (the call failed for good), except an
 * `aborted` one at warn (the caller or `close()` asked for it). Errors are logged as a plain summary (kind, code,
 * status, message, request id, attempts, stop reason), never as the error object with its body. A logger that
 * throws or rejects is reported like any listener (a `ROSETTA_LISTENER_ERROR` process warning); the call goes on.
 *
 * @example
 * logEvents(events, pino(), 'stripe');
 */
export function logEvents(events: ClientEvents, logger: Logger, provider: string): void {
  for (const event of Object.keys(LEVELS) as ClientEventName[]) {
    events.on(event, (payload) => {
      // Weak type: only `retry` and `error` payloads carry an error.
      const { error, ...rest } = payload as { readonly error?: ApiError };
      const level = error?.kind === 'aborted' ? 'warn' : LEVELS[event];
      // Returned, so an async logger's rejection is reported like a throw (the listener's result is watched).
      return logger[level](error === undefined ? payload : { ...rest, ...summary(error) }, `${provider} ${event}`);
    });
  }
}

const LEVELS = {
  request: 'debug',
  response: 'debug',
  rateLimitWait: 'info',
  retry: 'warn',
  warning: 'warn',
  error: 'error',
} as const satisfies Record<ClientEventName, keyof Logger>;

function summary({ kind, code, status, message, requestId, attempts }: ApiError) {
  return { kind, code, status, message, requestId, attempts };
}
