import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Attributes,
  context,
  type MeterProvider,
  metrics,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { type Client, isApiError } from '@rosetta/core';
import { HTTP, KNOWN_METHODS, ROSETTA } from './attributes';
import { createInstruments } from './instruments';

/** Options of {@link instrumentClient}. */
export interface InstrumentOptions {
  /** @default the global tracer provider (`trace.getTracerProvider()`) */
  readonly tracerProvider?: TracerProvider;
  /** @default the global meter provider (`metrics.getMeterProvider()`) */
  readonly meterProvider?: MeterProvider;
}

const SCOPE = '@rosetta/opentelemetry';
const VERSION = '0.1.0';

/** What one call's span has learned from the client's events so far. */
interface CallScope {
  readonly span: Span;
  attempts: number;
  status?: number;
  stopReason?: string;
  server?: Attributes;
  /** The span's name without its route, and the route as the call was written, until a redacted URL vets it. */
  readonly method: string;
  route?: string | undefined;
}

/** The call methods wrapped; everything else of the client is the client's own. */
type Shorthand = 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete';
const SHORTHANDS: readonly Shorthand[] = ['get', 'head', 'post', 'put', 'patch', 'delete'];

/**
 * Traces and measures a Rosetta client with OpenTelemetry: a `CLIENT` span per call, following the HTTP client
 * semantic conventions (`http.request.method`, `server.address`, `server.port`, `url.full` as Rosetta redacted it,
 * `url.template`, `http.response.status_code`, `http.request.resend_count`, `error.type` = the Rosetta kind), with
 * `rosetta.provider`, an event per attempt and per retry (its reason and delay), and the W3C `traceparent` sent to
 * the provider. Metrics: `http.client.request.duration`, and counters of retries, rate-limit waits and quota stops.
 * Nothing secret reaches an attribute: URLs and errors come from Rosetta's redacted events and errors, and no header
 * is recorded. Returns a client to use instead of the given one; `close()` closes both.
 *
 * @example
 * const client = instrumentClient(createClient(github, { auth: { token } }));
 * await client.get('/repos/{owner}/{repo}', { params: { owner: 'octocat', repo: 'hello-world' } });
 */
export function instrumentClient<C extends Client>(client: C, options: InstrumentOptions = {}): C {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE, VERSION);
  const instruments = createInstruments((options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE, VERSION));
  const provider = client.adapter.id;
  // Events are emitted inside the call that caused them (the call's async context), so each finds its span here.
  const calls = new AsyncLocalStorage<CallScope>();

  const unsubscribe = [
    client.on('request', (e) => {
      const scope = calls.getStore();
      if (scope === undefined) return;
      scope.attempts = e.attempt;
      if (scope.server === undefined) {
        scope.server = serverOf(e.url);
        scope.span.setAttributes({ ...scope.server, [HTTP.urlFull]: e.url });
        nameAfterRoute(scope, e.url);
      }
    }),
    client.on('response', (e) => {
      const scope = calls.getStore();
      if (scope === undefined) return;
      scope.status = e.status;
      scope.span.addEvent('rosetta.attempt', {
        [ROSETTA.attempt]: e.attempt,
        [HTTP.statusCode]: e.status,
        [ROSETTA.durationMs]: Math.round(e.durationMs),
      });
    }),
    client.on('retry', (e) => {
      instruments.retries.add(1, { [ROSETTA.provider]: provider, [ROSETTA.retryReason]: e.reason });
      calls.getStore()?.span.addEvent('rosetta.retry', {
        [ROSETTA.attempt]: e.attempt,
        [ROSETTA.retryReason]: e.reason,
        [ROSETTA.retryDelayMs]: Math.round(e.delayMs),
      });
    }),
    client.on('error', (e) => {
      const scope = calls.getStore();
      if (scope !== undefined && e.stopReason !== undefined) scope.stopReason = e.stopReason;
    }),
    // The limiter lets held calls go from its own timers, outside the calls' contexts: measured, not attributed.
    client.on('rateLimitWait', (e) => {
      const attributes = { [ROSETTA.provider]: provider, [ROSETTA.bucket]: e.bucket, [ROSETTA.waitReason]: e.reason };
      instruments.throttles.add(1, attributes);
      instruments.throttleWait.record(e.ms / 1000, attributes);
    }),
  ];

  /** Runs one call in its span: starts it, sends `traceparent`, ends it with the outcome. */
  function traced<T>(
    method: string,
    route: string | undefined,
    send: (inject: (headers: Record<string, string>) => void) => Promise<T>,
    outcome: (value: T) => number | undefined = () => undefined,
  ): Promise<T> {
    const upper = method.toUpperCase();
    const known = KNOWN_METHODS.has(upper);
    const attributes: Attributes = {
      [HTTP.method]: known ? upper : '_OTHER',
      ...(known ? {} : { [HTTP.methodOriginal]: method }),
      [ROSETTA.provider]: provider,
    };
    const name = known ? upper : 'HTTP';
    const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes });
    // The route joins the name once a redacted URL shows it holds no credential; never its query (`?access_token=`).
    const scope: CallScope = { span, attempts: 0, method: name, route: route?.replace(/[?#].*/s, '') };
    const started = performance.now();
    const inject = (headers: Record<string, string>): void =>
      propagation.inject(trace.setSpan(context.active(), span), headers);
    const finish = (error: unknown, value?: T): void => {
      const status = error === undefined ? (outcome(value as T) ?? scope.status) : statusOf(error, scope);
      const end: Attributes = {
        ...(status === undefined ? {} : { [HTTP.statusCode]: status }),
        ...(scope.attempts > 1 ? { [HTTP.resendCount]: scope.attempts - 1 } : {}),
      };
      let errorType: string | undefined;
      // A call that failed before it was sent (a refused path, a full queue): its error's URL is redacted too.
      if (isApiError(error) && error.request !== undefined) nameAfterRoute(scope, error.request.url);
      if (error !== undefined) {
        errorType = isApiError(error) ? error.kind : '_OTHER';
        Object.assign(end, {
          [HTTP.errorType]: errorType,
          ...(isApiError(error) && error.code !== undefined ? { [ROSETTA.errorCode]: error.code } : {}),
          ...(isApiError(error) ? { [ROSETTA.retryable]: error.retryable } : {}),
          ...(scope.stopReason === undefined ? {} : { [ROSETTA.stopReason]: scope.stopReason }),
        });
        // Rosetta's message is redacted; a stack would only name files.
        const message = error instanceof Error ? error.message : String(error);
        span.recordException({ name: error instanceof Error ? error.name : 'Error', message });
        span.setStatus({ code: SpanStatusCode.ERROR, message });
        if (isApiError(error) && error.kind === 'quota_exceeded')
          instruments.quotaStops.add(1, { [ROSETTA.provider]: provider });
      } else if (status !== undefined && status >= 400) {
        // A response the caller asked for raw (`client.fetch`): an error by its status, as the conventions say.
        errorType = String(status);
        end[HTTP.errorType] = errorType;
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.setAttributes(end);
      span.end();
      instruments.duration.record((performance.now() - started) / 1000, {
        [HTTP.method]: attributes[HTTP.method],
        [ROSETTA.provider]: provider,
        ...scope.server,
        ...(status === undefined ? {} : { [HTTP.statusCode]: status }),
        ...(errorType === undefined ? {} : { [HTTP.errorType]: errorType }),
      });
    };
    return calls.run(scope, () =>
      send(inject).then(
        (value) => {
          finish(undefined, value);
          return value;
        },
        (error: unknown) => {
          finish(error ?? new Error('rejected without a reason'));
          throw error;
        },
      ),
    );
  }

  const withTrace = <O extends { readonly headers?: Readonly<Record<string, string>> }>(
    options: O | undefined,
    inject: (headers: Record<string, string>) => void,
  ): O => {
    const headers: Record<string, string> = { ...options?.headers };
    inject(headers);
    return { ...(options as O), headers };
  };

  type Options = {
    readonly method?: string;
    readonly path: string;
    readonly headers?: Readonly<Record<string, string>>;
  };
  const request = (options: Options) =>
    traced(options.method ?? 'GET', options.path, (inject) =>
      (client.request as (o: Options) => Promise<unknown>)(withTrace(options, inject)),
    );
  const requestWithMeta = (options: Options) =>
    traced(
      options.method ?? 'GET',
      options.path,
      (inject) =>
        (client.requestWithMeta as (o: Options) => Promise<{ meta: { status: number } }>)(withTrace(options, inject)),
      (result) => result.meta.status,
    );
  const shorthand =
    (name: Shorthand) => (path: string, options?: { readonly headers?: Readonly<Record<string, string>> }) =>
      traced(name.toUpperCase(), path, (inject) =>
        (client[name] as (p: string, o: object) => Promise<unknown>)(path, withTrace(options, inject)),
      );
  const fetchTraced = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    return traced(
      method,
      undefined,
      (inject) => {
        const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
        const carrier: Record<string, string> = {};
        inject(carrier);
        for (const [name, value] of Object.entries(carrier)) headers.set(name, value);
        return client.fetch(input, { ...init, headers });
      },
      (response) => response.status,
    );
  };

  const wrapped: Record<PropertyKey, unknown> = {
    request,
    requestWithMeta,
    fetch: fetchTraced,
    close: async () => {
      for (const off of unsubscribe) off();
      await client.close();
    },
  };
  for (const name of SHORTHANDS) wrapped[name] = shorthand(name);
  return new Proxy(client, {
    get: (target, property) =>
      Object.hasOwn(wrapped, property) ? wrapped[property] : Reflect.get(target, property, target),
  });
}

/**
 * Names a call's span after its route (`GET /repos/{owner}/{repo}`), once: a literal segment the client redacted in
 * the URL it sent (a webhook's token written into the path, a value named in `secrets`) shows as redacted there.
 * Every literal segment must be the URL's own: a route that does not line up with it (refused before sending, so
 * the URL is the base URL; `..` resolved away) names nothing, since its literals were never vetted by redaction.
 */
function nameAfterRoute(scope: CallScope, url: string): void {
  const route = scope.route;
  if (route === undefined) return;
  scope.route = undefined;
  let sent: string[];
  try {
    sent = new URL(url).pathname.split('/');
  } catch {
    return;
  }
  const parts = route.split('/');
  // The URL's path may start with the base URL's prefix (`/v1`): the route is its end.
  const offset = sent.length - parts.length;
  if (offset < 0) return;
  const template: string[] = [];
  for (const [i, part] of parts.entries()) {
    const segment = sent[offset + i] as string;
    // The route's leading slash (an empty first part) meets the prefix's last segment.
    if ((i === 0 && part === '') || fits(part, segment)) template.push(part);
    else if (segment.includes('[REDACTED]')) template.push(segment);
    else return;
  }
  scope.span.setAttribute(HTTP.urlTemplate, template.join('/'));
  scope.span.updateName(`${scope.method} ${template.join('/')}`);
}

/** A path parameter as core's URL builder reads it: `{name}` anywhere, `:name` at a segment's start. */
const PLACEHOLDER = /\{[A-Za-z_$][\w$]*\}|^:[A-Za-z_$][\w$]*/g;

/** Whether a route's segment (`{id}.json`) became the sent one with its literal pieces as they are (none redacted). */
function fits(part: string, segment: string): boolean {
  // Most segments are literal: compared as they are, without a pattern built per call.
  if (!part.includes('{') && !part.startsWith(':')) return part === segment;
  const pieces = part.split(PLACEHOLDER).map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${pieces.join('.*')}$`, 's').test(segment);
}

/** `server.address` and `server.port` of a (redacted) URL; the port also when it is the scheme's default. */
function serverOf(url: string): Attributes {
  try {
    const { hostname, port, protocol } = new URL(url);
    const number = port === '' ? (protocol === 'http:' ? 80 : 443) : Number(port);
    return { [HTTP.serverAddress]: hostname, [HTTP.serverPort]: number };
  } catch {
    return {};
  }
}

/** The status of a failed call: the provider's, when the error came from a response. */
function statusOf(error: unknown, scope: CallScope): number | undefined {
  if (isApiError(error)) return error.status ?? undefined;
  return scope.status;
}
