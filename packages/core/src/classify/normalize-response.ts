import type { Adapter } from '../adapter/types';
import { type ApiError, withoutStack } from '../errors/api-error';
import { createRedactor, type Redactor } from '../errors/redact';
import { buildApiError } from './build-error';
import { classifyResponse } from './classify-response';
import { type HeadersInput, toHeaderMap } from './header-map';

/** A captured response, as {@link normalizeResponse} takes it. */
export interface ResponseInput {
  readonly status: number;
  /** A `Headers` or a plain object in any letter case. */
  readonly headers?: HeadersInput;
  /** Parsed JSON, a string, bytes, or undefined. */
  readonly body?: unknown;
  /** @default 'GET' */
  readonly method?: string;
  /** @default the adapter's base URL */
  readonly url?: string;
}

const redactors = new WeakMap<Adapter, Redactor>();

/** The redactor for an adapter's declared credential headers and parameters (no secret values). */
export function adapterRedactor(adapter: Adapter): Redactor {
  let redactor = redactors.get(adapter);
  if (redactor === undefined) {
    const headers = [...(adapter.credentialHeaders ?? [])];
    const params = [...(adapter.credentialParams ?? [])];
    for (const scheme of adapter.auth ?? []) {
      if (scheme.type === 'header') headers.push(scheme.header);
      if (scheme.type === 'query') params.push(scheme.param);
    }
    redactor = createRedactor({ headers, params });
    redactors.set(adapter, redactor);
  }
  return redactor;
}

/**
 * Classifies a captured response without any network: `null` for a real success, an {@link ApiError}
 * for anything that is an error in fact, whatever its HTTP status.
 *
 * @example
 * const err = normalizeResponse(slack, { status: 200, body: { ok: false, error: 'ratelimited' } });
 * err?.kind; // 'rate_limited'
 */
export function normalizeResponse(adapter: Adapter, response: ResponseInput): ApiError | null {
  const headers = toHeaderMap(response.headers);
  const method = (response.method ?? 'GET').toUpperCase();
  const shared = adapterRedactor(adapter);
  const rawUrl = response.url ?? adapter.baseUrl;
  // A URL may carry credentials (`?api_key=`, `user:pass@`) that the redactor learns while stripping them:
  // learn them in a redactor of this call only, so the adapter's shared one never collects secrets across calls.
  const redactor =
    rawUrl.includes('?') || rawUrl.includes('@')
      ? createRedactor({ headers: [...shared.secretHeaders], params: [...shared.secretParams] })
      : shared;
  const url = redactor.url(rawUrl);
  const reading = classifyResponse(adapter, { status: response.status, headers, body: response.body, method, url });
  const classification = reading.classification;
  if (classification === null) return null;
  return withoutStack(() =>
    buildApiError({
      adapter,
      classification,
      redactor,
      method,
      url,
      status: response.status,
      headers,
      body: reading.body,
    }),
  );
}
