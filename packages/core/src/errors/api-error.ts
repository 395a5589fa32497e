import { type ErrorKind, kindProblem } from './kinds';
import { pathOf } from '../classify/classify-response';
import type { ProblemDetails, ProblemDetailsOptions } from './problem-details';
import type { FieldError, RateLimitInfo, RequestSummary, ResponseSummary } from './types';

/** Brand shared by every copy of `@rosetta/core`, so `isApiError()` holds across duplicate installs. */
export const API_ERROR_BRAND: unique symbol = Symbol.for('rosetta.api-error');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Everything an {@link ApiError} is made of. All values must already be redacted. */
export interface ApiErrorInit {
  readonly kind: ErrorKind;
  readonly provider: string;
  readonly status?: number | undefined;
  readonly code?: string | undefined;
  /** The provider's own message (or a description of the failure), without prefix. */
  readonly detail?: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs?: number | undefined;
  readonly requestId?: string | undefined;
  readonly fieldErrors?: readonly FieldError[] | undefined;
  readonly rateLimit?: RateLimitInfo | undefined;
  readonly request?: RequestSummary | undefined;
  /** The response, or a function that builds it on first access (redaction is deferred off the hot path). */
  readonly response?: ResponseSummary | (() => ResponseSummary) | undefined;
  readonly attempts?: number | undefined;
  readonly possiblyProcessed?: boolean | undefined;
  readonly cause?: unknown;
}

/**
 * The one error Rosetta throws, whatever the provider. Switch on {@link ApiError.kind}.
 *
 * Every string on it is redacted: `message`, `stack`, `toJSON()`, `util.inspect()` and
 * `JSON.stringify()` never contain a credential.
 *
 * @example
 * try { await client.get('/v1/customers/cus_1'); }
 * catch (err) {
 *   if (isApiError(err) && err.kind === 'rate_limited') console.log(err.retryAfterMs);
 * }
 */
export class ApiError extends Error {
  // The fields are `declare`d, for the constructor sets each: emitted class fields would define each as undefined
  // first, in more bytes and more work per error.
  override name: string = 'ApiError';
  /** The normalized kind. */
  declare readonly kind: ErrorKind;
  /** Adapter id, e.g. `'stripe'`. */
  declare readonly provider: string;
  /** HTTP status as received; undefined for network, timeout and aborted errors. */
  declare readonly status: number | undefined;
  /** The provider's own error code (`card_declined`, `ratelimited`, `20404`). */
  declare readonly code: string | undefined;
  /** The provider's message (or a description of the failure) without the `provider METHOD path` prefix. */
  declare readonly detail: string | undefined;
  /** Whether the same request can succeed later. */
  declare readonly retryable: boolean;
  /** How long to wait before retrying, when known. */
  declare readonly retryAfterMs: number | undefined;
  /** The provider's request id, when sent. */
  declare readonly requestId: string | undefined;
  /** Field errors of a validation error; empty otherwise. */
  declare readonly fieldErrors: readonly FieldError[];
  /** Rate-limit state the response carried. */
  declare readonly rateLimit: RateLimitInfo | undefined;
  /** Method and redacted URL of the request. */
  declare readonly request: RequestSummary | undefined;
  /** Redacted, size-bounded response (a prototype getter, so logs of the error stay short). */
  get response(): ResponseSummary | undefined {
    if (typeof this.#response === 'function') this.#response = this.#response();
    return this.#response;
  }
  #response: ResponseSummary | (() => ResponseSummary) | undefined;
  /** Attempts made before this error was thrown (1 = no retry). */
  declare attempts: number;
  /** The provider may have applied the request (a non-idempotent call that failed mid-way). */
  declare readonly possiblyProcessed: boolean;
  declare readonly [API_ERROR_BRAND]: true;

  constructor(init: ApiErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    // One statement per field, not a loop over their names: keyed stores made every error ~1 µs slower to build.
    this.kind = init.kind;
    this.provider = init.provider;
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
    this.fieldErrors = init.fieldErrors ?? [];
    this.rateLimit = init.rateLimit;
    this.request = init.request;
    this.#response = init.response;
    this.attempts = init.attempts ?? 1;
    this.possiblyProcessed = init.possiblyProcessed ?? false;
  }

  /** A plain object safe to log: every field, redacted, without the stack. */
  toJSON(): ApiErrorJSON {
    return Object.fromEntries(JSON_KEYS.map((key) => [key, this[key]])) as ApiErrorJSON;
  }

  /**
   * An RFC 9457 problem-details object product code can answer with: the redacted message, never a raw body,
   * header or URL.
   *
   * @example
   * res.status(pd.status).type('application/problem+json').json(err.toProblemDetails());
   */
  toProblemDetails(options: ProblemDetailsOptions = {}): ProblemDetails {
    const problem: Record<string, unknown> = {
      type: `${options.typeBase ?? 'urn:rosetta:error:'}${this.kind}`,
      ...kindProblem(this.kind),
      detail: this.detail ?? this.message,
    };
    for (const key of PROBLEM_KEYS) {
      const value = this[key === 'upstreamStatus' ? 'status' : key];
      // Optional members are left out rather than set to undefined.
      if (value !== undefined) problem[key] = value;
    }
    return problem as unknown as ProblemDetails;
  }

  /** `console.log(err)` prints the redacted fields, never the raw cause. */
  [INSPECT](): string {
    const { response: _response, ...rest } = this.toJSON();
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${JSON.stringify(rest, null, 2)}`;
  }
}

// On the prototype, not each instance: a per-instance defineProperty makes construction several times slower.
Object.defineProperty(ApiError.prototype, API_ERROR_BRAND, { value: true });

/**
 * Builds an error without capturing a stack trace: for errors returned as values (`normalizeResponse`),
 * where the stack would only show Rosetta's own frames and capturing it costs most of the time.
 */
export function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const JSON_KEYS = [
  'name',
  'kind',
  'provider',
  'message',
  'status',
  'code',
  'retryable',
  'retryAfterMs',
  'requestId',
  'fieldErrors',
  'rateLimit',
  'request',
  'response',
  'attempts',
  'possiblyProcessed',
] as const;

/** The members {@link ApiError.toProblemDetails} copies, in its order; `upstreamStatus` is `status`. */
const PROBLEM_KEYS = [
  'kind',
  'provider',
  'upstreamStatus',
  'code',
  'retryable',
  'retryAfterMs',
  'requestId',
  'fieldErrors',
] as const;

/** What {@link ApiError.toJSON} returns: the error's public fields but `detail` (already in `message`). */
export type ApiErrorJSON = { readonly [K in (typeof JSON_KEYS)[number]]: ApiError[K] };

const MAX_DETAIL = 300;

function formatMessage(init: ApiErrorInit): string {
  const where = init.request ? ` ${init.request.method} ${pathOf(init.request.url)}` : '';
  const what = init.status === undefined ? init.kind : String(init.status);
  let detail = init.detail ?? '';
  if (detail.length > MAX_DETAIL) detail = `${detail.slice(0, MAX_DETAIL)}…`;
  const code = init.code !== undefined && !detail.includes(init.code) ? ` [${init.code}]` : '';
  const note = init.possiblyProcessed ? ' (the request may have been processed)' : '';
  return `${init.provider}${where} failed: ${what}${detail ? ` ${detail}` : ''}${code}${note}`;
}
