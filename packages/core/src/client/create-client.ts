import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import ky from 'ky';
import pRetry from 'p-retry';
import type { Adapter, HttpMethod } from '../adapter/types';
import { buildApiError } from '../classify/build-error';
import { adapterRedactor } from '../classify/normalize-response';
import type { ApiError } from '../errors/api-error';
import { createRedactor, type Redactor } from '../errors/redact';
import { createLimiter } from '../limit/create-limiter';
import type { Limiter } from '../limit/types';
import { createCircuitBreaker, type CircuitBreaker, type CircuitState } from '../retry/circuit-breaker';
import { decideRetry, type RetryStopReason } from '../retry/decide-retry';
import { createRetryBudget, type RetryBudget } from '../retry/retry-budget';
import { resolveRetryOptions } from '../retry/retry-options';
import { isSafeToRepeat } from '../retry/safe-to-repeat';
import { sleep } from '../retry/sleep';
import { buildUrl, expandPath } from '../transport/build-url';
import { encodeRequestBody } from '../transport/encode-request-body';
import { combineSignals, timeoutSignal } from '../transport/safe-signal';
import { STANDARD_CREDENTIAL_HEADERS } from '../transport/strip-credentials';
import { pickAuthScheme, resolveAuth } from './auth';
import { type ClientEventName, type ClientListener, createClientEvents } from './events';
import type { CallOptions, ClientOptions, RequestOptions, ResponseWithMeta } from './options';
import { createPaginator, type PaginateOptions } from './paginate';
import { attemptError, type AttemptSpec, sendAttempt } from './send-attempt';
import { successData } from './success-data';
import { type AbortContext, type FailureContext, toApiError } from './to-api-error';

/** A client for one provider. Every failure it throws is an {@link ApiError}. */
export interface Client<A extends Adapter = Adapter> {
  readonly adapter: A;
  /** Subscribes to a typed event; returns the unsubscribe function. */
  on<E extends ClientEventName>(event: E, listener: ClientListener<E>): () => void;
  /** Sends a request and resolves with the parsed body (`undefined` for an empty one). */
  request<T = unknown>(options: RequestOptions<T>): Promise<T>;
  /** Like {@link Client.request}, with status, headers, request id, rate limit and attempts. */
  requestWithMeta<T = unknown>(options: RequestOptions<T>): Promise<ResponseWithMeta<T>>;
  get<T = unknown>(path: string, options?: CallOptions<T>): Promise<T>;
  head<T = unknown>(path: string, options?: CallOptions<T>): Promise<T>;
  post<T = unknown>(path: string, options?: CallOptions<T>): Promise<T>;
  put<T = unknown>(path: string, options?: CallOptions<T>): Promise<T>;
  patch<T = unknown>(path: string, options?: CallOptions<T>): Promise<T>;
  delete<T = unknown>(path: string, options?: CallOptions<T>): Promise<T>;
  /** Iterates the items of a list endpoint, page by page, per the adapter's pagination descriptor. */
  paginate<T = unknown>(path: string, options?: PaginateOptions): AsyncIterable<T>;
  /** Tokens left in the retry budget (`undefined` when the budget is off). */
  readonly retryBudgetAvailable: number | undefined;
  /** State of the circuit breaker (`undefined` when none is configured). */
  readonly circuitState: CircuitState | undefined;
  /** Calls queued or running in the limiter. */
  readonly pending: number;
  /** Rejects queued and in-flight calls with `aborted` (`client_closed`), clears every timer. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_DEADLINE_MS = 120_000;
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
const DEFAULT_RATE_LIMIT_PAUSE_MS = 1_000;

/**
 * Creates a client for one provider.
 *
 * @example
 * const stripeClient = createClient(stripe, { auth: { apiKey: process.env.STRIPE_API_KEY } });
 * const customer = await stripeClient.get('/v1/customers/cus_123');
 */
export function createClient<A extends Adapter>(adapter: A, options: ClientOptions = {}): Client<A> {
  const baseUrl = options.baseUrl ?? adapter.baseUrl;
  const retry = resolveRetryOptions(adapter.retry, options.retry);
  const budget: RetryBudget | undefined = retry.budget === false ? undefined : createRetryBudget(retry.budget);
  const breaker: CircuitBreaker | undefined =
    retry.circuitBreaker === false ? undefined : createCircuitBreaker(retry.circuitBreaker);
  const events = createClientEvents();
  const limiter: Limiter | undefined = createLimiter(
    options.rateLimit === false ? false : { ...adapter.rateLimit, ...options.rateLimit },
    { onWait: (ms, reason) => events.emit('rateLimitWait', { ms, reason }) },
  );
  const base = adapterRedactor(adapter);
  const redactor: Redactor = createRedactor({ headers: [...base.secretHeaders], params: [...base.secretParams] });
  const scheme = pickAuthScheme(adapter, options.auth);
  const http = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const credentialHeaders = [...STANDARD_CREDENTIAL_HEADERS, ...redactor.secretHeaders];
  const credentialParams = [...redactor.secretParams];
  const closer = new AbortController();
  // Every call in flight listens on the close signal (and removes its listener when it settles):
  // many concurrent calls are normal, not a leak.
  setMaxListeners(0, closer.signal);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const baseHeaders = { accept: 'application/json', ...lower(adapter.defaultHeaders), ...lower(options.headers) };

  async function requestWithMeta<T>(call: RequestOptions<T>): Promise<ResponseWithMeta<T>> {
    const method = (call.method ?? 'GET').toUpperCase() as HttpMethod;
    const signals: AbortContext = { caller: call.signal, closed: closer.signal };
    let safeUrl = redactor.url(baseUrl);
    let attempts = 0;
    const context = (attempt: number, sig: AbortContext, notIdempotent: boolean): FailureContext => ({
      adapter,
      redactor,
      method,
      url: safeUrl,
      attempts: attempt,
      signals: sig,
      notIdempotent,
    });
    const fail = (thrown: unknown, notIdempotent = false): ApiError =>
      toApiError(thrown, context(attempts, signals, notIdempotent));

    if (closer.signal.aborted) throw fail(closer.signal.reason);
    let url: URL;
    try {
      const path = call.params === undefined ? call.path : expandPath(call.path, call.params);
      url = buildUrl(baseUrl, path, call.query);
      safeUrl = redactor.url(url.toString());
    } catch (thrown) {
      // The path was refused: name only the base URL, never the (possibly hostile) path.
      throw fail(thrown);
    }

    const idem = adapter.idempotency;
    const idempotencyKey =
      call.idempotencyKey ??
      (idem !== undefined && idem.generate !== false && (idem.methods ?? ['POST']).includes(method)
        ? randomUUID()
        : undefined);
    const headers: Record<string, string> = { ...baseHeaders, ...lower(call.headers) };
    if (idempotencyKey !== undefined) headers[(idem?.header ?? 'Idempotency-Key').toLowerCase()] = idempotencyKey;
    let encoded: ReturnType<typeof encodeRequestBody>;
    try {
      encoded = encodeRequestBody(call.body, adapter.bodyEncoding ?? 'json');
    } catch (thrown) {
      // A body that cannot be encoded (circular, BigInt, a stream that could not be replayed) is the caller's
      // request being malformed: nothing was sent.
      throw buildApiError({
        adapter,
        classification: {
          kind: 'validation',
          code: 'invalid_body',
          message: `request body cannot be encoded: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
          retryable: false,
          fieldErrors: [],
        },
        redactor,
        method,
        url: safeUrl,
        attempts: 0,
      });
    }
    if (encoded.contentType !== undefined && headers['content-type'] === undefined) {
      headers['content-type'] = encoded.contentType;
    }
    const notIdempotent = !isSafeToRepeat(method, idempotencyKey !== undefined);

    const spec: AttemptSpec = {
      adapter,
      http,
      redactor,
      events,
      method,
      url,
      safeUrl,
      headers,
      body: encoded.body,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
      maxRedirects: options.maxRedirects ?? 5,
      credentialHeaders,
      credentialParams,
    };

    const deadlineAt = Date.now() + deadlineMs;
    const deadline = timeoutSignal(deadlineMs);
    const callSignal = combineSignals([call.signal, closer.signal, deadline.signal]);
    const allSignals: AbortContext = { ...signals, deadline: deadline.signal };
    let plannedDelay = 0;
    let stopReason: RetryStopReason | undefined;
    let spent = 0;

    const oneAttempt = async (attempt: number): Promise<ResponseWithMeta<T>> => {
      const attemptTimeout = timeoutSignal(call.timeoutMs ?? timeoutMs);
      const combined = combineSignals([callSignal.signal, attemptTimeout.signal]);
      const ctx = { ...allSignals, attempt: attemptTimeout.signal };
      try {
        const auth = await resolveAuth(scheme, options.auth, redactor);
        const result = await sendAttempt(spec, auth, attempt, combined.signal);
        limiter?.observe(result.facts.rateLimit);
        if (result.reading.classification === null) {
          breaker?.record(true, Date.now());
          const data = await successData<T>(result, call.schema, spec, attempt);
          const warnings = adapter.warnings?.(result.reading.body);
          if (warnings !== undefined && warnings.length > 0) {
            events.emit('warning', { method, url: safeUrl, warnings: warnings.map((w) => redactor.text(w)) });
          }
          return {
            data,
            meta: {
              status: result.status,
              headers: redactor.headers(result.headers),
              attempts: attempt,
              ...(result.facts.requestId === undefined ? {} : { requestId: result.facts.requestId }),
              ...(result.facts.rateLimit === undefined ? {} : { rateLimit: result.facts.rateLimit }),
              ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
            },
          };
        }
        const error = attemptError(spec, result, attempt, notIdempotent);
        if (error.kind === 'rate_limited') limiter?.pause(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS);
        if (error.retryable) breaker?.record(false, Date.now());
        throw error;
      } catch (thrown) {
        const error = toApiError(thrown, context(attempt, ctx, notIdempotent));
        if (error !== thrown && error.retryable) breaker?.record(false, Date.now());
        throw error;
      } finally {
        attemptTimeout.clear();
        combined.dispose();
      }
    };

    try {
      if (breaker !== undefined) {
        const openFor = breaker.admit(Date.now());
        if (openFor > 0) {
          throw buildApiError({
            adapter,
            classification: {
              kind: 'unavailable',
              code: 'circuit_open',
              message: `circuit open after repeated failures; next probe in ${openFor} ms`,
              retryable: true,
              retryAfterMs: openFor,
              fieldErrors: [],
            },
            redactor,
            method,
            url: safeUrl,
            attempts: 0,
          });
        }
      }
      const result = await pRetry(
        async (attempt: number) => {
          attempts = attempt;
          if (attempt > 1) {
            try {
              await sleep(plannedDelay, callSignal.signal);
            } catch (thrown) {
              throw fail(thrown, notIdempotent);
            }
          }
          if (callSignal.signal.aborted || Date.now() >= deadlineAt) {
            // A busy event loop can pass the deadline on the clock before its timer fires: a deadline all the same.
            const passed = callSignal.signal.aborted ? allSignals : { ...allSignals, deadline: AbortSignal.abort() };
            throw toApiError(callSignal.signal.reason, context(attempt, passed, notIdempotent));
          }
          return limiter === undefined
            ? oneAttempt(attempt)
            : limiter.schedule(() => oneAttempt(attempt), {
                signal: callSignal.signal,
                ...(call.priority === undefined ? {} : { priority: call.priority }),
              });
        },
        {
          retries: retry.maxRetries,
          minTimeout: 0,
          maxTimeout: 0,
          factor: 1,
          randomize: false,
          shouldRetry: ({ error, attemptNumber }) => {
            const decision = decideRetry({
              error: error as ApiError,
              retry: attemptNumber,
              method,
              hasIdempotencyKey: idempotencyKey !== undefined,
              options: retry,
              budget,
              deadlineAt,
              now: Date.now(),
            });
            if (!decision.retry) {
              stopReason = decision.reason;
              return false;
            }
            spent += decision.cost;
            plannedDelay = decision.delayMs;
            events.emit('retry', {
              method,
              url: safeUrl,
              attempt: attemptNumber,
              delayMs: decision.delayMs,
              reason: (error as ApiError).kind,
              error: error as ApiError,
            });
            return true;
          },
        },
      );
      if (budget !== undefined && retry.budget !== false) {
        budget.refund(result.meta.attempts === 1 ? retry.budget.successRefund : spent);
      }
      return result;
    } catch (thrown) {
      const error = fail(thrown, notIdempotent);
      error.attempts = Math.max(attempts, 1);
      if (stopReason === undefined && attempts > retry.maxRetries) stopReason = 'max_retries';
      events.emit('error', { error, ...(stopReason === undefined ? {} : { stopReason }) });
      throw error;
    } finally {
      deadline.clear();
      callSignal.dispose();
    }
  }

  const request = async <T>(call: RequestOptions<T>): Promise<T> => (await requestWithMeta(call)).data;
  const shorthand =
    (method: HttpMethod) =>
    <T>(path: string, call: CallOptions<T> = {}): Promise<T> =>
      request<T>({ ...call, method, path });

  const client: Client<A> = {
    adapter,
    on: (event, listener) => events.on(event, listener),
    request,
    requestWithMeta,
    get: shorthand('GET'),
    head: shorthand('HEAD'),
    post: shorthand('POST'),
    put: shorthand('PUT'),
    patch: shorthand('PATCH'),
    delete: shorthand('DELETE'),
    paginate: <T>(path: string, paginate?: PaginateOptions) =>
      createPaginator<T>(adapter, baseUrl, requestWithMeta, path, paginate),
    get retryBudgetAvailable() {
      return budget?.available;
    },
    get circuitState() {
      return breaker?.state;
    },
    get pending() {
      return limiter?.pending ?? 0;
    },
    async close() {
      if (!closer.signal.aborted) closer.abort(new Error('client closed'));
      await limiter?.close('client closed');
      events.clear();
    },
  };
  return client;
}

function lower(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  for (const name of Object.keys(headers)) out[name.toLowerCase()] = headers[name] as string;
  return out;
}
