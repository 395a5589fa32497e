import type { Adapter } from '../adapter/types';
import { type ApiError, withoutStack } from '../errors/api-error';
import { addCredential } from '../errors/redact';
import { buildApiError } from './build-error';
import { adapterRedactor, answerRedactor, classifyResponse } from './classify-response';
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
  /**
   * The request's credentials (a token, a key, an `Authorization` value with its scheme word), scrubbed from every
   * text of the error in every spelling, as a client scrubs its own: the response of a call made elsewhere may
   * echo them, and only the caller (or an adapter's `sdkError`, reading the SDK's request) knows them.
   */
  readonly secrets?: readonly string[];
}

/**
 * Classifies a captured response without any network: `null` for a real success, else an {@link ApiError}.
 *
 * @example
 * const err = normalizeResponse(slack, { status: 200, body: { ok: false, error: 'ratelimited' } });
 * err?.kind; // 'rate_limited'
 */
export function normalizeResponse(adapter: Adapter, response: ResponseInput): ApiError | null {
  const headers = toHeaderMap(response.headers);
  const method = (response.method ?? 'GET').toUpperCase();
  const rawUrl = response.url ?? adapter.baseUrl;
  // A URL may carry credentials (`?api_key=`, `user:pass@`) that the redactor learns while stripping them, and the
  // caller may name some: learn them in a redactor of this call only, so the adapter's shared one never collects
  // secrets across calls.
  const secrets = response.secrets ?? [];
  const redactor =
    rawUrl.includes('?') || rawUrl.includes('@') || secrets.length > 0
      ? answerRedactor(adapter)
      : adapterRedactor(adapter);
  for (const secret of secrets) if (typeof secret === 'string') addCredential(secret, redactor);
  const url = redactor.url(rawUrl);
  const { status } = response;
  const read = classifyResponse(adapter, { status, headers, body: response.body, method, url }, redactor);
  const { classification, body } = read;
  if (classification === null) return null;
  return withoutStack(() =>
    buildApiError({ adapter, classification, redactor: read.redactor, method, url, status, headers, body }),
  );
}
