// The attempt loop: one call, from its options to its data or its one ApiError. Read top to bottom:
// prepare -> for each attempt: wait, credentials, limiter, send, read + classify once, decide -> data or error.
import { createHash, randomUUID } from 'node:crypto';
import type { Adapter, HttpMethod } from '../adapter/types';
import { type BuildErrorInput, buildApiError } from '../classify/build-error';
import { type ClassifiedResponse, classifyResponse, redactClassification } from '../classify/classify-response';
import { type HeaderMap, toHeaderMap } from '../classify/header-map';
import { readHeaders } from '../classify/read-headers';
import type { ApiError } from '../errors/api-error';
import { isApiError } from '../errors/is-api-error';
import type { Redactor } from '../errors/redact';
import type { Classification } from '../errors/types';
import { isPermit, type LimitRequest, type Limiter, type Permit } from '../limit/types';
import type { CircuitBreaker } from '../retry/circuit-breaker';
import { decideRetry, isSafeToRepeat, type RetryStopReason } from '../retry/decide-retry';
import type { RetryBudget } from '../retry/retry-budget';
import { checkAmount, type ResolvedRetryOptions, resolveRetryOptions } from '../retry/retry-options';
import { buildUrl, expandPath } from '../transport/build-url';
import { encodeRequestBody } from '../transport/encode-request-body';
import { readBody } from '../transport/read-body';
import { cancelBody, noop, raceSignal } from '../transport/race-signal';
import { followRedirects } from '../transport/redirects';
import { stripCredentials, stripQueryParams } from '../transport/strip-credentials';
import { type AttemptScope, type OpenScopes, openAttemptScope, waitFor } from './attempt-scope';
import { type AppliedAuth, MISSING, mergeHeaders } from './auth';
import type { HopSender } from './create-hop-sender';
import type { ClientEvents } from './events';
import { classified, classifyFailure, learnSecretFields, safeCause } from './failure';
import type { RequestOptions, ResponseType, ResponseWithMeta, SuccessSchema } from './options';
import { handOverStream, streamsUnread, toResponseData } from './response-data';
import { defined } from './defined';

/** What every call of one client shares; built once by `createClient`. */
export interface ClientState {
  readonly adapter: Adapter;
  /** The caller's hooks or fetch, which may ignore the signal (so they are raced); none: hops go to the global fetch. */
  readonly http: HopSender | undefined;
  readonly redactor: Redactor;
  readonly events: ClientEvents;
  readonly limiter: Limiter | undefined;
  readonly breaker: CircuitBreaker | undefined;
  readonly budget: RetryBudget | undefined;
  readonly retry: ResolvedRetryOptions;
  /** The credentials read once, when they are strings; else `readAuth` reads them per attempt. */
  readonly staticAuth: AppliedAuth | undefined;
  readonly readAuth: () => Promise<AppliedAuth>;
  readonly baseUrl: string;
  readonly baseHeaders: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  readonly credentialHeaders: readonly string[];
  /** The adapter's credential query parameters, stripped when a redirect leaves their origin. */
  readonly credentialParams: readonly string[];
  /** Origins a redirect may lead to without credentials. */
  readonly trustedOrigins: ReadonlySet<string>;
  /** The attempts in flight, ended by `client.close()`. */
  readonly scopes: OpenScopes;
  /** Hashes the credential for the limiter's per-credential keys. */
  readonly credentialKey: (credential: string | undefined) => string;
}

/** A call ready to send, the same for every attempt. */
type Prepared = ReturnType<typeof prepare>;

/**
 * What `client.fetch` adds to a call: the SDK's credential and decoded body for the limiter, and every attempt's
 * answer as received (status, unredacted headers, bytes or undefined for an unread stream), for the SDK to read.
 */
interface RawCall {
  readonly credential: string | undefined;
  /** The SDK's body decoded, for the limiter and the adapter's `safeToRepeat`; undefined when neither reads it. */
  readonly limitBody: unknown;
  readonly onAnswer: (status: number, headers: HeaderMap, bytes: Uint8Array | undefined) => void;
  /** What a read of the handed-over stream fails with, from the call's error (fetch's errors, for an SDK). */
  readonly streamError: (error: ApiError) => unknown;
}

/** Runs one call to its end: the data with its metadata, or one {@link ApiError}. */
export async function runCall<T>(
  state: ClientState,
  call: RequestOptions<T>,
  raw?: RawCall,
): Promise<ResponseWithMeta<T>> {
  const { adapter, redactor, events, breaker } = state;
  const method = (call.method ?? 'GET').toUpperCase() as HttpMethod;
  let safeUrl = '';
  // A classification read from a response is redacted already; any other is redacted here.
  const fail: Fail = (c, attempts, extra = {}, redacted = false) =>
    buildApiError({
      adapter,
      classification: redacted ? c : redactClassification(c, redactor),
      redactor,
      method,
      url: safeUrl,
      attempts,
      ...extra,
    });
  let p: Prepared;
  try {
    p = prepare(state, call, method, raw === undefined, fail);
  } catch (error) {
    throw finish(state, error as ApiError);
  }
  safeUrl = redactor.url(p.url.href);
  // What the limiter and the adapter's `safeToRepeat` read of the body.
  const body = raw === undefined ? call.body : raw.limitBody;
  // Decided once, before the first attempt: whether to resend and whether a failure may have been applied agree.
  const notIdempotent =
    call.safeToRepeat !== true &&
    !isSafeToRepeat(adapter, { method, path: p.path, body }, p.idempotencyKey !== undefined);
  let delayMs = 0;
  let spent = 0;
  // Answers whose verdict documents a resend limit (`ClassifyVerdict.maxRetries`), counted across attempts.
  let capped: { answers: number; maxRetries: number } | undefined;

  for (let attempt = 1; ; attempt++) {
    const scope = openAttemptScope(call.signal, state.scopes, p.deadlineAt);
    let permit: Permit | undefined;
    let admitted = false;
    // A bucket took this attempt's throttle and holds the retry until the provider's time.
    let hintServed = false;
    // The adapter read the answer as a refusal the provider documents as not applied: resendable, any method.
    let notProcessed = false;
    // Refused before sending (circuit open, no credential): final for this call, never retried.
    let refused: ApiError | undefined;
    // A streamed body takes the scope with it: the stream disposes of it when it ends.
    let handedOver: ReadableStream<Uint8Array> | undefined;
    // Until the send, a failure (abort, close, deadline, limiter refusal) ends a call this attempt never joined.
    let sent = false;
    try {
      // No deadline timer for the backoff: decideRetry never schedules one that ends past the deadline.
      if (delayMs > 0) await waitFor(delayMs, scope.signal);
      if (scope.signal.aborted) throw scope.signal.reason;
      if (breaker !== undefined) {
        const openFor = breaker.admit(Date.now());
        if (openFor > 0) {
          refused = fail(
            classified('unavailable', 'circuit_open', `circuit open; next probe in ${openFor} ms`, {
              retryable: true,
              retryAfterMs: openFor,
            }),
            attempt - 1,
          );
          throw refused;
        }
        admitted = true;
      }
      let auth = state.staticAuth;
      if (auth === undefined) {
        scope.awaitUntilDeadline();
        auth = await raceSignal(state.readAuth(), scope.signal);
        // A token function's value is known to the redactor only now: redact again.
        safeUrl = redactor.url(p.url.href);
      }
      if (auth === MISSING) {
        const why = 'auth credential missing or empty; nothing sent';
        refused = fail(classified('authentication', 'missing_credential', why), attempt - 1);
        throw refused;
      }
      if (state.limiter !== undefined) {
        const credential = raw?.credential ?? auth.credential;
        const request: LimitRequest = {
          method,
          path: p.path,
          route: call.path,
          query: call.query,
          body,
          credentialKey: state.credentialKey(credential),
          ...defined({ credentialTag: credential === undefined ? undefined : adapter.credentialTag?.(credential) }),
        };
        const got = state.limiter.acquire(request, {
          signal: scope.signal,
          priority: call.priority ?? 5,
          retry: attempt > 1,
          deadlineAt: p.deadlineAt,
        });
        if (isPermit(got)) permit = got;
        else {
          scope.awaitUntilDeadline();
          // A permit granted as the abort wins (a waiter ahead left on the same caller signal; an engine deaf to it)
          // goes back at once: kept, its slot would hold every later call on that bucket.
          permit = await raceSignal(got, scope.signal, releaseLate);
        }
      }
      // A deadline the clock passed in the waits above (a busy loop) fires here: a deaf custom fetch would still send.
      if (!scope.startSend(p.timeoutMs)) throw scope.signal.reason;
      sent = true;
      const result = await sendAttempt(state, p, auth, attempt, safeUrl, scope);
      const { status, headers, reading, bytes } = result;
      const { requestId, rateLimit } = reading.readings;
      const c = reading.classification;
      raw?.onAnswer(status, headers, bytes);
      const throttled = c !== null && (c.kind === 'rate_limited' || c.kind === 'quota_exceeded');
      const answer = { status, headers, body: reading.body };
      hintServed =
        permit?.release({
          ...answer,
          now: Date.now(),
          rateLimit,
          throttle: throttled
            ? {
                kind: c.kind,
                ...defined({
                  retryAfterMs: c.retryAfterMs,
                  resetAt: c.rateLimit?.resetAt,
                  scope: c.rateLimit?.scope,
                  code: c.code,
                }),
              }
            : undefined,
        }) ?? false;
      permit = undefined;
      if (c !== null) {
        // A request not safe to repeat may have been processed when the server failed on it, unless the provider
        // documents this refusal as not applied.
        notProcessed = !!c.notProcessed;
        if (c.maxRetries !== undefined) {
          capped = {
            answers: (capped?.answers ?? 0) + 1,
            maxRetries: Math.min(capped?.maxRetries ?? c.maxRetries, c.maxRetries),
          };
        }
        const processed =
          !notProcessed &&
          (notIdempotent && (c.kind === 'server' || c.kind === 'unavailable' || c.kind === 'timeout')
            ? true
            : c.possiblyProcessed);
        throw fail({ ...c, possiblyProcessed: processed }, attempt, answer, true);
      }
      if (admitted) breaker?.record('success', Date.now());
      let data: unknown;
      if (bytes === undefined) {
        const toError = (thrown: unknown): unknown => {
          const error = finish(state, failure(thrown, scope, attempt, fail, redactor));
          return raw === undefined ? error : raw.streamError(error);
        };
        handedOver = handOverStream(result.stream, scope, state.http !== undefined, toError);
        data = handedOver;
      } else data = toResponseData(p.responseType, reading.body, bytes, headers['content-type']);
      if (call.schema !== undefined) {
        const got = data;
        data = await successData(call.schema, got, scope, (c) =>
          fail(learnSecretFields(c, got, redactor), attempt, answer),
        );
      }
      if (adapter.warnings !== undefined && events.has('warning')) {
        const warnings = adapter.warnings(reading.body, headers);
        if (warnings !== undefined && warnings.length > 0) {
          events.emit('warning', { method, url: safeUrl, warnings: warnings.map((w) => redactor.text(w)) });
        }
      }
      if (state.budget !== undefined && p.retry.budget !== false) {
        state.budget.refund(attempt === 1 ? p.retry.budget.successRefund : spent);
      }
      let safeHeaders: Readonly<Record<string, string>> | undefined;
      return {
        data: data as T,
        meta: {
          status,
          // Redacted on first read: most callers never look at a success's headers.
          get headers() {
            safeHeaders ??= redactor.headers(headers);
            return safeHeaders;
          },
          attempts: attempt,
          ...defined({ requestId, rateLimit, idempotencyKey: p.idempotencyKey }),
        },
      };
    } catch (thrown) {
      // Failed after the hand-over (its schema): nobody gets the stream, so its body and scope must go now.
      void handedOver?.cancel().catch(noop);
      if (refused !== undefined && thrown === refused) throw finish(state, refused);
      permit?.release(undefined);
      const error = isApiError(thrown) ? thrown : failure(thrown, scope, attempt, fail, redactor, notIdempotent);
      // `attempts` counts what was sent: an abort in the backoff before attempt 2 ends a call of 1 attempt.
      error.attempts = sent ? attempt : attempt - 1;
      if (admitted) breaker?.record(breakerOutcome(error), Date.now());
      const decision = decideRetry({
        error,
        retry: attempt,
        // A refusal the provider documents as not applied may be resent whatever the method.
        safeToRepeat:
          !notIdempotent ||
          notProcessed ||
          (error.kind === 'rate_limited' && adapter.throttleRefusesRequest !== undefined),
        limiterServesHint: hintServed,
        capped,
        options: p.retry,
        budget: state.budget,
        deadlineAt: p.deadlineAt,
        now: Date.now(),
      });
      // A non-retryable error is simply that; other stops say which rule ended the retries.
      if (typeof decision === 'string') {
        throw finish(state, error, decision === 'not_retryable' && !error.retryable ? undefined : decision);
      }
      spent += decision.cost;
      delayMs = decision.delayMs;
      if (events.has('retry')) {
        events.emit('retry', { method, url: safeUrl, attempt, delayMs, reason: error.kind, error });
      }
    } finally {
      if (handedOver === undefined) scope.dispose();
    }
  }
}

/** A permit that came after its attempt ended: nobody will use it. */
const releaseLate = (late: Permit): void => void late.release(undefined);

/** Short stable hashes, so limiter keys never hold a credential; the last one is remembered (hashed once). */
export function createCredentialKey(): (credential: string | undefined) => string {
  let last: string | undefined;
  let key = '';
  return (credential) => {
    if (credential === undefined) return '';
    if (credential !== last) {
      key = createHash('sha256').update(credential).digest('base64url').slice(0, 16);
      last = credential;
    }
    return key;
  };
}

/** What a failure knows besides its classification: the answer it read, the error behind it, another URL. */
type FailureExtra = Pick<BuildErrorInput, 'status' | 'headers' | 'body' | 'cause'> & { readonly url?: string };
type Fail = (c: Classification, attempts: number, extra?: FailureExtra, redacted?: boolean) => ApiError;

/**
 * Anything thrown during an attempt as its error. Cut mid-flight (a network failure or the attempt timeout, not
 * the deadline), a request not safe to repeat may have been processed.
 */
function failure(
  thrown: unknown,
  scope: AttemptScope,
  attempt: number,
  fail: Fail,
  redactor: Redactor,
  notIdempotent = false,
): ApiError {
  const c = classifyFailure(thrown, scope.cause, redactor);
  const midFlight = notIdempotent && (c.kind === 'network' || c.kind === 'timeout') && scope.cause !== 'deadline';
  return fail(midFlight ? { ...c, possiblyProcessed: true } : c, attempt, { cause: safeCause(thrown, redactor) });
}

/** Aborts, timeouts and refusals that never reached the provider tell the breaker nothing. */
function breakerOutcome(error: ApiError): 'success' | 'failure' | 'neutral' {
  if (error.status !== undefined) return error.retryable ? 'failure' : 'success';
  if (error.kind === 'network' || (error.kind === 'timeout' && error.code === 'attempt_timeout')) return 'failure';
  return 'neutral';
}

function finish(state: ClientState, error: ApiError, stopReason?: RetryStopReason): ApiError {
  if (state.events.has('error')) state.events.emit('error', { error, ...defined({ stopReason }) });
  return error;
}

const RESPONSE_TYPES: ReadonlySet<string> = new Set<ResponseType>(['json', 'text', 'bytes', 'stream']);

/**
 * Everything an attempt sends that does not change between attempts. It throws the call's error (from `fail`)
 * when the call is malformed: nothing is sent.
 */
function prepare<T>(state: ClientState, call: RequestOptions<T>, method: HttpMethod, generate: boolean, fail: Fail) {
  const { redactor } = state;
  // Until the call's URL is built, a failure names only the base URL, never the (possibly hostile) path.
  const refuse = (c: Classification, url = state.baseUrl, thrown?: unknown): ApiError =>
    fail(c, 0, { url: redactor.url(url), cause: safeCause(thrown, redactor) });
  let timeoutMs: number;
  let deadlineMs: number;
  let retry = state.retry;
  const responseType = call.responseType ?? 'json';
  try {
    timeoutMs = checkAmount('timeoutMs', call.timeoutMs ?? state.timeoutMs);
    deadlineMs = checkAmount('deadlineMs', call.deadlineMs ?? state.deadlineMs);
    // A JavaScript caller's 'blob' or 'arrayBuffer' would otherwise succeed with no data at all.
    if (!RESPONSE_TYPES.has(responseType)) {
      throw new TypeError(`responseType must be json, text, bytes or stream, got ${String(responseType).slice(0, 40)}`);
    }
    if (call.retry !== undefined) retry = resolveRetryOptions(state.retry, call.retry);
  } catch (thrown) {
    throw refuse(classified('validation', 'invalid_option', (thrown as Error).message));
  }
  const deadlineAt = Date.now() + deadlineMs;

  let url: URL;
  let apiPath: string;
  try {
    const path = call.params === undefined ? call.path : expandPath(call.path, call.params);
    url = buildUrl(state.baseUrl, path, call.query);
    // The API path as documented (no query, no proxy prefix): buckets and `classify` hooks route on it.
    apiPath = `/${path.replace(/[?#].*$/s, '').replace(/^\/+/, '')}`;
  } catch (thrown) {
    throw refuse(classifyFailure(thrown, undefined, redactor), state.baseUrl, thrown);
  }

  // Object.assign, not a spread: a copy to add members to is 5-10x cheaper so on Node 20.
  const headers: Record<string, string> = Object.assign({}, state.baseHeaders);
  const secretNames = mergeHeaders(headers, call.headers, redactor);
  const credentialHeaders =
    secretNames.length === 0 ? state.credentialHeaders : [...new Set([...state.credentialHeaders, ...secretNames])];
  const idem = state.adapter.idempotency;
  const param = idem?.param;
  // A key the caller put in the query by hand is the call's key (an empty one is none).
  const inQuery = param === undefined ? undefined : url.searchParams.get(param) || undefined;
  const idempotencyKey =
    call.idempotencyKey ??
    inQuery ??
    (generate && idem !== undefined && idem.generate !== false && (idem.methods?.includes(method) ?? method === 'POST')
      ? randomUUID()
      : undefined);
  if (idempotencyKey !== undefined && idempotencyKey !== inQuery) {
    if (param === undefined) headers[idem?.header?.toLowerCase() ?? 'idempotency-key'] = idempotencyKey;
    else url.searchParams.set(param, idempotencyKey);
  }

  let encoded: ReturnType<typeof encodeRequestBody>;
  try {
    encoded = encodeRequestBody(call.body, state.adapter.bodyEncoding ?? 'json');
  } catch (thrown) {
    // A body that cannot be encoded (circular, BigInt) is the caller's request being malformed: nothing is sent.
    const why = thrown instanceof Error ? thrown.message : String(thrown);
    throw refuse(classified('validation', 'invalid_body', `request body cannot be encoded: ${why}`), url.href);
  }
  if (encoded.contentType !== undefined && headers['content-type'] === undefined) {
    headers['content-type'] = encoded.contentType;
  }
  return {
    method,
    url,
    path: apiPath,
    headers,
    body: encoded.body,
    idempotencyKey,
    credentialHeaders,
    retry,
    timeoutMs,
    deadlineAt,
    responseType,
    call,
  };
}

/**
 * Registers the request body's credentials (a token request's `client_secret=`, a login's `password`): an error that
 * quotes the request echoes them. Only on an error: a push API's device `token`, new on every call, would otherwise
 * churn the redactor's bounded memory. A string is a form here (a JSON one yields no secret name); bytes (an upload,
 * an SDK's body) are not walked. Whether it found any.
 */
function learnBodySecrets(body: unknown, redactor: Redactor): boolean {
  if (body == null || ArrayBuffer.isView(body)) return false;
  try {
    const fields = typeof body === 'string' ? new URLSearchParams(body) : body;
    const members =
      fields instanceof URLSearchParams || fields instanceof FormData ? Object.fromEntries(fields) : fields;
    const secrets = redactor.carried({}, members);
    for (const secret of secrets) redactor.addSecret(secret);
    return secrets.length > 0;
  } catch {
    // A body whose getter throws (sent through its toJSON) has no readable member: the answer is read as it is.
    return false;
  }
}

/** One attempt on the wire: credentials applied per hop, redirects followed by hand, the body read within bounds. */
async function sendAttempt(
  state: ClientState,
  p: Prepared,
  auth: AppliedAuth,
  attempt: number,
  safeUrl: string,
  scope: AttemptScope,
) {
  const { events, redactor } = state;
  const started = events.has('response') ? performance.now() : 0;
  if (events.has('request')) {
    events.emit('request', {
      method: p.method,
      url: safeUrl,
      attempt,
      headers: redactor.headers(toHeaderMap({ ...p.headers, ...auth.headers })),
    });
  }
  const signal = scope.signal;
  const response = await followRedirects({
    request: p,
    maxRedirects: state.maxRedirects,
    trustedOrigins: state.trustedOrigins,
    send: (hop) => {
      let url = hop.url;
      // A same-origin redirect may carry a credential the provider made up (`?access_token=`): learned, so the answer
      // that follows cannot echo it (redacting the URL registers it). Not off-origin: a download host's own signed
      // query would then count as a credential and be stripped from its own URL.
      if (url !== p.url && hop.withCredentials) redactor.url(url.href);
      let headers: Headers | Record<string, string>;
      if (hop.withCredentials) {
        // A copy, so credentials never ride along into the next hop's headers.
        if (hop.headers instanceof Headers) {
          headers = new Headers(hop.headers);
          for (const name in auth.headers) headers.set(name, auth.headers[name] as string);
        } else headers = Object.assign({}, hop.headers, auth.headers);
        for (const name in auth.query) {
          // A copy: the hop's URL is the call's, shared by every attempt.
          if (url === hop.url) url = new URL(url);
          url.searchParams.set(name, auth.query[name] as string);
        }
      } else {
        headers = stripCredentials(hop.headers, p.credentialHeaders);
        // A value the redactor knows (the credential, a token read this attempt) never leaves its origin, whatever its name.
        url = stripQueryParams(url, state.credentialParams, (value) => redactor.text(value) !== value);
      }
      const init = { method: hop.method, headers, body: hop.body ?? null, signal, redirect: 'manual' } as const;
      // A Request and its hooks cost a hop ~50 µs (docs/decisions/direct-fetch.md): only the caller's hooks or fetch
      // go through the hop sender; the default path goes to fetch (read at call time) directly.
      if (state.http === undefined) return fetch(url, init);
      return raceSignal(
        state.http(url, init, hop.withCredentials ? undefined : p.credentialHeaders),
        signal,
        cancelBody,
      );
    },
  });
  const headers = toHeaderMap(response.headers);
  let bytes: Uint8Array | undefined;
  let reading: ClassifiedResponse;
  if (streamsUnread(p.responseType, response.status, headers['content-type'])) {
    // The caller reads this body: only its headers are read here.
    const readings = readHeaders(state.adapter, headers, Date.now(), redactor.text);
    reading = { classification: null, body: undefined, readings, redactor };
  } else {
    bytes = await readBody(response, { maxBytes: state.maxBodyBytes, signal, race: state.http !== undefined });
    if (response.status >= 400) learnBodySecrets(p.call.body, redactor);
    // Read, classified and redacted once; the raw headers stay for the caller's meta.
    const classify = (body: Uint8Array): ClassifiedResponse =>
      classifyResponse(
        state.adapter,
        {
          status: response.status,
          headers,
          body: body.byteLength === 0 ? undefined : body,
          method: p.method,
          url: safeUrl,
          // Redacted: a path parameter may carry a credential, and hooks may quote the path.
          path: redactor.text(p.path),
          raw: p.responseType !== 'json',
        },
        redactor,
      );
    reading = classify(bytes);
    // An error answered with a 2xx (Slack's `ok: false`) may quote the request's `token=` too: read again knowing it.
    if (reading.classification !== null && response.status < 400 && learnBodySecrets(p.call.body, redactor)) {
      reading = classify(bytes);
    }
  }
  if (events.has('response')) {
    events.emit('response', {
      method: p.method,
      url: safeUrl,
      attempt,
      status: response.status,
      durationMs: performance.now() - started,
      ...defined({ requestId: reading.readings.requestId, rateLimit: reading.readings.rateLimit }),
    });
  }
  // `bytes` undefined: the body is unread, for the caller to stream.
  return { status: response.status, headers, reading, bytes, stream: response.body };
}

/** The data of a success validated by the call's schema; an async validator races the attempt's signal too. */
async function successData<T>(
  schema: SuccessSchema<T>,
  body: unknown,
  scope: AttemptScope,
  fail: (c: Classification) => ApiError,
): Promise<T> {
  const outcome = await raceSignal(schema['~standard'].validate(body), scope.signal);
  if (outcome.issues === undefined) return outcome.value;
  // The first 20 issues say what is wrong; a huge list would only bloat the error.
  const fieldErrors = outcome.issues.slice(0, 20).map((issue) => ({
    path: (issue.path ?? []).map((s) => String(typeof s === 'object' && s !== null ? s.key : s)).join('.'),
    message: issue.message,
    code: 'schema_mismatch',
  }));
  const why = `response does not match the schema (${fieldErrors.length} issues)`;
  throw fail(classified('invalid_response', 'schema_mismatch', why, { fieldErrors }));
}
