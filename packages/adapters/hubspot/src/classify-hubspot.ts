// How HubSpot's answers read in Rosetta's model beyond core's status table: error categories, the burst,
// search and daily limits of a 429, scopes a 403 asks for, CRM field errors and HubSpot's own 4xx/5xx statuses.
import type { ClassifyContext, ClassifyVerdict, ErrorKind, FieldError } from '@rosetta/core';
import { type HubSpotError, type HubSpotErrorDetail, readHubSpotError } from './hubspot-error-body';
import { count, SEARCH_PATH } from './limits';

/** HubSpot's error categories with a meaning of their own (codegen `Error.category`, error-handling docs). */
export const CATEGORY_KINDS: Readonly<Record<string, ErrorKind>> = {
  VALIDATION_ERROR: 'validation',
  OBJECT_NOT_FOUND: 'not_found',
  CONFLICT: 'conflict',
  MISSING_SCOPES: 'permission',
  INVALID_AUTHENTICATION: 'authentication',
  EXPIRED_AUTHENTICATION: 'authentication',
  RATE_LIMITS: 'rate_limited',
};

/**
 * Statuses HubSpot documents with a meaning core's table does not give them (error-handling docs): 477 Migration in
 * Progress comes with a Retry-After "typically up to 24 hours"; 524 is "a response is not received within 100
 * seconds"; 522, 525 and 526 are "reach out to HubSpot support", which no retry fixes.
 */
const STATUS_RULES: Readonly<Record<number, readonly [ErrorKind, boolean]>> = {
  477: ['unavailable', true],
  522: ['unavailable', false],
  524: ['timeout', true],
  525: ['unavailable', false],
  526: ['unavailable', false],
};

/** "Locks will last for 2 seconds ... include a delay of at least 2 seconds" (error-handling docs, 423 Locked). */
export const LOCK_WAIT_MS = 2_000;
const QUARTER_HOUR_MS = 900_000;
const DAILY_MESSAGE = /\bdaily limit\b/i;

/**
 * Milliseconds until the next quarter hour (UTC). HubSpot's daily limit "resets at midnight based on your time
 * zone setting" and names neither the zone nor the reset; every UTC offset in use is a multiple of 15 minutes, so
 * no reset can come earlier, and a probe each quarter hour finds it within 15 minutes.
 */
export function untilNextQuarterHour(now: number): number {
  return QUARTER_HOUR_MS - (((now % QUARTER_HOUR_MS) + QUARTER_HOUR_MS) % QUARTER_HOUR_MS);
}

/**
 * HubSpot's own reading of a response, on top of core's defaults; never throws. A 2xx is never an error: a 207
 * Multi-Status batch answer is data with its per-item `errors` (as the official SDK resolves it), read them with
 * `hubspotBatchErrors`.
 *
 * @example
 * defineAdapter({ ..., classify: classifyHubSpot });
 */
export function classifyHubSpot(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) return undefined;
  const e = readHubSpotError(ctx.body);
  const requestId = ctx.readings.requestId === undefined ? e?.correlationId : undefined;
  const base: ClassifyVerdict = {
    ...(e?.message === undefined ? {} : { message: e.message }),
    ...(requestId === undefined ? {} : { requestId }),
  };
  const throttled = ctx.status === 429 || e?.errorType === 'RATE_LIMIT' || e?.category === 'RATE_LIMITS';
  if (throttled) return { ...base, ...throttleVerdict(ctx, e) };

  const rule = Object.hasOwn(STATUS_RULES, ctx.status) ? STATUS_RULES[ctx.status] : undefined;
  const code = e?.subCategory ?? e?.category;
  const category = e?.category;
  const byCategory =
    ctx.status < 500 && category !== undefined && Object.hasOwn(CATEGORY_KINDS, category)
      ? CATEGORY_KINDS[category]
      : undefined;
  const kind = rule?.[0] ?? byCategory ?? ctx.defaults.kind;
  const verdict: ClassifyVerdict = {
    ...base,
    ...(code === undefined ? {} : { code }),
    ...(rule === undefined ? {} : { kind, retryable: rule[1] }),
    ...(byCategory === undefined ? {} : { kind }),
  };
  if (ctx.status === 423) return { ...verdict, retryAfterMs: ctx.readings.retryAfterMs ?? LOCK_WAIT_MS };
  if (e === undefined) return verdict;
  // Only a validation error's `errors[]` are about fields; elsewhere they explain (scopes, ids).
  if (kind === 'validation') return { ...verdict, fieldErrors: fieldErrorsOf(e.errors) };
  return { ...verdict, fieldErrors: [], ...(category === 'MISSING_SCOPES' ? scopesMessage(e) : {}) };
}

/**
 * A throttling answer. `DAILY` (or a "daily limit" message, or no daily calls left) is the spent daily quota;
 * `TEN_SECONDLY_ROLLING` the 10-second burst; anything else on a search path the search limit ("You have reached
 * your secondly limit.", no policy name). The scope names the bucket in `hubspotLimits` the answer belongs to.
 */
function throttleVerdict(ctx: ClassifyContext, e: HubSpotError | undefined): ClassifyVerdict {
  const policy = e?.policyName;
  const code = policy ?? e?.errorType ?? e?.category;
  const withCode = code === undefined ? {} : { code };
  const dailyLeft = ctx.headers['x-hubspot-ratelimit-daily-remaining']?.trim();
  const daily =
    policy === 'DAILY' || (policy === undefined && (DAILY_MESSAGE.test(e?.message ?? '') || dailyLeft === '0'));
  if (daily) {
    const limit = Number(ctx.headers['x-hubspot-ratelimit-daily']);
    return {
      kind: 'quota_exceeded',
      retryable: false,
      code: policy ?? 'DAILY',
      retryAfterMs: untilNextQuarterHour(ctx.now),
      rateLimit: { ...(Number.isInteger(limit) && limit > 0 ? { limit } : {}), remaining: 0, scope: 'daily' },
    };
  }
  const rolling = policy === 'TEN_SECONDLY_ROLLING';
  const scope = rolling ? 'burst' : SEARCH_PATH.test(ctx.path) ? 'search' : undefined;
  // The rolling window frees its slots within its own length: wait that long (X-HubSpot-RateLimit-Interval-
  // Milliseconds, "10000"), not a 1 s probe. The official client waits 10 s x attempt on this policy
  // (hubspot-api-nodejs src/services/decorators/RetryDecorator.ts `retryTimeout.TOO_MANY_REQUESTS`).
  const wait = rolling && ctx.readings.retryAfterMs === undefined;
  return {
    kind: 'rate_limited',
    retryable: true,
    ...withCode,
    ...(wait ? { retryAfterMs: count(ctx.headers['x-hubspot-ratelimit-interval-milliseconds']) || 10_000 } : {}),
    ...(scope === undefined ? {} : { rateLimit: { ...ctx.readings.rateLimit, scope } }),
  };
}

/**
 * CRM field errors: the property sits in `context.propertyName` (`["discount"]`, code `INVALID_INTEGER`), older
 * answers name it in `in`; an error that names no field has an empty path.
 */
export function fieldErrorsOf(errors: readonly HubSpotErrorDetail[]): FieldError[] {
  const out: FieldError[] = [];
  for (const item of errors) {
    const names = item.context?.propertyName ?? (item.in === undefined ? [''] : [item.in]);
    for (const path of names.length === 0 ? [''] : names) {
      out.push({ path, message: item.message ?? '', ...(item.code === undefined ? {} : { code: item.code }) });
    }
  }
  return out;
}

/** A 403 `MISSING_SCOPES` names the scopes the call needs (`requiredGranularScopes`, older `requiredScopes`). */
function scopesMessage(e: HubSpotError): ClassifyVerdict {
  const scopes = new Set<string>();
  for (const c of [e.context, ...e.errors.map((d) => d.context)]) {
    for (const scope of [...(c?.requiredGranularScopes ?? []), ...(c?.requiredScopes ?? [])]) scopes.add(scope);
  }
  if (scopes.size === 0) return {};
  return { message: `${e.message ?? 'Missing scopes'} (one of: ${[...scopes].join(', ')})` };
}
