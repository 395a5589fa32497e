import { API_ERROR_BRAND, type ApiError } from './api-error';
import type { ErrorKind } from './kinds';

/**
 * Type guard for {@link ApiError}, true also for errors from another installed copy of core.
 * Pass a kind to narrow further.
 *
 * @example
 * if (isApiError(err, 'rate_limited')) scheduleLater(err.retryAfterMs);
 */
export function isApiError<K extends ErrorKind = ErrorKind>(value: unknown, kind?: K): value is ApiError & { kind: K } {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[API_ERROR_BRAND] !== true) return false;
  return kind === undefined || (value as ApiError).kind === kind;
}
