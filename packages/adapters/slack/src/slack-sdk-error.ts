import type { ResponseInput } from '@rosetta/core';

/** The members of `@slack/web-api`'s errors read here (src/errors.ts), told apart by their `code`. */
interface SlackErrorShape {
  readonly code: string;
  /** `WebAPIPlatformError`: the whole `{ ok: false, error }` result, answered with HTTP 200. */
  readonly data?: unknown;
  /** `WebAPIHTTPError`: a status other than 200 and 429. */
  readonly statusCode?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** `WebAPIRateLimitedError` (with `rejectRateLimitedCalls`): the 429's `Retry-After`, seconds. */
  readonly retryAfter?: number;
}

/**
 * Reads `@slack/web-api` errors as the responses they carry (src/errors.ts, thrown by src/WebClient.ts): a
 * `slack_webapi_platform_error` as the HTTP 200 with its result, a `slack_webapi_http_error` with its status, headers
 * and body, a `slack_webapi_rate_limited_error` as the 429 it read — `Retry-After` in seconds, `ratelimited` (Slack's
 * error for it, docs.slack.dev/apis/web-api/rate-limits); the SDK keeps nothing else of that answer. A
 * `slack_webapi_request_error` is a failed fetch: no response.
 */
export function readSlackSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & Partial<SlackErrorShape>;
  switch (e.code) {
    case 'slack_webapi_platform_error':
      return { status: 200, headers: { 'content-type': 'application/json' }, body: e.data, method: 'POST' };
    case 'slack_webapi_http_error':
      return typeof e.statusCode === 'number'
        ? { status: e.statusCode, headers: e.headers ?? {}, body: e.body, method: 'POST' }
        : undefined;
    case 'slack_webapi_rate_limited_error':
      return {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': String(e.retryAfter) },
        body: { ok: false, error: 'ratelimited' },
        method: 'POST',
      };
    default:
      return undefined;
  }
}
