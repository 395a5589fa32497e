import { parseSecondsAsMs } from './decimal';
import type { HeaderMap } from './header-map';
import { parseHttpDate } from './http-date';

/**
 * Longest wait a server may ask for. Anything longer is a malformed value (an epoch where a
 * duration was due, a typo), not a real instruction, and is ignored.
 */
export const MAX_RETRY_AFTER_MS = 365 * 24 * 60 * 60 * 1000;

/** Options of {@link parseRetryAfter}. */
export interface RetryAfterOptions {
  /**
   * Current time in epoch ms, used for an HTTP-date when the response has no usable `date` header.
   * @default Date.now()
   */
  readonly now?: number | undefined;
}

/**
 * Reads how long the server asks the client to wait, in whole milliseconds (rounded up).
 *
 * - `retry-after-ms` (milliseconds, possibly decimal) wins when it holds a valid value.
 * - `retry-after` as integer or decimal seconds (`2`, `2.0`, `0.5`).
 * - `retry-after` as an HTTP-date in any RFC 9110 form, measured against the response's own
 *   `date` header when it has one (so a skewed server clock cancels out), else against `now`.
 *   A date in the past means "now": 0.
 *
 * Garbage (`soon`, `-1`, `NaN`, `Infinity`, `1e3`), blank values and waits above
 * {@link MAX_RETRY_AFTER_MS} give undefined. The result is never NaN or negative.
 *
 * @param headers - lower-cased response headers.
 * @example
 * parseRetryAfter(toHeaderMap({ 'Retry-After': '1.5' })); // 1500
 * parseRetryAfter(toHeaderMap({ 'Retry-After': 'soon' })); // undefined
 */
export function parseRetryAfter(headers: HeaderMap, options?: RetryAfterOptions): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined) {
    const wait = parseMilliseconds(ms);
    if (wait !== undefined) return wait;
  }
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const seconds = parseSecondsAsMs(value);
  if (seconds !== undefined) return seconds <= MAX_RETRY_AFTER_MS ? seconds : undefined;
  const now = options?.now !== undefined && Number.isFinite(options.now) ? options.now : Date.now();
  const at = parseHttpDate(value, now);
  if (at === undefined) return longestListMember(value);
  const dateHeader = headers.date;
  const serverNow = dateHeader === undefined ? undefined : parseHttpDate(dateHeader, now);
  const wait = at - (serverNow ?? now);
  if (wait > MAX_RETRY_AFTER_MS) return undefined;
  return wait > 0 ? Math.ceil(wait) : 0;
}

function parseMilliseconds(value: string): number | undefined {
  // Parsed as thousandths of a second so that `1.5` ms rounds up to 2 exactly like seconds do.
  const micros = parseSecondsAsMs(value);
  if (micros === undefined) return undefined;
  const wait = Math.ceil(micros / 1000);
  return wait <= MAX_RETRY_AFTER_MS ? wait : undefined;
}

// A repeated header arrives joined with `, ` (see toHeaderMap); an HTTP-date has its own comma and
// was tried as a whole first. Every member must be numeric and the longest wait wins, so a wait is
// never shortened. `1,5` (a decimal comma, no space) is not a list and stays garbage.
const MAX_LIST_MEMBERS = 8;

function longestListMember(value: string): number | undefined {
  if (value.indexOf(', ') < 0) return undefined;
  const members = value.split(',', MAX_LIST_MEMBERS + 1);
  if (members.length > MAX_LIST_MEMBERS) return undefined;
  let longest = -1;
  for (let i = 0; i < members.length; i++) {
    const member = members[i] as string;
    if (i > 0 && member.charCodeAt(0) !== 32) return undefined;
    const wait = parseSecondsAsMs(member);
    if (wait === undefined) return undefined;
    if (wait > longest) longest = wait;
  }
  return longest <= MAX_RETRY_AFTER_MS ? longest : undefined;
}
