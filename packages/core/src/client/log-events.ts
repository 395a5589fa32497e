import type { ApiError } from '../errors/api-error';
import type { ClientEvents } from './events';

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
 * throws is reported like any listener (a `ROSETTA_LISTENER_ERROR` process warning); the call goes on.
 *
 * @example
 * logEvents(events, pino(), 'stripe');
 */
export function logEvents(events: ClientEvents, logger: Logger, provider: string): void {
  events.on('request', (e) => logger.debug(e, `${provider} request`));
  events.on('response', (e) => logger.debug(e, `${provider} response`));
  events.on('rateLimitWait', (e) => logger.info(e, `${provider} rate limit wait`));
  events.on('retry', ({ error, ...e }) => logger.warn({ ...e, ...summary(error) }, `${provider} retry`));
  events.on('warning', (e) => logger.warn(e, `${provider} warning`));
  events.on('error', ({ error, stopReason }) =>
    logger[error.kind === 'aborted' ? 'warn' : 'error']({ ...summary(error), stopReason }, `${provider} error`),
  );
}

function summary(error: ApiError) {
  const { kind, code, status, message, requestId, attempts, request } = error;
  return { kind, code, status, message, requestId, attempts, method: request?.method, url: request?.url };
}
