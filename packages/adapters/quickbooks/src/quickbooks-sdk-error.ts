import type { HeadersInput, ResponseInput } from '@rosetta/core';

/** axios' response as its errors keep it (axios/axios v1 lib/core/settle.js, lib/adapters/http.js): with its `config`. */
interface AxiosResponseShape {
  readonly status?: unknown;
  readonly headers?: unknown;
  readonly data?: unknown;
  readonly config?: {
    readonly method?: unknown;
    readonly url?: unknown;
    readonly headers?: unknown;
    readonly data?: unknown;
  };
}

/** The members of the errors read here: axios' own, and oauth-jsclient's wrapper with its `AuthResponse`. */
interface SdkErrorShape {
  readonly isAxiosError?: unknown;
  readonly response?: AxiosResponseShape;
  readonly authResponse?: { readonly response?: AxiosResponseShape; readonly token?: unknown };
}

/**
 * Reads the errors of QuickBooks' Node SDKs as the answer they came from.
 *
 * node-quickbooks (mcohen01/node-quickbooks@f5baf5d976c17ccc6786c5b19d9fbceb3b5aac0d index.js `module.request`) hands
 * the callback axios' error for a non-2xx answer (its `response`: status, headers, body, and the request's `config`,
 * whose `Authorization` holds the bearer token or OAuth 1.0a signature), and the body itself for a Fault inside a 200.
 *
 * Intuit's oauth-jsclient (intuit/oauth-jsclient@26853935a71bf1bf5f11ed0ecbb3c0d4ab87ae03 src/OAuthClient.js
 * `getTokenRequest`, `createError`; src/response/AuthResponse.js) rejects a token request with an `Error` whose
 * `authResponse.response` is axios' response and `authResponse.token` the client's tokens. Every credential these
 * errors hold (the request's `Authorization`, the tokens, the form body's `refresh_token` and `code`) is handed over
 * as a secret to scrub, never read for anything else.
 *
 * @example
 * qbo.getInvoice(id, (err, invoice) => { if (err) throw normalizeError(quickbooks, err) ?? err; });
 */
export function readQuickbooksSdkError(error: unknown): ResponseInput | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if (!(error instanceof Error)) return 'Fault' in error ? { status: 200, body: error } : undefined;
  const { isAxiosError, response: own, authResponse } = error as Error & SdkErrorShape;
  const response = isAxiosError === true ? own : authResponse?.response;
  if (typeof response?.status !== 'number') return undefined;
  const { headers, data, config } = response;
  const { method, url } = config ?? {};
  const sent = config?.headers as Readonly<Record<string, unknown>> | undefined;
  const token = authResponse?.token as Readonly<Record<string, unknown>> | undefined;
  const form = typeof config?.data === 'string' ? new URLSearchParams(config.data) : undefined;
  const secrets = [
    sent?.Authorization ?? sent?.authorization,
    token?.access_token,
    token?.refresh_token,
    form?.get('refresh_token'),
    form?.get('code'),
  ].filter((s): s is string => typeof s === 'string' && s !== '');
  return {
    status: response.status,
    ...(typeof headers === 'object' && headers !== null ? { headers: headers as HeadersInput } : {}),
    ...(data === undefined ? {} : { body: data }),
    ...(typeof method === 'string' ? { method } : {}),
    ...(typeof url === 'string' && /^https?:\/\//.test(url) ? { url } : {}),
    ...(secrets.length === 0 ? {} : { secrets }),
  };
}
