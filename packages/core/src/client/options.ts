import type { AuthScheme, HttpMethod } from '../adapter/types';
import type { QueryValue } from '../transport/build-url';
import type { RetryOptions } from '../retry/retry-options';
import type { RateLimitOptions } from '../limit/types';

/** A credential: the value itself, or a function read before every attempt (token refresh). */
export type Credential = string | (() => string | Promise<string>);

/**
 * Credentials for a client. Which one is used depends on the adapter's auth scheme:
 * `bearer` uses `token ?? apiKey`; `header`/`query` use `apiKey ?? token`; `basic` uses
 * `username ?? apiKey` and `password`.
 */
export interface AuthOptions {
  // `| undefined` so that `process.env.X` type-checks under `exactOptionalPropertyTypes`; a credential that is
  // undefined at call time fails the call as `authentication` / `missing_credential`, nothing is sent.
  readonly apiKey?: Credential | undefined;
  readonly token?: Credential | undefined;
  readonly username?: Credential | undefined;
  readonly password?: Credential | undefined;
  /** Pick one of the adapter's schemes by type. @default the adapter's first scheme */
  readonly scheme?: AuthScheme['type'];
}

/** Options of `createClient()`. */
export interface ClientOptions {
  readonly auth?: AuthOptions;
  /**
   * Overrides the adapter's base URL (simulator, proxy, tests).
   * @example 'http://127.0.0.1:4010'
   */
  readonly baseUrl?: string;
  /**
   * Values scrubbed like the credentials from every error, event and log line, wherever they show (a URL, a
   * message, an echoed body), in every spelling a credential is (docs/security.md). For secrets Rosetta cannot
   * know of: the token in a webhook URL's path (Slack's `https://hooks.slack.com/services/T…/B…/<token>`,
   * Discord's `/api/webhooks/<id>/<token>`), which the base URL does not mark as secret. Values shorter than 4
   * characters are ignored; `undefined` entries too, so an unset environment variable type-checks.
   * @example [process.env.SLACK_WEBHOOK_TOKEN]
   */
  readonly secrets?: readonly (string | undefined)[];
  /** Retry policy, or `false` for none. */
  readonly retry?: RetryOptions | false;
  /** Client-side rate limiting (adapter defaults, overridable), or `false` for none. */
  readonly rateLimit?: RateLimitOptions | false;
  /**
   * Per attempt, covering headers and body.
   * @default 30_000
   */
  readonly timeoutMs?: number;
  /**
   * The whole call, retries and waits included.
   * @default 120_000
   */
  readonly deadlineMs?: number;
  /**
   * Largest response body read, after decompression.
   * @default 10_485_760 (10 MiB)
   */
  readonly maxBodyBytes?: number;
  /**
   * Redirects followed (same origin, or trusted origins without credentials).
   * @default 5
   */
  readonly maxRedirects?: number;
  /** Headers sent on every request, after the adapter's defaults. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A fetch implementation (tests, proxies). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /**
   * Origins a redirect may lead to besides the adapter's own download hosts (a proxy's, a mirror's), followed
   * WITHOUT credentials. Any other origin is refused (`invalid_response` / `redirect_refused`).
   * @example ['https://downloads.example.com']
   */
  readonly trustedRedirectOrigins?: readonly string[];
  /**
   * ky's `beforeRequest` and `afterResponse` hooks, run on every hop (docs/hooks-and-logging.md). Rosetta's rules
   * hold after them: a hop stays on its origin, gets no credential once it left the credential's origin, and
   * redirects, retries, redaction and classification stay Rosetta's.
   */
  readonly hooks?: import('./create-hop-sender').ClientHooks;
  /**
   * Logs the client's (redacted) events: `request`/`response` at debug, `rateLimitWait` at info, `retry` and
   * `warning` at warn, a failed call at error (an aborted one at warn). pino's signature; `console` fits.
   * @example pino({ level: 'info' })
   */
  readonly logger?: import('./log-events').Logger;
}

/**
 * How a success body is handed back. `json` (default): by its content type — JSON parsed, text declared as such
 * (CSV, Markdown, XML, any `charset`) as a string, binary types (archives, images) as bytes; HTML and undeclared
 * text are `invalid_response` (a login page or a proxy, not the API). `text`: the body as a string, whatever its
 * type. `bytes`: a `Uint8Array`. `stream`: a `ReadableStream<Uint8Array>`, unread and not bounded by
 * `maxBodyBytes`; the attempt timeout, the deadline, the signal and `close()` still end it. Errors are read and
 * classified the same way whatever the type.
 */
export type ResponseType = 'json' | 'text' | 'bytes' | 'stream';

/** A schema for a success body: anything implementing Standard Schema v1 (zod 4, valibot, arktype...). */
export interface SuccessSchema<T> {
  readonly '~standard': {
    readonly validate: (value: unknown) => SchemaResult<T> | Promise<SchemaResult<T>>;
  };
}

/** What a Standard Schema v1 validation returns: the value, or the issues. */
type SchemaResult<T> =
  | { readonly value: T; readonly issues?: undefined }
  | {
      readonly issues: ReadonlyArray<{
        readonly message: string;
        readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
      }>;
    };

/** One call. */
export interface RequestOptions<T = unknown> {
  /** @default 'GET' */
  readonly method?: HttpMethod;
  /** Path relative to the base URL. Absolute and protocol-relative URLs are refused. */
  readonly path: string;
  /** Values for `{name}` / `:name` placeholders in `path`, URL-encoded. */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Encoded per the adapter (JSON, or form for Stripe/Twilio); strings and bytes pass through. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as the adapter's idempotency header (or query parameter) and reused on every attempt; makes a POST retryable. */
  readonly idempotencyKey?: string;
  /**
   * `true`: this call only reads (a search or report sent as POST), so a POST or PATCH without an idempotency key may
   * be resent after a retryable failure, and its failure is not `possiblyProcessed`. Only widens the method rules.
   * Say it only when a second send is harmless. @default false
   */
  readonly safeToRepeat?: boolean;
  readonly signal?: AbortSignal;
  /** Validates a success body; a mismatch is an `invalid_response` error. */
  readonly schema?: SuccessSchema<T>;
  /** Limiter priority (lower runs first). @default 5 */
  readonly priority?: number;
  /** Overrides the client's per-attempt timeout. */
  readonly timeoutMs?: number;
  /** Overrides the client's whole-call deadline (retries and waits included). */
  readonly deadlineMs?: number;
  /** Overrides the client's retry policy for this call, member by member, or `false` for no retry. */
  readonly retry?: RetryOptions | false;
  /** How the success body is handed back. @default 'json' */
  readonly responseType?: ResponseType;
}

/** Per-call options of the `get/post/...` shorthands. */
export type CallOptions<T = unknown> = Omit<RequestOptions<T>, 'method' | 'path'>;

/** What a successful call returned besides its data. */
export interface ResponseMeta {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId?: string;
  readonly rateLimit?: import('../errors/types').RateLimitInfo;
  readonly attempts: number;
  /** The idempotency key sent, generated or given. */
  readonly idempotencyKey?: string;
}

/** Data plus {@link ResponseMeta}. */
export interface ResponseWithMeta<T> {
  readonly data: T;
  readonly meta: ResponseMeta;
}
