import type { HeadersInput, ResponseInput } from '@rosetta/core';

/** The mark jira.js 6 puts on its errors: `Symbol.for(`${packageName}:error-kinds`)` (src/core/errors/kinds.ts). */
const KINDS = Symbol.for('jira.js:error-kinds');

/** The members of axios' `AxiosError` read here (axios/axios v1 lib/core/AxiosError.js, lib/core/settle.js). */
interface AxiosErrorShape {
  readonly response?: { readonly status?: unknown; readonly headers?: unknown; readonly data?: unknown };
  readonly config?: {
    readonly method?: unknown;
    readonly url?: unknown;
    readonly baseURL?: unknown;
    readonly headers?: unknown;
  };
}

/** The members of jira.js' errors read here. */
interface JiraJsErrorShape {
  readonly [KINDS]?: unknown;
  readonly status?: unknown;
  readonly body?: unknown;
  readonly retryAfterMs?: unknown;
  readonly cause?: unknown;
}

/**
 * Reads the errors of jira.js (MrRefactoring/jira.js) as the response they came from.
 *
 * jira.js 6 (ef1506ef85df0d3a252309f9696b6b67b96dd8ed src/core/createClient.ts, src/core/errors/fromResponse.ts
 * `createApiError`): `ApiError` and its subclasses (`AuthError`, `RateLimitError`, `ServerError`...), and the token
 * endpoint's `OAuthError`, marked by the `jira.js:error-kinds` symbol, keep the `status` and the `body` (parsed JSON,
 * else the text) and drop the headers: a `RateLimitError` keeps only `Retry-After`, as `retryAfterMs`. Without
 * `RateLimit-Reason` a spent points quota reads as `rate_limited`, not `quota_exceeded`.
 *
 * jira.js 5 (v5.4.0, f6e12c89cb5c547d0319250063d34ae9fc8468e5 src/clients/baseClient.ts `buildErrorHandlingResponse`,
 * src/clients/httpException.ts): an `HttpException` whose `cause` is axios' error, with the whole response and the
 * request; its `Authorization` (the account's basic credentials or the bearer token) is handed over as a secret to
 * scrub, never read for anything else.
 *
 * @example
 * try { await client.issues.getIssue({ issueIdOrKey: 'PROJ-1' }); } catch (err) { throw normalizeError(jira, err); }
 */
export function readJiraSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & JiraJsErrorShape;
  const kinds = e[KINDS];
  if (Array.isArray(kinds)) {
    if (typeof e.status !== 'number' || !(kinds.includes('api') || kinds.includes('oauth'))) return undefined;
    const wait = e.retryAfterMs;
    return {
      status: e.status,
      ...(typeof wait === 'number' ? { headers: { 'retry-after-ms': String(wait) } } : {}),
      ...(e.body === undefined ? {} : { body: e.body }),
    };
  }
  if (e.name !== 'HttpException' || !(e.cause instanceof Error)) return undefined;
  const { response, config } = e.cause as AxiosErrorShape;
  if (typeof response?.status !== 'number') return undefined;
  const { method, url, baseURL } = config ?? {};
  const sent = config?.headers as Readonly<Record<string, unknown>> | undefined;
  const auth = sent?.Authorization ?? sent?.authorization;
  // axios joins a relative `url` to `baseURL` (lib/helpers/combineURLs.js); jira.js 5 passes paths under `host`.
  const full =
    typeof url !== 'string' || /^https?:\/\//.test(url) || typeof baseURL !== 'string'
      ? url
      : `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
  return {
    status: response.status,
    ...(typeof response.headers === 'object' && response.headers !== null
      ? { headers: response.headers as HeadersInput }
      : {}),
    ...(response.data === undefined ? {} : { body: response.data }),
    ...(typeof method === 'string' ? { method } : {}),
    ...(typeof full === 'string' && /^https?:\/\//.test(full) ? { url: full } : {}),
    ...(typeof auth === 'string' ? { secrets: [auth] } : {}),
  };
}
