// Every header reading core makes, in one place and one pass per response: Retry-After, rate limits,
// request id and retry hint. Numbers and dates are read strictly: `Number()` and `Date.parse()` accept far
// too much (`'1e400'`, `' 0x10 '`, `Date.parse('2')` is the year 2001, zone-less text is local time).
import type { Adapter, RateLimitHeaderNames, ResetUnit } from '../adapter/types';
import type { RateLimitInfo } from '../errors/types';
import type { HeaderMap } from './header-map';
import type { HeaderReadings } from './types';

/** Longest wait or reset a server may announce; anything further is a malformed value and is ignored. */
export const MAX_WAIT_MS = 365 * 24 * 60 * 60 * 1000;

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-correlation-id', 'x-amzn-requestid', 'cf-ray'];
const RETRY_HINT_HEADERS = ['x-should-retry'];
const LIMIT_HEADERS = ['x-ratelimit-limit', 'x-rate-limit-limit', 'ratelimit-limit'];
const REMAINING_HEADERS = ['x-ratelimit-remaining', 'x-rate-limit-remaining', 'ratelimit-remaining'];
const RESET_HEADERS = ['x-ratelimit-reset', 'x-rate-limit-reset', 'ratelimit-reset'];
const SCOPE_HEADERS = ['x-ratelimit-resource', 'x-ratelimit-scope'];
const MAX_ID_CHARS = 200;
const MAX_SCOPE_CHARS = 100;
// Below 1e9 a number cannot be a plausible epoch in seconds (before Sept 2001); from 1e11 it cannot be
// epoch seconds (year 5138) but is a plausible epoch in milliseconds (1973 on).
const EPOCH_SECONDS_MIN = 1e9;
const EPOCH_MS_MIN = 1e11;
/** A real RateLimit field has one to three policies; anything past this is noise or an attack. */
const MAX_POLICIES = 16;

// RFC 9110 IMF-fixdate, lenient on case, spacing and a missing or UTC zone as real servers are.
// (RFC 850 and asctime dates are obsolete forms no API sends.)
const HTTP_DATE =
  /^[a-z]{3},\s*(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*(?:gmt|utc|ut|z|[+-]0000)?$/i;
// RFC 3339 / ISO-8601 (Jira's reset): a space for `T`, no seconds, a fraction, an offset with or without colon.
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

/**
 * Core's readings of one response's headers, computed once. Text taken from a header (request id,
 * rate-limit scope) is redacted with `scrub` before it is split or cut, so no cut keeps a piece of a secret.
 */
export function readHeaders(
  adapter: Pick<Adapter, 'requestIdHeaders' | 'retryHintHeaders' | 'rateLimitHeaders'>,
  headers: HeaderMap,
  now: number,
  scrub: (text: string) => string,
): HeaderReadings {
  return {
    retryAfterMs: retryAfterMs(headers, now),
    rateLimit: rateLimitOf(headers, adapter.rateLimitHeaders, now, scrub),
    requestId: first(headers, adapter.requestIdHeaders, REQUEST_ID_HEADERS, (raw) => {
      // A repeated header (joined with `, `) gives its first value: ids never contain commas.
      const clean = scrub(raw);
      const comma = clean.indexOf(',');
      const id = (comma < 0 ? clean : clean.slice(0, comma)).trim();
      return id === '' ? undefined : id.slice(0, MAX_ID_CHARS);
    }),
    retryHint: first(headers, adapter.retryHintHeaders, RETRY_HINT_HEADERS, (raw) => {
      const value = raw.length > 16 ? '' : raw.trim().toLowerCase();
      return value === 'true' ? true : value === 'false' ? false : undefined;
    }),
  };
}

/**
 * How long the server asks to wait, in whole ms rounded up: `retry-after-ms` when valid, else `Retry-After`
 * as decimal seconds, or as an HTTP-date measured against the response's own `date` header (so a skewed
 * server clock cancels out; a past date is 0). A repeated header gives its longest wait. Anything else
 * or more than {@link MAX_WAIT_MS} is undefined.
 */
export function retryAfterMs(headers: HeaderMap, now: number): number | undefined {
  const ms = headers['retry-after-ms'];
  // Read as thousandths of a second, so that `1.5` ms rounds up to 2 exactly like seconds do.
  const micros = ms === undefined ? undefined : secondsToMs(ms);
  if (micros !== undefined && micros <= MAX_WAIT_MS * 1000) return Math.ceil(micros / 1000);
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  let wait = secondsToMs(value);
  const at = wait === undefined ? httpDate(value) : undefined;
  if (at !== undefined) wait = Math.max(0, Math.ceil(at - serverNow(headers, now)));
  else if (wait === undefined && value.includes(', ')) {
    // `5, 120` is a header sent twice: the longest wait wins. `1,5` (a decimal comma) is not a list.
    for (const member of value.split(', ', 8)) wait = Math.max(wait ?? 0, secondsToMs(member) ?? NaN);
  }
  return wait !== undefined && wait <= MAX_WAIT_MS ? wait : undefined;
}

/**
 * The rate-limit state a response carried, member by member from the first usable source: the adapter's
 * declared headers, `x-ratelimit-*`, `x-rate-limit-*`, `ratelimit-*`, then the IETF `RateLimit` /
 * `RateLimit-Policy` fields. A reset is read by unit (`auto`: a date string is a date, a number below 1e9
 * seconds from now, up to 1e11 epoch seconds, above epoch ms; a declared unit is corrected the same way),
 * shifted by the server's clock skew, never before `now`, and ignored beyond {@link MAX_WAIT_MS}.
 */
export function rateLimitOf(
  headers: HeaderMap,
  names: RateLimitHeaderNames | undefined,
  now: number,
  scrub: (text: string) => string = (s) => s,
): RateLimitInfo | undefined {
  const unit = names?.resetUnit ?? 'auto';
  let limit = first(headers, names?.limit, LIMIT_HEADERS, leadingNumber);
  let remaining = first(headers, names?.remaining, REMAINING_HEADERS, leadingNumber);
  let resetAt = first(headers, names?.reset, RESET_HEADERS, (raw) => resetOf(raw, unit, now, headers));
  let scope = first(headers, names?.scope, SCOPE_HEADERS, (raw) => raw.trim() || undefined);

  const field = headers.ratelimit;
  const policies = headers['ratelimit-policy'];
  if ((field !== undefined || policies !== undefined) && !(limit && remaining && resetAt && scope)) {
    // IETF draft: `RateLimit: "day";r=1;t=60`, `RateLimit-Policy: "minute";q=10;w=60, "day";q=500;w=86400`.
    // The most constraining policy (least remaining) is reported, with the quota of the policy of its name.
    let chosen: Policy | undefined;
    for (const policy of parsePolicies(field)) {
      const r = policy.params.r;
      if (chosen === undefined || (r !== undefined && (chosen.params.r === undefined || r < chosen.params.r))) {
        chosen = policy;
      }
    }
    remaining ??= chosen?.params.r;
    if (resetAt === undefined && chosen?.params.t !== undefined) resetAt = fromDelta(chosen.params.t * 1000, now);
    scope ??= chosen?.name;
    const quotas = parsePolicies(policies).filter((p) => p.params.q !== undefined);
    // A lone policy needs no name to match, unless RateLimit named another one.
    const own =
      quotas.find((p) => p.name === chosen?.name) ??
      (quotas.length === 1 && chosen?.name === undefined ? quotas[0] : undefined);
    limit ??= own?.params.q;
    scope ??= own?.name;
  }
  if (limit === undefined && remaining === undefined && resetAt === undefined && scope === undefined) {
    return undefined;
  }
  // Assigned member by member: conditional object spreads cost microseconds on Node 20's V8.
  const info: { -readonly [K in keyof RateLimitInfo]: RateLimitInfo[K] } = {};
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (resetAt !== undefined) info.resetAt = resetAt;
  if (scope !== undefined) info.scope = scrub(scope).slice(0, MAX_SCOPE_CHARS);
  return info;
}

interface Policy {
  readonly name: string | undefined;
  readonly params: Readonly<Record<string, number | undefined>>;
}

/** `"name";r=0;t=30, token;q=5` -> policies; at most {@link MAX_POLICIES}; never throws. */
function parsePolicies(field: string | undefined): Policy[] {
  if (field === undefined) return [];
  return field.split(',', MAX_POLICIES).map((member) => {
    const [head = '', ...rest] = member.split(';');
    let name = head.trim();
    if (name.startsWith('"')) name = name.slice(1, name.length > 1 && name.endsWith('"') ? -1 : undefined);
    name = name.replace(/\\(.)/g, '$1');
    const params: Record<string, number | undefined> = Object.create(null);
    for (const param of rest) {
      const eq = param.indexOf('=');
      if (eq > 0) params[param.slice(0, eq).trim().toLowerCase()] = leadingNumber(param.slice(eq + 1));
    }
    return { name: name.length > 0 && name.length <= 100 && !name.includes('=') ? name : undefined, params };
  });
}

function resetOf(raw: string, unit: ResetUnit, now: number, headers: HeaderMap): number | undefined {
  const n = leadingNumber(raw);
  if (n === undefined) {
    const at = isoDate(raw) ?? httpDate(raw);
    return at === undefined ? undefined : fromEpoch(at, now, headers);
  }
  if (unit === 'ms-until' && n < EPOCH_MS_MIN) return fromDelta(n, now);
  if (n < EPOCH_SECONDS_MIN) {
    // An epoch that would fall in 1970 is no epoch; elsewhere a small number is seconds until the reset.
    return unit === 'epoch-seconds' || unit === 'epoch-ms' ? undefined : fromDelta(n * 1000, now);
  }
  return fromEpoch(n < EPOCH_MS_MIN ? n * 1000 : n, now, headers);
}

function fromDelta(deltaMs: number, now: number): number | undefined {
  return deltaMs > MAX_WAIT_MS ? undefined : Math.ceil(now + deltaMs);
}

function fromEpoch(at: number, now: number, headers: HeaderMap): number | undefined {
  const delta = at - serverNow(headers, now);
  return delta > MAX_WAIT_MS ? undefined : delta > 0 ? Math.ceil(now + delta) : now;
}

/** The server's own clock (its `date` header) when readable, else ours. */
function serverNow(headers: HeaderMap, now: number): number {
  const date = headers.date;
  return (date === undefined ? undefined : httpDate(date)) ?? now;
}

/** The first usable reading among the adapter's header name(s) (any letter case), then core's (lower-case). */
function first<T>(
  headers: HeaderMap,
  declared: string | readonly string[] | undefined,
  defaults: readonly string[],
  read: (raw: string) => T | undefined,
): T | undefined {
  let value: T | undefined;
  if (typeof declared === 'string') value = readOne(headers[declared] ?? headers[declared.toLowerCase()], read);
  else if (declared !== undefined) {
    for (let i = 0; value === undefined && i < declared.length; i++) {
      const name = declared[i] as string;
      value = readOne(headers[name] ?? headers[name.toLowerCase()], read);
    }
  }
  // Indexed loops, no array built: this runs for every response, a dozen names at a time.
  for (let i = 0; value === undefined && i < defaults.length; i++)
    value = readOne(headers[defaults[i] as string], read);
  return value;
}

function readOne<T>(raw: string | undefined, read: (raw: string) => T | undefined): T | undefined {
  return raw === undefined ? undefined : read(raw);
}

/** Decimal seconds (`2`, `0.5`, `1.0005`) as whole ms, exactly and rounded up: a wait is never shorter than asked. */
export function secondsToMs(text: string): number | undefined {
  const start = skipSpaces(text, 0);
  const end = numberEnd(text, start);
  if (end < 0 || skipSpaces(text, end) !== text.length) return undefined;
  const [whole = '', fraction = ''] = text.slice(start, end).split('.');
  // Digits, not floating point: `2.3 * 1000` is 2299.9999999999995. Past the thousandths any digit rounds up.
  return Number(whole) * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0')) + (/[1-9]/.test(fraction.slice(3)) ? 1 : 0);
}

/** The plain decimal starting `text`, before a list or parameter separator (`100, 100`, `60;w=1`). */
export function leadingNumber(text: string): number | undefined {
  const start = skipSpaces(text, 0);
  const end = numberEnd(text, start);
  const next = end < 0 ? -1 : skipSpaces(text, end);
  const c = text.charCodeAt(next);
  if (next < 0 || (next < text.length && c !== 44 /* , */ && c !== 59) /* ; */) return undefined;
  // Digits summed in place, no slice: every response's rate-limit headers pass here.
  let n = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0) return Number(text.slice(start, end));
    n = n * 10 + digit;
  }
  return end - start > 15 ? Number(text.slice(start, end)) : n;
}

/**
 * Index just past `digits[.digits]` at `start`, or -1: no sign, exponent, hex or text (`Number()` and
 * `parseFloat()` accept `'1e400'`, `' 0x10 '`, `'12abc'`), at most 24 characters.
 */
function numberEnd(text: string, start: number): number {
  let i = start;
  let dot = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */ && dot < 0 && i > start) dot = i;
    else if (c < 48 || c > 57) break;
  }
  return i === start || i === dot + 1 || i - start > 24 ? -1 : i;
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i;
}

let lastDate = '';
let lastEpoch: number | undefined;

/** An RFC 9110 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) as epoch ms; dates that do not exist are refused. */
export function httpDate(text: string): number | undefined {
  // Nearly every `date` header is the same for a whole second of responses.
  if (text === lastDate) return lastEpoch;
  const m = text.length > 40 ? null : HTTP_DATE.exec(text.trim());
  const month = m === null ? -1 : MONTHS.indexOf((m[2] as string).toLowerCase());
  const epoch = m === null || month % 3 !== 0 ? undefined : utc(m[3], month / 3, m[1], m[4], m[5], m[6]);
  lastDate = text;
  lastEpoch = epoch;
  return epoch;
}

/** An ISO-8601 / RFC 3339 timestamp as epoch ms; without a zone it is UTC (the server's clock), not local time. */
export function isoDate(text: string): number | undefined {
  const m = text.length > 40 ? null : ISO_DATE.exec(text.trim());
  if (m === null) return undefined;
  const epoch = utc(m[1], Number(m[2]) - 1, m[3], m[4], m[5], m[6], m[7]);
  const zone = m[8];
  if (epoch === undefined || zone === undefined || zone.length === 1) return epoch;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(-2)) * (zone.length > 3 ? 1 : 0);
  if (hours > 23 || minutes > 59) return undefined;
  // Local time is ahead of UTC by the offset.
  return epoch - (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** Date.UTC of real calendar fields only: no `31 Feb` rolled into March; a leap second counts as :59. */
function utc(
  year: string | undefined,
  month: number,
  day: string | undefined,
  hour = '0',
  minute = '0',
  second = '0',
  fraction = '',
): number | undefined {
  const [y, d, h, mi, s] = [year, day, hour, minute, second].map(Number) as [number, number, number, number, number];
  if (y < 1000 || month < 0 || month > 11 || h > 23 || mi > 59 || s > 60) return undefined;
  const epoch = Date.UTC(y, month, d, h, mi, Math.min(s, 59), Number(`${fraction}00`.slice(0, 3)));
  return new Date(epoch).getUTCDate() === d ? epoch : undefined;
}
