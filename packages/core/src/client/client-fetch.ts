// `client.fetch`: fetch's signature over a client's attempt loop, for official SDKs that take a custom fetch
// (docs/with-official-sdks.md). The SDK builds the request and reads the response; Rosetta paces, retries and guards.
import { buildApiError } from '../classify/build-error';
import type { HeaderMap } from '../classify/header-map';
import type { ApiError } from '../errors/api-error';
import type { Classification } from '../errors/types';
import type { QueryValue } from '../transport/build-url';
import { raceSignal } from '../transport/race-signal';
import { defined } from './defined';
import { openAttemptScope } from './attempt-scope';
import { classified, classifyFailure, safeCause } from './failure';
import { linkTarget } from './paginate-link-target';
import { type ClientState, runCall } from './run-call';

/** Statuses a `Response` may not have a body for (Fetch standard, "null body status"). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const utf8 = new TextDecoder();

/**
 * Builds `client.fetch`. The body is read once (every attempt resends the same bytes), the URL mapped onto the
 * client's base (another origin is refused), and the SDK's idempotency header is the call's key: none is generated,
 * so a POST without one is never resent after it may have been processed.
 */
export function createClientFetch(state: ClientState): typeof fetch {
  const { adapter, redactor } = state;
  const idempotencyHeader = adapter.idempotency?.header?.toLowerCase();
  return async (input, init) => {
    // Node's Request follows a signal with a listener it drops only once garbage-collected: a long-lived caller
    // signal would gather one per call. The call takes the signal itself; the Request is built without it.
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const request = new Request(input, { ...init, signal: null });
    const method = request.method;
    // What fetch rejects with for a request never sent.
    const refused = (classification: Classification, cause?: Error): Error =>
      rejected(
        buildApiError({
          adapter,
          classification,
          redactor,
          method,
          url: redactor.url(request.url),
          attempts: 0,
          cause,
        }),
        signal,
      );
    const target = linkTarget(request.url, new URL(state.baseUrl), state.baseUrl, adapter.baseUrl);
    if (!target.ok) {
      const why = `client.fetch refused ${target.origin}: outside the client's and the provider's base URL`;
      throw refused(classified('validation', 'fetch_origin_refused', why));
    }
    const headers: Record<string, string> = Object.fromEntries(request.headers);
    let body: Uint8Array | undefined;
    let deadlineMs = state.deadlineMs;
    if (request.body !== null) {
      // The SDK's body may be a stream it never ends: read within the call's deadline, its signal and close(), and
      // the read counts against the deadline. Only a call with a body pays for this scope.
      const started = Date.now();
      const scope = openAttemptScope(signal, state.scopes, started + deadlineMs);
      scope.awaitUntilDeadline();
      try {
        body = new Uint8Array(await raceSignal(request.arrayBuffer(), scope.signal));
      } catch (thrown) {
        throw refused(classifyFailure(thrown, scope.cause, redactor), safeCause(thrown, redactor));
      } finally {
        scope.dispose();
      }
      deadlineMs = Math.max(0, deadlineMs - (Date.now() - started));
    }
    // An empty header is no key: it makes nothing safe to repeat.
    const key = (idempotencyHeader === undefined ? undefined : headers[idempotencyHeader]) || undefined;
    const queryAt = target.path.indexOf('?');
    // The final attempt's answer as received: what an error status resolves with.
    let last: { status: number; headers: HeaderMap; bytes: Uint8Array<ArrayBuffer> | undefined } | undefined;
    const answer = (status: number, answered: HeaderMap, content: BodyInit | null): Response => {
      const response = new Response(NULL_BODY.has(status) ? null : content, { status, headers: { ...answered } });
      // What the SDK asked for: its own URL (fetch gives the final one; Rosetta's redirects stay below the SDK).
      Object.defineProperty(response, 'url', { value: request.url });
      return response;
    };
    try {
      const { data, meta } = await runCall(
        state,
        {
          method: method as 'GET',
          path: queryAt < 0 ? target.path : target.path.slice(0, queryAt),
          headers,
          body,
          deadlineMs,
          responseType: 'stream',
          ...defined({
            signal,
            query: queryAt < 0 ? undefined : toQuery(target.path.slice(queryAt)),
            idempotencyKey: key,
          }),
        },
        {
          credential: headers.authorization?.replace(/^\S+\s+/, ''),
          limitBody:
            state.limiter === undefined && state.adapter.safeToRepeat === undefined
              ? undefined
              : decoded(body, headers['content-type']),
          // A body read that fails fails as fetch's would (an SDK tells an abort by its name), the ApiError as cause.
          streamError: (error) => rejected(error, signal, true),
          onAnswer: (status, answered, bytes) => {
            // readBody's bytes are a fresh ArrayBuffer-backed copy.
            last = { status, headers: answered, bytes: bytes as Uint8Array<ArrayBuffer> | undefined };
          },
        },
      );
      const stream = data as ReadableStream<Uint8Array>;
      if (NULL_BODY.has(meta.status)) void stream.cancel();
      return answer(meta.status, last?.headers ?? {}, stream);
    } catch (thrown) {
      // runCall fails with the call's ApiError only.
      const error = thrown as ApiError;
      if (error.status !== undefined && last !== undefined)
        return answer(last.status, last.headers, last.bytes ?? null);
      throw rejected(error, signal);
    }
  };
}

/** What fetch (or, `reading`, its body) would have rejected with, carrying the call's `ApiError`. */
function rejected(error: ApiError, signal: AbortSignal | undefined, reading = false): Error {
  const kind = error.kind;
  // A caller's `AbortSignal.timeout()` fires as a TimeoutError in fetch: so it does here.
  const timedOut =
    kind === 'timeout' || (kind === 'aborted' && (signal?.reason as Error | undefined)?.name === 'TimeoutError');
  if (kind === 'aborted' || timedOut) {
    // Node's DOMException takes `{ name, cause }`; TypeScript's lib knows only the name form.
    return Object.assign(
      new DOMException(
        timedOut ? 'The operation was aborted due to timeout' : 'This operation was aborted',
        timedOut ? 'TimeoutError' : 'AbortError',
      ),
      { cause: error },
    );
  }
  // undici fails a body cut mid-way with `TypeError: terminated`.
  return new TypeError(reading ? 'terminated' : 'fetch failed', { cause: error });
}

/** A query string as query parameters, a repeated name as a list (`expand[]=a&expand[]=b`). */
function toQuery(search: string): Record<string, QueryValue> {
  const query: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(search)) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [seen, value].flat();
  }
  return query;
}

/** A form or JSON body decoded for the buckets that read it; anything else stays opaque to them. */
function decoded(body: Uint8Array | undefined, type: string | undefined): unknown {
  if (body === undefined || type === undefined) return undefined;
  try {
    const text = utf8.decode(body);
    if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
    return type.includes('json') ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
