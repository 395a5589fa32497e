import type { Adapter, HttpMethod } from '../adapter/types';
import { answerRedactor } from '../classify/classify-response';
import { createLimiter } from '../limit/create-limiter';
import { resolveRateLimit } from '../limit/create-rate-limiter';
import { type CircuitState, createCircuitBreaker } from '../retry/circuit-breaker';
import { createRetryBudget } from '../retry/retry-budget';
import { checkAmount, resolveRetryOptions } from '../retry/retry-options';
import { toOrigins } from '../transport/redirects';
import { STANDARD_CREDENTIAL_HEADERS } from '../transport/strip-credentials';
import { type AppliedAuth, mergeHeaders, pickAuthScheme, resolveAuth } from './auth';
import type { OpenScopes } from './attempt-scope';
import { createClientFetch } from './client-fetch';
import { createHopSender } from './create-hop-sender';
import { type ClientEventName, type ClientListener, createClientEvents } from './events';
import { logEvents } from './log-events';
import type { CallOptions, ClientOptions, RequestOptions, ResponseWithMeta } from './options';
import { createPaginator, type Paginate } from './paginate';
import { type ClientState, createCredentialKey, runCall } from './run-call';

/** A client for one provider. Every failure it throws is an {@link ApiError}. */
export interface Client<A extends Adapter = Adapter> {
  readonly adapter: A;
  /** Subscribes to a typed event; returns the unsubscribe function. */
  on<E extends ClientEventName>(event: E, listener: ClientListener<E>): () => void;
  /** Sends a request and resolves with its data: the parsed body (`undefined` when empty), or per `responseType`. */
  readonly request: RequestCall;
  /** Like {@link Client.request}, with status, headers, request id, rate limit and attempts. */
  readonly requestWithMeta: RequestWithMetaCall;
  readonly get: ShorthandCall;
  readonly head: ShorthandCall;
  readonly post: ShorthandCall;
  readonly put: ShorthandCall;
  readonly patch: ShorthandCall;
  readonly delete: ShorthandCall;
  /** Iterates a list endpoint's items; `.pages()` yields whole pages with their response metadata. */
  readonly paginate: Paginate;
  /**
   * `fetch` through this client's limits, retries, deadline and credential rules, for an official SDK's custom
   * fetch (docs/with-official-sdks.md). Resolves with the final response, whatever its status; rejects only where
   * fetch would, with the call's {@link ApiError} as `cause`.
   * @example new Octokit({ request: { fetch: client.fetch } })
   */
  readonly fetch: typeof fetch;
  /** Tokens left in the retry budget (`undefined` when the budget is off). */
  readonly retryBudgetAvailable: number | undefined;
  /** State of the circuit breaker (`undefined` when none is configured). */
  readonly circuitState: CircuitState | undefined;
  /** Calls queued or running in the limiter. */
  readonly pending: number;
  /** Rejects queued and in-flight calls with `aborted` (`client_closed`), clears every timer. */
  close(): Promise<void>;
}

/** `client.request`: typed by its schema, or by its `responseType` (`text` -> string, `bytes` -> Uint8Array...). */
export interface RequestCall {
  <T = string>(options: RequestOptions<T> & { readonly responseType: 'text' }): Promise<T>;
  <T = Uint8Array>(options: RequestOptions<T> & { readonly responseType: 'bytes' }): Promise<T>;
  <T = ReadableStream<Uint8Array>>(options: RequestOptions<T> & { readonly responseType: 'stream' }): Promise<T>;
  <T = unknown>(options: RequestOptions<T>): Promise<T>;
}

/** `client.requestWithMeta`: like {@link RequestCall}, with the response's metadata. */
export interface RequestWithMetaCall {
  <T = string>(options: RequestOptions<T> & { readonly responseType: 'text' }): Promise<ResponseWithMeta<T>>;
  <T = Uint8Array>(options: RequestOptions<T> & { readonly responseType: 'bytes' }): Promise<ResponseWithMeta<T>>;
  <T = ReadableStream<Uint8Array>>(
    options: RequestOptions<T> & { readonly responseType: 'stream' },
  ): Promise<ResponseWithMeta<T>>;
  <T = unknown>(options: RequestOptions<T>): Promise<ResponseWithMeta<T>>;
}

/** `client.get/post/...`: a method's shorthand, typed like {@link RequestCall}. */
export interface ShorthandCall {
  <T = string>(path: string, options: CallOptions<T> & { readonly responseType: 'text' }): Promise<T>;
  <T = Uint8Array>(path: string, options: CallOptions<T> & { readonly responseType: 'bytes' }): Promise<T>;
  <T = ReadableStream<Uint8Array>>(
    path: string,
    options: CallOptions<T> & { readonly responseType: 'stream' },
  ): Promise<T>;
  <T = unknown>(path: string, options?: CallOptions<T>): Promise<T>;
}

const CREDENTIAL_FIELDS = ['apiKey', 'token', 'username', 'password'] as const;
const DEFAULTS = { timeoutMs: 30_000, deadlineMs: 120_000, maxBodyBytes: 10_485_760, maxRedirects: 5 };

/**
 * Creates a client for one provider.
 *
 * @throws RangeError when a numeric option is negative or not a number (a misconfiguration is reported once,
 *   here, not as a failure of every call).
 * @example
 * const stripeClient = createClient(stripe, { auth: { apiKey: process.env.STRIPE_API_KEY } });
 * const customer = await stripeClient.get('/v1/customers/cus_123');
 */
export function createClient<A extends Adapter>(adapter: A, options: ClientOptions = {}): Client<A> {
  const numbers = { ...DEFAULTS };
  // A count of redirects must be finite; durations and sizes may be Infinity (no limit).
  for (const name of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    numbers[name] = checkAmount(name, options[name] ?? DEFAULTS[name], name === 'maxRedirects');
  }
  const retry = resolveRetryOptions(adapter.retry, options.retry);
  const events = createClientEvents();
  // The adapter's rules in a redactor of this client's own: what it learns never reaches another client.
  const redactor = answerRedactor(adapter);
  // Known before the first call, so even its URL and events are redacted. Not `scheme`: a type ('basic') as a secret
  // would blank that word out of every path and message.
  for (const value of [...CREDENTIAL_FIELDS.map((field) => options.auth?.[field]), ...(options.secrets ?? [])]) {
    if (typeof value === 'string') redactor.addSecret(value);
  }
  const baseHeaders: Record<string, string> = { accept: 'application/json' };
  const credentialHeaders = [
    ...new Set([
      ...STANDARD_CREDENTIAL_HEADERS,
      ...redactor.secretHeaders,
      ...mergeHeaders(baseHeaders, adapter.defaultHeaders, redactor),
      ...mergeHeaders(baseHeaders, options.headers, redactor),
    ]),
  ];
  const scheme = pickAuthScheme(adapter, options.auth);
  // Strings are read once here; a token function runs before every attempt (never here: a refresh has effects).
  const dynamic = Object.values(options.auth ?? {}).some((value) => typeof value === 'function');
  // Without a function among them, resolveAuth answers at once (no promise).
  const staticAuth = dynamic ? undefined : (resolveAuth(scheme, options.auth, redactor) as AppliedAuth);
  // The credentials configured so far are never forgotten, however many values calls register after them.
  redactor.pinSecrets();
  const scopes: OpenScopes = { closed: false, live: new Set() };
  const { hooks, logger } = options;
  if (logger !== undefined) logEvents(events, logger, adapter.id);
  // The adapter's buckets with the user's overrides, in-process or shared through Redis; none when nothing limits.
  const limits = resolveRateLimit(adapter.limits, options.rateLimit);
  const trusted = options.trustedRedirectOrigins ?? [];
  for (const entry of trusted) {
    if (!/^https?:\/\/[^/]/i.test(entry) || !URL.canParse(entry)) {
      throw new TypeError(`trustedRedirectOrigins entries must be http(s) URLs, got ${JSON.stringify(entry)}`);
    }
  }

  const state: ClientState = {
    adapter,
    // Without hooks or a fetch of the caller's, each hop goes to the global fetch directly (docs/decisions/direct-fetch.md).
    http:
      options.fetch === undefined && hooks === undefined ? undefined : createHopSender(options.fetch, hooks, redactor),
    redactor,
    events,
    limiter:
      limits &&
      (limits.options.engine ?? createLimiter)(limits.buckets, limits.options, {
        onWait: (ms, reason, bucket) => events.emit('rateLimitWait', { ms, reason, bucket }),
      }),
    breaker: retry.circuitBreaker === false ? undefined : createCircuitBreaker(retry.circuitBreaker),
    budget: retry.budget === false ? undefined : createRetryBudget(retry.budget),
    retry,
    staticAuth,
    readAuth: async () => resolveAuth(scheme, options.auth, redactor),
    baseUrl: options.baseUrl ?? adapter.baseUrl,
    baseHeaders,
    ...numbers,
    credentialHeaders,
    // Only the adapter's own: the redactor's wider list (`token`, `sig`) would also strip a download host's signed
    // query; a credential under another name is caught by its value.
    credentialParams: [
      ...(adapter.credentialParams ?? []),
      ...(adapter.auth ?? []).flatMap((scheme) => (scheme.type === 'query' ? [scheme.param] : [])),
    ],
    trustedOrigins: toOrigins([...(adapter.trustedRedirectOrigins ?? []), ...trusted]),
    scopes,
    credentialKey: createCredentialKey(),
  };

  const requestWithMeta = async <T>(call: RequestOptions<T>): Promise<ResponseWithMeta<T>> =>
    await runCall(state, call);
  const request = async <T>(call: RequestOptions<T>): Promise<T> => (await runCall(state, call)).data;
  const shorthand =
    (method: HttpMethod) =>
    async <T>(path: string, call: CallOptions<T> = {}): Promise<T> => {
      // Not `{ ...call, method, path }`: on Node 20 a literal that opens with a spread costs 2-4 µs, and every later
      // read of it is slow (docs/benchmarks.md). The shorthand's method and path win, as they did there.
      const options: RequestOptions<T> = Object.assign({ method, path }, call);
      if (options.method !== method || options.path !== path) Object.assign(options, { method, path });
      return (await runCall(state, options)).data;
    };

  return {
    adapter,
    on: events.on,
    request,
    requestWithMeta,
    get: shorthand('GET'),
    head: shorthand('HEAD'),
    post: shorthand('POST'),
    put: shorthand('PUT'),
    patch: shorthand('PATCH'),
    delete: shorthand('DELETE'),
    paginate: createPaginator({ adapter, baseUrl: state.baseUrl, requestWithMeta, redactor }),
    fetch: createClientFetch(state),
    get retryBudgetAvailable() {
      return state.budget?.available;
    },
    get circuitState() {
      return state.breaker?.state;
    },
    get pending() {
      return state.limiter?.pending ?? 0;
    },
    async close() {
      // Again: a scope ended already keeps its first cause.
      scopes.closed = true;
      const reason = new Error('client closed');
      for (const end of [...scopes.live]) end(reason);
      await state.limiter?.close('client closed');
      events.clear();
    },
  };
}
