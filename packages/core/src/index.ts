// The public entry of @rosetta/core: an explicit list, so every export is a decision.

export { defineAdapter, isAdapter, AdapterDefinitionError } from './adapter/define-adapter';
export { genericAdapter } from './adapter/generic-adapter';
export { describeIssue } from './adapter/describe-issue';
export type {
  Adapter,
  AdapterDefinition,
  AdapterRateLimitDefaults,
  AdapterRetryDefaults,
  AuthScheme,
  ClassifyContext,
  ClassifyHook,
  ClassifyVerdict,
  HttpMethod,
  IdempotencyDefinition,
  PaginationDescriptor,
  RateLimitHeaderNames,
  ResetUnit,
} from './adapter/types';

export { normalizeResponse } from './classify/normalize-response';
export type { ResponseInput } from './classify/normalize-response';
export { toHeaderMap } from './classify/header-map';
export type { HeaderMap, HeadersInput } from './classify/header-map';
export { parseRetryAfter } from './classify/retry-after';
export { parseRateLimitHeaders } from './classify/rate-limit-headers';
export { parseRequestId } from './classify/request-id';
export { parseRetryHint } from './classify/retry-hint';
export { extractBodyFields } from './classify/body-fields';
export { safeJsonParse, sniffBody } from './classify/parse-body';
export type { ParsedBody } from './classify/parse-body';
export { classifyStatus } from './classify/status-table';
export { STATUS_FALLBACKS, STATUS_TABLE } from './classify/status-table-docs';
export type { StatusFallback, StatusTableEntry } from './classify/status-table-docs';

export { ApiError, API_ERROR_BRAND } from './errors/api-error';
export type { ApiErrorInit, ApiErrorJSON } from './errors/api-error';
export {
  AbortedError,
  AuthenticationError,
  ConflictError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  PaymentRequiredError,
  PermissionError,
  QuotaExceededError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  UnavailableError,
  UnknownApiError,
  UnsupportedError,
  ValidationError,
  createApiError,
} from './errors/kind-errors';
export { isApiError } from './errors/is-api-error';
export { ERROR_KINDS, RETRYABLE_BY_DEFAULT, isErrorKind } from './errors/kinds';
export type { ErrorKind } from './errors/kinds';
export { KIND_PROBLEMS, toProblemDetails } from './errors/problem-details';
export type { ProblemDetails, ProblemDetailsOptions } from './errors/problem-details';
export { createRedactor, REDACTED, SECRET_HEADERS, SECRET_PARAMS } from './errors/redact';
export type { RedactionRules, Redactor } from './errors/redact';
export type {
  Classification,
  FieldError,
  RateLimitInfo,
  RequestSummary,
  ResponseSummary,
} from './errors/types';

export { createClient } from './client/create-client';
export type { Client } from './client/create-client';
export type { ClientEventMap, ClientEventName, ClientListener } from './client/events';
export type {
  AuthOptions,
  CallOptions,
  ClientOptions,
  Credential,
  RequestOptions,
  ResponseMeta,
  ResponseWithMeta,
  SuccessSchema,
} from './client/options';
export type { PaginateOptions } from './client/paginate';

export { computeBackoff } from './retry/backoff';
export { isSafeToRepeat } from './retry/safe-to-repeat';
export type { CircuitState } from './retry/circuit-breaker';
export type { RetryStopReason } from './retry/decide-retry';
export type { CircuitBreakerOptions, RetryBudgetOptions, RetryOptions } from './retry/retry-options';

export { createLimiter } from './limit/create-limiter';
export { isLimiterRejectedError, LimiterRejectedError } from './limit/limiter-rejected-error';
export type { LimiterRejectionReason } from './limit/limiter-rejected-error';
export { DEFAULT_MAX_HOLD_MS, DEFAULT_MAX_QUEUED, resolveRateLimit } from './limit/resolve-rate-limit';
export type { ResolvedRateLimit } from './limit/resolve-rate-limit';
export { validateBucket } from './limit/validate-bucket';
export { isPermit } from './limit/types';
export type {
  AcquireOptions,
  BucketDefinition,
  BucketModel,
  BucketOverride,
  BucketState,
  Limiter,
  LimiterEngineFactory,
  LimiterHooks,
  LimiterWaitReason,
  LimitRequest,
  LimitResponse,
  LimitThrottle,
  Permit,
  RateLimitOptions,
  ResolvedLimitOptions,
} from './limit/types';

export { formEncode } from './transport/form-encode';
export type { QueryValue } from './transport/build-url';
