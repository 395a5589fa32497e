import type { RateLimitInfo } from '../errors/types';
import { parseLeadingDecimal } from './decimal';
import type { HeaderMap } from './header-map';
import { parseHttpDate } from './http-date';
import { parseIsoDate } from './iso-date';
import { parseStructuredRateLimit } from './structured-rate-limit';

/**
 * How a provider's reset header counts time. `auto` detects the unit from the value.
 * Same union as the adapter contract's `ResetUnit`.
 */
export type ResetUnit = 'epoch-seconds' | 'epoch-ms' | 'seconds-until' | 'ms-until' | 'iso-8601' | 'auto';

/** Header names an adapter declares (lower-case), and the evaluation time. */
export interface RateLimitHeaderOptions {
  /** Header with the number of requests allowed in the window. */
  readonly limit?: string | undefined;
  /** Header with the number of requests left in the window. */
  readonly remaining?: string | undefined;
  /** Header with the time the window resets. */
  readonly reset?: string | undefined;
  /**
   * Unit of the reset header (the declared one, else the default ones). It only disambiguates
   * numbers: a date string is read as a date whatever the unit.
   * @default 'auto'
   */
  readonly resetUnit?: ResetUnit | undefined;
  /** Header naming what the limit applies to. */
  readonly scope?: string | undefined;
  /**
   * Current time in epoch ms, for "seconds until" arithmetic.
   * @default Date.now()
   */
  readonly now?: number | undefined;
}

/** A reset further ahead than this is a malformed value, not a real window, and is ignored. */
export const MAX_RESET_AHEAD_MS = 365 * 24 * 60 * 60 * 1000;

// Below 1e9 a number cannot be a plausible epoch in seconds (before Sept 2001); from 1e11 it
// cannot be epoch seconds (year 5138) but is a plausible epoch in milliseconds (1973 on).
const EPOCH_SECONDS_MIN = 1e9;
const EPOCH_MS_MIN = 1e11;
const MAX_SCOPE_CHARS = 100;

const LIMIT_HEADERS = ['x-ratelimit-limit', 'x-rate-limit-limit', 'ratelimit-limit'] as const;
const REMAINING_HEADERS = ['x-ratelimit-remaining', 'x-rate-limit-remaining', 'ratelimit-remaining'] as const;
const RESET_HEADERS = ['x-ratelimit-reset', 'x-rate-limit-reset', 'ratelimit-reset'] as const;
const SCOPE_HEADERS = ['x-ratelimit-resource', 'x-ratelimit-scope'] as const;

/**
 * Reads the rate-limit state a response carried.
 *
 * Sources, first usable value per member wins: the adapter's declared headers; then
 * `x-ratelimit-*`, `x-rate-limit-*` and the older IETF trio `ratelimit-limit/-remaining/-reset`;
 * then the IETF structured fields `RateLimit` and `RateLimit-Policy` (both draft forms).
 * Scope comes from the declared scope header, `x-ratelimit-resource`, `x-ratelimit-scope`, or the
 * IETF policy name.
 *
 * Reset units, by magnitude when `auto`: a date string (ISO-8601 or HTTP-date) is a date; a number
 * below 1e9 is seconds until the reset; 1e9 to 1e11 is epoch seconds; 1e11 and above is epoch ms.
 * A declared unit is corrected the same way when the value cannot be in that unit (epoch ms sent
 * where epoch seconds were declared, or an epoch below 1e9 that would fall in 1970: ignored).
 * An absolute reset is shifted by the difference between `now` and the response's `date` header
 * when present, so a skewed server clock does not stretch or shrink the wait. A reset in the past
 * is reported as `now`; one more than {@link MAX_RESET_AHEAD_MS} ahead is ignored.
 *
 * Malformed values are ignored; no member is ever NaN or negative.
 *
 * @param headers - lower-cased response headers.
 * @returns undefined when no usable rate-limit information was present.
 * @example
 * parseRateLimitHeaders(toHeaderMap({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1714564800' }));
 * // { remaining: 0, resetAt: 1714564800000 }
 */
export function parseRateLimitHeaders(headers: HeaderMap, options?: RateLimitHeaderOptions): RateLimitInfo | undefined {
  let limit = readCount(headers, options?.limit, LIMIT_HEADERS);
  let remaining = readCount(headers, options?.remaining, REMAINING_HEADERS);
  let scope = readScope(headers, options?.scope);
  const unit = options?.resetUnit ?? 'auto';
  let now: number | undefined;

  let resetAt: number | undefined;
  const declaredReset = options?.reset === undefined ? undefined : headers[options.reset];
  if (declaredReset !== undefined) {
    now = clock(options);
    resetAt = resolveReset(declaredReset, unit, now, headers);
  }
  for (let i = 0; resetAt === undefined && i < RESET_HEADERS.length; i++) {
    const raw = headers[RESET_HEADERS[i] as string];
    if (raw === undefined) continue;
    now ??= clock(options);
    resetAt = resolveReset(raw, unit, now, headers);
  }

  if (limit === undefined || remaining === undefined || resetAt === undefined || scope === undefined) {
    const structured = parseStructuredRateLimit(headers);
    if (structured !== undefined) {
      limit ??= structured.limit;
      remaining ??= structured.remaining;
      scope ??= structured.scope;
      if (resetAt === undefined && structured.resetSeconds !== undefined) {
        now ??= clock(options);
        resetAt = fromNumber(structured.resetSeconds, 'seconds-until', now, headers);
      }
    }
  }

  if (limit === undefined && remaining === undefined && resetAt === undefined && scope === undefined) {
    return undefined;
  }
  // Assigned member by member: conditional object spreads cost microseconds on Node 20's V8.
  const info: Mutable<RateLimitInfo> = {};
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (resetAt !== undefined) info.resetAt = resetAt;
  if (scope !== undefined) info.scope = scope;
  return info;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function clock(options: RateLimitHeaderOptions | undefined): number {
  const now = options?.now;
  return now !== undefined && Number.isFinite(now) ? now : Date.now();
}

function readCount(headers: HeaderMap, declared: string | undefined, names: readonly string[]): number | undefined {
  if (declared !== undefined) {
    const raw = headers[declared];
    const n = raw === undefined ? undefined : parseLeadingDecimal(raw);
    if (n !== undefined) return n;
  }
  for (const name of names) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const n = parseLeadingDecimal(raw);
    if (n !== undefined) return n;
  }
  return undefined;
}

function readScope(headers: HeaderMap, declared: string | undefined): string | undefined {
  if (declared !== undefined) {
    const scope = cleanScope(headers[declared]);
    if (scope !== undefined) return scope;
  }
  for (const name of SCOPE_HEADERS) {
    const scope = cleanScope(headers[name]);
    if (scope !== undefined) return scope;
  }
  return undefined;
}

function cleanScope(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const scope = raw.trim();
  if (scope.length === 0) return undefined;
  return scope.length > MAX_SCOPE_CHARS ? scope.slice(0, MAX_SCOPE_CHARS) : scope;
}

function resolveReset(raw: string, unit: ResetUnit, now: number, headers: HeaderMap): number | undefined {
  const n = parseLeadingDecimal(raw);
  if (n !== undefined) return fromNumber(n, unit, now, headers);
  const at = parseIsoDate(raw) ?? parseHttpDate(raw, now);
  return at === undefined ? undefined : fromEpoch(at, now, headers);
}

function fromNumber(n: number, unit: ResetUnit, now: number, headers: HeaderMap): number | undefined {
  switch (unit) {
    case 'ms-until':
      if (n < EPOCH_MS_MIN) return fromDelta(n, now);
      break;
    case 'epoch-seconds':
    case 'epoch-ms':
      if (n < EPOCH_SECONDS_MIN) return undefined;
      break;
    default:
      // auto, iso-8601 (a number where a date was due) and seconds-until read small numbers as seconds.
      if (n < EPOCH_SECONDS_MIN) return fromDelta(n * 1000, now);
  }
  return fromEpoch(n < EPOCH_MS_MIN ? n * 1000 : n, now, headers);
}

function fromDelta(deltaMs: number, now: number): number | undefined {
  return deltaMs > MAX_RESET_AHEAD_MS ? undefined : Math.ceil(now + deltaMs);
}

function fromEpoch(at: number, now: number, headers: HeaderMap): number | undefined {
  const dateHeader = headers.date;
  const serverNow = dateHeader === undefined ? undefined : parseHttpDate(dateHeader, now);
  const delta = at - (serverNow ?? now);
  if (delta > MAX_RESET_AHEAD_MS) return undefined;
  return delta > 0 ? Math.ceil(now + delta) : now;
}
