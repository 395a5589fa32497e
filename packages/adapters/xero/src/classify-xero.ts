// How Xero's answers read in Rosetta's model beyond core's status table and core's reading of problem details:
// the Accounting ApiException's validation messages, the code at the head of a problem's detail, which limit a 429
// hit (`X-Rate-Limit-Problem`: the daily quota is spent, the others are waits), the OAuth 1.0a-era 503 throttle, the
// 403 of a missing or revoked tenant, OAuth token-endpoint bodies, and a batch whose every element failed in a 200.
import { type ClassifyContext, type ClassifyVerdict, oauthErrorVerdict, type RateLimitInfo } from '@rosetta/core';
import { problemCode, readApiException, readBatchOutcome } from './xero-error-body';

/** Bucket ids of `xeroLimits`, by the `X-Rate-Limit-Problem` value that names them (lower-cased). */
const PROBLEM_SCOPES: Readonly<Record<string, string>> = {
  minute: 'minute',
  day: 'day',
  // "Daily"/"DayLimit" are only reported by third-party wrappers; reading them costs nothing.
  daily: 'day',
  daylimit: 'day',
  concurrent: 'concurrent',
  appminute: 'app-minute',
};

/** The `X-*Limit-Remaining` header of each bucket: "Each API response you receive will include" them (FAQ, limits). */
export const REMAINING_HEADERS: Readonly<Record<string, string>> = {
  minute: 'x-minlimit-remaining',
  day: 'x-daylimit-remaining',
  'app-minute': 'x-appminlimit-remaining',
};

/** A `X-*Limit-Remaining` value: a whole count, else undefined. */
export function remainingOf(value: string | undefined): number | undefined {
  const trimmed = value?.trim();
  return trimmed !== undefined && /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * Which limit a 429 hit: `X-Rate-Limit-Problem` (`minute`, `day`; "It will include an X-Rate-Limit-Problem header
 * telling you which limit you have reached"), else the first `X-*Limit-Remaining` that is 0, else undefined.
 */
export function throttledScope(headers: ClassifyContext['headers']): string | undefined {
  const problem = headers['x-rate-limit-problem']
    ?.trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (problem !== undefined && Object.hasOwn(PROBLEM_SCOPES, problem)) return PROBLEM_SCOPES[problem];
  if (remainingOf(headers['x-daylimit-remaining']) === 0) return 'day';
  if (remainingOf(headers['x-minlimit-remaining']) === 0) return 'minute';
  return remainingOf(headers['x-appminlimit-remaining']) === 0 ? 'app-minute' : undefined;
}

/**
 * A 429. The daily limit is a spent quota, not a wait: Xero's Retry-After then counts hours (66,975 s was seen), so
 * it is `quota_exceeded` with that wait, never retried in-process. The minute, app-minute and concurrent limits are
 * waits (`rate_limited`, Retry-After in seconds: "If you have exceed the minute or daily limit you will also receive a
 * Retry-After"; the others may send none, and core's pause applies).
 *
 * `code` is Xero's own word for the limit, as its SDKs hand it over: `X-Rate-Limit-Problem` as sent (XeroAPI/
 * Xero-NetStandard@008cfbd2 Client/Configuration.cs, `ApiException.LimitType`; XeroAPI/xero-python@17d31fab
 * exceptions/http_status_exceptions.py, `RateLimitException.rate_limit`), so `appminute`, not the bucket id
 * `app-minute`, which is `rateLimit.scope`. Without the header, Xero's word for the limit a remaining count at 0 named.
 */
function throttleVerdict(ctx: ClassifyContext): ClassifyVerdict {
  const scope = throttledScope(ctx.headers);
  const header = scope === undefined ? undefined : REMAINING_HEADERS[scope];
  const remaining = header === undefined ? undefined : remainingOf(ctx.headers[header]);
  const rateLimit: RateLimitInfo | undefined =
    scope === undefined ? undefined : { ...(remaining === undefined ? {} : { remaining }), scope };
  const code = ctx.headers['x-rate-limit-problem']?.trim() || (scope === 'app-minute' ? 'appminute' : scope);
  const base = {
    ...(ctx.readings.retryAfterMs === undefined ? {} : { retryAfterMs: ctx.readings.retryAfterMs }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(code === undefined ? {} : { code }),
  };
  if (scope === 'day') {
    return {
      ...base,
      kind: 'quota_exceeded',
      retryable: false,
      message: "Xero's daily call limit for this tenant is spent",
    };
  }
  return {
    ...base,
    kind: 'rate_limited',
    retryable: true,
    ...(scope === undefined ? {} : { message: `Xero's ${scope} rate limit was exceeded` }),
  };
}

/** The OAuth 1.0a-era throttle the response-codes page still lists: 503 with `oauth_problem=rate limit exceeded`. */
const OAUTH1_THROTTLE = /oauth_problem=rate(?:%20|\+| )limit(?:%20|\+| )exceeded/i;

/**
 * 403 `AuthenticationUnsuccessful`: "The Xero-tenant-id header is missing, incorrect or isn't authorized for use
 * with this access token" (revoked, user removed, organisation deleted or trial ended). No retry or refresh helps.
 */
const TENANT_MESSAGE =
  'AuthenticationUnsuccessful: the xero-tenant-id header is missing, wrong, or not authorised for this token (connection revoked, user removed, or organisation gone)';

/** A 2xx: an error only when a `summarizeErrors=false` batch refused every element. */
function batchVerdict(body: unknown): ClassifyVerdict | undefined {
  const batch = readBatchOutcome(body);
  if (batch === undefined || batch.total === 0 || batch.failed < batch.total) return undefined;
  const message = batch.messages.slice(0, 3).join('; ') || 'Every element failed validation';
  return { kind: 'validation', retryable: false, code: 'ValidationException', message };
}

/**
 * Xero's classify hook, on top of core's defaults; never throws. Messages and field errors of RFC 9457 bodies (flat,
 * PascalCase, Payroll's `problem` wrapper with `invalidFields`) are core's reading already.
 *
 * @example
 * defineAdapter({ ..., classify: classifyXero });
 */
export function classifyXero(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) return batchVerdict(ctx.body);
  if (ctx.status === 429) return throttleVerdict(ctx);
  if (ctx.status === 503 && typeof ctx.body === 'string' && OAUTH1_THROTTLE.test(ctx.body)) {
    return { kind: 'rate_limited', retryable: true, code: 'rate_limit_exceeded' };
  }
  const oauth = oauthErrorVerdict(ctx.body);
  if (oauth !== undefined) return oauth;
  const exception = readApiException(ctx.body);
  if (exception !== undefined) {
    const detail = exception.validationErrors.slice(0, 3).join('; ');
    const summary = exception.message ?? exception.type;
    const message = detail === '' ? summary : summary === undefined ? detail : `${summary}: ${detail}`;
    return {
      ...(exception.type === undefined ? {} : { code: exception.type }),
      ...(message === undefined ? {} : { message }),
    };
  }
  const code = problemCode(ctx.body);
  if (code === 'AuthenticationUnsuccessful' && ctx.status === 403) return { code, message: TENANT_MESSAGE };
  return code === undefined ? undefined : { code };
}
