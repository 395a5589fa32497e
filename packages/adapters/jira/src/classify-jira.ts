// How Jira Cloud's answers read in Rosetta's model beyond core's status table: which of its limits a 429 hit
// (RateLimit-Reason: an hourly quota spent, or a per-second / per-issue rate), CAPTCHA lockouts, credentials
// refused yet answered anonymously with a 2xx, failed long-running tasks, and a few documented per-endpoint meanings.
import type { ClassifyContext, ClassifyVerdict, FieldError } from '@rosetta/core';
import { describe, readBulkErrors, readErrorCollection, readTask } from './jira-error-body';

/** The points quota: "Pause all API requests until the window resets" (rate-limiting, best practices). */
export const QUOTA_REASONS: ReadonlySet<string> = new Set(['jira-quota-global-based', 'jira-quota-tenant-based']);

const HOUR_MS = 3_600_000;
// Seraph's answer to a login it refused: AUTHENTICATED_FAILED (wrong credentials), AUTHENTICATION_DENIED (refused
// without checking them, "the most common indication that Jira's CAPTCHA feature has been triggered").
const REFUSED = new Set(['AUTHENTICATED_FAILED', 'AUTHENTICATION_DENIED']);
// "Unauthorized; scope does not match": the token is good, the app or scoped token lacks a scope.
const SCOPE_MISMATCH = /scope does not match/i;
// Concurrent transitions of one issue: "only one of those transitions will succeed", the rest are refused with 409
// and "your app ... should employ a retry mechanism" (change notice): the refused one did not run, so it is resent.
const TRANSITIONS = /\/rest\/api\/(?:2|3|latest)\/issue\/[^/]+\/transitions\/?$/;
// GET /user/email(/bulk) 503: "Indicates the API is not currently enabled" (only apps approved by Atlassian).
const USER_EMAIL = /\/rest\/api\/(?:2|3|latest)\/user\/email(?:\/bulk)?\/?$/;

/** Milliseconds to the top of the next UTC hour: "All quotas ... reset at the top of each UTC hour". */
export function untilNextUtcHour(now: number): number {
  return HOUR_MS - (((now % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

/**
 * Jira's own reading of a response, on top of core's defaults; never throws. Messages join every
 * `errorMessages` entry (core keeps only the first); `errors` become field errors through core's reader.
 *
 * @example
 * defineAdapter({ ..., classify: classifyJira });
 */
export function classifyJira(ctx: ClassifyContext): ClassifyVerdict | undefined {
  const login = ctx.headers['x-seraph-loginreason']?.trim().toUpperCase();
  if (ctx.defaults === null) return anonymousVerdict(login) ?? failedTaskVerdict(ctx.body);
  const messages = readErrorCollection(ctx.body)?.errorMessages ?? [];
  const base: ClassifyVerdict = messages.length > 1 ? { message: messages.join('; ') } : (bulkVerdict(ctx.body) ?? {});
  if (ctx.status === 429) return { ...base, ...throttleVerdict(ctx) };
  const denied = deniedVerdict(ctx, login);
  if (denied !== undefined) return { ...base, ...denied };
  if (ctx.status === 401 && SCOPE_MISMATCH.test(ctx.defaults.message ?? '')) return { ...base, kind: 'permission' };
  if (ctx.status === 409 && TRANSITIONS.test(ctx.path)) return { ...base, retryable: true, notProcessed: true };
  if (ctx.status === 503 && USER_EMAIL.test(ctx.path) && ctx.readings.retryAfterMs === undefined) {
    return { ...base, kind: 'unsupported', retryable: false };
  }
  return base;
}

/**
 * A bulk create that failed whole (400 `{issues: [], errors: [{failedElementNumber, elementErrors}]}`): each
 * element's field errors, under `issueUpdates.{n}.{field}`, and their summary as the message.
 */
function bulkVerdict(body: unknown): ClassifyVerdict | undefined {
  const failed = readBulkErrors(body);
  if (failed.length === 0) return undefined;
  const fieldErrors: FieldError[] = [];
  const parts: string[] = [];
  for (const { index, collection } of failed) {
    const at = `issueUpdates.${index ?? '?'}`;
    for (const [field, message] of Object.entries(collection?.errors ?? {})) {
      if (typeof message === 'string') fieldErrors.push({ path: `${at}.${field}`, message });
    }
    parts.push(`${at}: ${describe(collection) ?? 'failed'}`);
  }
  return { message: parts.join('; '), fieldErrors };
}

/**
 * A 429 read by `RateLimit-Reason`. The hourly points quota is `quota_exceeded`: "All requests are denied until
 * the next hourly reset", so the wait is Retry-After, else X-RateLimit-Reset, else the next UTC hour. The burst
 * and per-issue limits stay `rate_limited`; the reason is the code and (core reads the declared header) the scope.
 */
function throttleVerdict(ctx: ClassifyContext): ClassifyVerdict {
  const reason = ctx.headers['ratelimit-reason']?.trim();
  if (reason === undefined || reason === '') return {};
  if (!QUOTA_REASONS.has(reason)) return { code: reason };
  const rateLimit = ctx.readings.rateLimit;
  const untilReset = rateLimit?.resetAt === undefined ? undefined : Math.max(0, rateLimit.resetAt - ctx.now);
  return {
    kind: 'quota_exceeded',
    retryable: false,
    code: reason,
    retryAfterMs: ctx.readings.retryAfterMs ?? untilReset ?? untilNextUtcHour(ctx.now),
    rateLimit: { ...rateLimit, remaining: 0, scope: reason },
  };
}

/**
 * A login Seraph refused on a 401/403: a CAPTCHA lockout (`X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE;
 * login-url=...`) is an authentication problem no retry and no permission fixes: someone must sign in once in a
 * browser. A 403 is then not a permission answer.
 */
function deniedVerdict(ctx: ClassifyContext, login: string | undefined): ClassifyVerdict | undefined {
  if (ctx.status !== 401 && ctx.status !== 403) return undefined;
  const reason = ctx.headers['x-authentication-denied-reason']?.trim();
  if (reason === undefined && login !== 'AUTHENTICATION_DENIED') {
    return login === 'AUTHENTICATED_FAILED' ? { code: login } : undefined;
  }
  const code = reason?.split(';')[0]?.trim() || 'AUTHENTICATION_DENIED';
  const loginUrl = /login-url=(\S+)/.exec(reason ?? '')?.[1];
  return {
    kind: 'authentication',
    retryable: false,
    code,
    message: `Jira denied the login without checking the credentials (${code}): sign in to Jira in a browser once${
      loginUrl === undefined ? '' : ` (${loginUrl})`
    }, then call again`,
  };
}

/**
 * A 2xx answered to refused credentials: "if you don't log in, you access Jira anonymously", and Seraph says it
 * in `X-Seraph-LoginReason`. The data is what an anonymous user may see, not what the caller asked for.
 */
function anonymousVerdict(login: string | undefined): ClassifyVerdict | undefined {
  if (login === undefined || !REFUSED.has(login)) return undefined;
  return {
    kind: 'authentication',
    retryable: false,
    code: login,
    message: `Jira refused the credentials (X-Seraph-LoginReason: ${login}) and answered as an anonymous user`,
  };
}

/** A polled long-running task that failed or died (`GET /rest/api/3/task/{id}`): the same poll never recovers. */
function failedTaskVerdict(body: unknown): ClassifyVerdict | undefined {
  const task = readTask(body);
  if (task?.status !== 'FAILED' && task?.status !== 'DEAD') return undefined;
  return { code: task.status, message: task.message ?? `Jira task ${task.status}`, retryable: false };
}
