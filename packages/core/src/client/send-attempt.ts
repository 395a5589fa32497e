import type ky from 'ky';
import type { Adapter } from '../adapter/types';
import { buildApiError } from '../classify/build-error';
import { type ClassifiedResponse, classifyResponse } from '../classify/classify-response';
import { type HeaderMap, toHeaderMap } from '../classify/header-map';
import type { Redactor } from '../errors/redact';
import type { RateLimitInfo } from '../errors/types';
import type { RequestBody } from '../transport/encode-request-body';
import { readBody } from '../transport/read-body';
import { followRedirects } from '../transport/redirects';
import { stripCredentials, stripQueryParams } from '../transport/strip-credentials';
import type { AppliedAuth } from './auth';
import type { ClientEvents } from './events';

/** Everything one attempt needs; built once per call, reused by every attempt. */
export interface AttemptSpec {
  readonly adapter: Adapter;
  readonly http: typeof ky;
  readonly redactor: Redactor;
  readonly events: ClientEvents;
  readonly method: string;
  readonly url: URL;
  /** Redacted URL, for errors and events. */
  readonly safeUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: RequestBody | undefined;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  readonly credentialHeaders: readonly string[];
  readonly credentialParams: readonly string[];
}

/** A classified response of one attempt. */
export interface AttemptResult {
  readonly status: number;
  readonly headers: HeaderMap;
  readonly reading: ClassifiedResponse;
  /** Request id and rate-limit state, read for successes and errors alike. */
  readonly facts: { readonly requestId?: string | undefined; readonly rateLimit?: RateLimitInfo | undefined };
}

/**
 * Sends one attempt: credentials applied per hop, redirects followed by hand, the body read within
 * the size limit, the response classified. Throws transport faults and fetch errors as they come;
 * the caller turns them into `ApiError`s.
 */
export async function sendAttempt(
  spec: AttemptSpec,
  auth: AppliedAuth,
  attempt: number,
  signal: AbortSignal,
): Promise<AttemptResult> {
  const started = performance.now();
  if (spec.events.has('request')) {
    spec.events.emit('request', {
      method: spec.method,
      url: spec.safeUrl,
      attempt,
      headers: spec.redactor.headers(toHeaderMap({ ...spec.headers, ...auth.headers })),
    });
  }
  const response = await followRedirects({
    request: { url: spec.url, method: spec.method, headers: new Headers(spec.headers), body: spec.body },
    maxRedirects: spec.maxRedirects,
    trustedOrigins: spec.adapter.trustedRedirectOrigins ?? [],
    send: (hop) => {
      let url = hop.url;
      let headers: Headers;
      if (hop.withCredentials) {
        // A copy, so credentials never ride along into the next hop's headers.
        headers = new Headers(hop.headers);
        for (const [name, value] of Object.entries(auth.headers)) headers.set(name, value);
        if (Object.keys(auth.query).length > 0) {
          url = new URL(url);
          for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value);
        }
      } else {
        headers = stripCredentials(hop.headers, spec.credentialHeaders);
        url = stripQueryParams(url, spec.credentialParams);
      }
      return spec.http(url, {
        method: hop.method,
        headers,
        body: hop.body ?? null,
        signal,
        redirect: 'manual',
      });
    },
  });
  const bytes = await readBody(response, { maxBytes: spec.maxBodyBytes, signal });
  const headers = toHeaderMap(response.headers);
  // Read, classified and redacted once; the raw headers stay for the caller's meta.
  const reading = classifyResponse(
    spec.adapter,
    {
      status: response.status,
      headers,
      body: bytes.byteLength === 0 ? undefined : bytes,
      method: spec.method,
      url: spec.safeUrl,
    },
    spec.redactor,
  );
  const facts = reading.readings;
  if (spec.events.has('response')) {
    spec.events.emit('response', {
      method: spec.method,
      url: spec.safeUrl,
      attempt,
      status: response.status,
      durationMs: performance.now() - started,
      ...(facts.requestId === undefined ? {} : { requestId: facts.requestId }),
      ...(facts.rateLimit === undefined ? {} : { rateLimit: facts.rateLimit }),
    });
  }
  return { status: response.status, headers, reading, facts };
}

/** The {@link ApiError} for a classified error response of one attempt. */
export function attemptError(spec: AttemptSpec, result: AttemptResult, attempt: number, notIdempotent: boolean) {
  const c = result.reading.classification;
  if (c === null) throw new Error('attemptError called on a success');
  const processed =
    notIdempotent && (c.kind === 'server' || c.kind === 'unavailable' || c.kind === 'timeout')
      ? true
      : c.possiblyProcessed;
  return buildApiError({
    adapter: spec.adapter,
    classification: processed === undefined ? c : { ...c, possiblyProcessed: processed },
    redactor: spec.redactor,
    method: spec.method,
    url: spec.safeUrl,
    status: result.status,
    headers: result.headers,
    body: result.reading.body,
    attempts: attempt,
  });
}
