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
 * Logs a client's events, and only them, so every object logged is a redacted payload; an error as a plain summary,
 * never the error object with its body. Levels: `LEVELS`, except an `aborted` error at warn (the caller asked for it).
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
