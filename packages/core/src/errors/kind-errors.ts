// One class per kind so `instanceof` users can catch precisely. They are three lines each, so they share
// this file instead of sixteen files of boilerplate (a deliberate exception to one-class-per-file).
import { ApiError, type ApiErrorInit } from './api-error';
import { ERROR_KINDS } from './kinds';

/** Credentials missing, invalid, expired or revoked. */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError' as const;
}
/** Authenticated, but not allowed (scope, role, plan feature). */
export class PermissionError extends ApiError {
  override name = 'PermissionError' as const;
}
/** The resource does not exist or is not visible to this credential. */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError' as const;
}
/** The request is malformed or a field is invalid; see `fieldErrors`. */
export class ValidationError extends ApiError {
  override name = 'ValidationError' as const;
}
/** State conflict: duplicate, version mismatch, locked resource. */
export class ConflictError extends ApiError {
  override name = 'ConflictError' as const;
}
/** A payment was declined or the account/plan needs payment. */
export class PaymentRequiredError extends ApiError {
  override name = 'PaymentRequiredError' as const;
}
/** Short-window throttling; waiting `retryAfterMs` helps. */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError' as const;
}
/** Long-window quota exhausted; retrying soon does not help. */
export class QuotaExceededError extends ApiError {
  override name = 'QuotaExceededError' as const;
}
/** Provider overloaded, in maintenance, or a gateway/CDN failure. */
export class UnavailableError extends ApiError {
  override name = 'UnavailableError' as const;
}
/** Provider internal error. */
export class ServerError extends ApiError {
  override name = 'ServerError' as const;
}
/** The attempt got no answer in time (client timeout or HTTP 408). */
export class RequestTimeoutError extends ApiError {
  override name = 'RequestTimeoutError' as const;
}
/** Connection refused/reset, DNS or TLS failure, truncated body. */
export class NetworkError extends ApiError {
  override name = 'NetworkError' as const;
}
/** The caller's AbortSignal fired. */
export class AbortedError extends ApiError {
  override name = 'AbortedError' as const;
}
/** Endpoint, method or operation not supported, removed or deprecated. */
export class UnsupportedError extends ApiError {
  override name = 'UnsupportedError' as const;
}
/** The provider answered something unusable. */
export class InvalidResponseError extends ApiError {
  override name = 'InvalidResponseError' as const;
}
/** Nothing more specific could be determined. */
export class UnknownApiError extends ApiError {
  override name = 'UnknownApiError' as const;
}

// In the order of ERROR_KINDS, a list rather than a record keyed by kind (fewer bytes); kind-classes.test.ts pins it.
const CLASSES: readonly (new (init: ApiErrorInit) => ApiError)[] = [
  AuthenticationError,
  PermissionError,
  NotFoundError,
  ValidationError,
  ConflictError,
  PaymentRequiredError,
  RateLimitError,
  QuotaExceededError,
  UnavailableError,
  ServerError,
  RequestTimeoutError,
  NetworkError,
  AbortedError,
  UnsupportedError,
  InvalidResponseError,
  UnknownApiError,
];

/** Creates the {@link ApiError} subclass that matches `init.kind`. */
export function createApiError(init: ApiErrorInit): ApiError {
  return new (CLASSES[ERROR_KINDS.indexOf(init.kind)] as (typeof CLASSES)[number])(init);
}
