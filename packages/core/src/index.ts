// The public entry of @rosetta/core: what users and adapter authors need, an explicit list, so every export is
// a decision. Everything else under src/ is internal and not reachable through the package's `exports`.

export { defineAdapter, isAdapter, AdapterDefinitionError } from './adapter/define-adapter';
export { genericAdapter } from './adapter/generic-adapter';
export { describeIssue } from './adapter/describe-issue';
export { normalizeError } from './adapter/normalize-error';
export { isGraphqlQuery } from './adapter/is-graphql-query';
export type {
  Adapter,
  AdapterDefinition,
  AdapterRetryDefaults,
  AuthScheme,
  ClassifyContext,
  ClassifyHook,
  ClassifyVerdict,
  HttpMethod,
  IdempotencyDefinition,
  PaginationDescriptor,
  RateLimitHeaderNames,
  RepeatRequest,
  ResetUnit,
} from './adapter/types';

export { normalizeResponse } from './classify/normalize-response';
export type { ResponseInput } from './classify/normalize-response';
export type { HeadersInput } from './classify/header-map';
export type { HeaderReadings } from './classify/types';

export { ApiError } from './errors/api-error';
export type { ApiErrorJSON } from './errors/api-error';
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
} from './errors/kind-errors';
export { isApiError } from './errors/is-api-error';
export { ERROR_KINDS, isErrorKind } from './errors/kinds';
export type { ErrorKind } from './errors/kinds';
export type { ProblemDetails, ProblemDetailsOptions } from './errors/problem-details';
export type { Classification, FieldError, RateLimitInfo, RequestSummary, ResponseSummary } from './errors/types';

export { createClient } from './client/create-client';
export type { Client, RequestCall, RequestWithMetaCall, ShorthandCall } from './client/create-client';
export type { ClientEventMap, ClientEventName, ClientListener } from './client/events';
export type { ClientHooks } from './client/create-hop-sender';
export type { Logger } from './client/log-events';
// ky's own hook types, so hooks can be written apart from the createClient call without importing ky.
export type { AfterResponseHook, AfterResponseState, BeforeRequestHook, BeforeRequestState } from 'ky';
export type {
  AuthOptions,
  CallOptions,
  ClientOptions,
  Credential,
  RequestOptions,
  ResponseMeta,
  ResponseType,
  ResponseWithMeta,
  SuccessSchema,
} from './client/options';
export type { Page, Paginate, PaginateOptions } from './client/paginate';
export type { CircuitState } from './retry/circuit-breaker';
export type { RetryStopReason } from './retry/decide-retry';
export type { CircuitBreakerOptions, RetryBudgetOptions, RetryOptions } from './retry/retry-options';
export { createRateLimiter } from './limit/create-rate-limiter';
export { isPermit } from './limit/types';
export { undisclosedWindow } from './limit/model/undisclosed-window';
export { isLimiterRejectedError, LimiterRejectedError } from './limit/limiter-rejected-error';
export type { LimiterRejectedErrorOptions, LimiterRejectionReason } from './limit/limiter-rejected-error';
export type {
  AcquireOptions,
  BucketDefinition,
  BucketModel,
  BucketOverride,
  BucketState,
  Limiter,
  LimiterHooks,
  LimiterWaitReason,
  LimitRequest,
  LimitResponse,
  LimitThrottle,
  Permit,
  RateLimitOptions,
} from './limit/types';
export type { QueryValue } from './transport/build-url';

// shared body readers
export { oauthErrorKind, oauthErrorVerdict, readOAuthError } from './classify/readers/oauth-error';
export type { OAuthErrorBody } from './classify/readers/oauth-error';
export { readGraphqlErrors } from './classify/readers/graphql-errors';
export type { GraphqlEnvelope, GraphqlErrorItem } from './classify/readers/graphql-errors';
export { odataErrorVerdict, readODataError } from './classify/readers/odata-error';
export type { ODataError, ODataErrorDetail } from './classify/readers/odata-error';
export {
  googleRpcStatusVerdict,
  parseGoogleDuration,
  readGoogleRpcStatus,
} from './classify/readers/google-rpc-status';
export type {
  GoogleLegacyError,
  GoogleQuotaViolation,
  GoogleRpcStatus,
  GoogleRpcVerdictOptions,
} from './classify/readers/google-rpc-status';
