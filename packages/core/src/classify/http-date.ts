// `Date.parse` is not used: it accepts nearly anything (`Date.parse('2')` is the year 2001 in V8)
// and reads zone-less strings as local time, so a strict parser keeps garbage out.

// RFC 9110 §5.6.7. Leniency on case, spacing and a missing or `UTC` zone, because real servers
// drift from the grammar; the shape itself must match.
const IMF_FIXDATE =
  /^[a-z]{3},\s*(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*(?:gmt|utc|ut|z|[+-]0000)?$/i;
const RFC_850 = /^[a-z]{6,9},\s*(\d{1,2})-([a-z]{3})-(\d{2}|\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*(?:gmt|utc)?$/i;
const ASCTIME = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$/i;

/** `jan`..`dec` packed as three lower-case char codes, for allocation-free month lookups. */
const MONTH_KEYS: readonly number[] = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
].map((m) => (m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2));
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

// One-entry memo of the last canonical date: its result depends on the text alone.
let lastCanonical: string | undefined;
let lastEpoch = 0;

/**
 * Parses an HTTP-date in any of the three RFC 9110 forms: IMF-fixdate
 * (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime
 * (`Sun Nov  6 08:49:37 1994`). Dates that do not exist (`31 Feb`) are rejected.
 *
 * @param now - epoch ms used to place an RFC 850 two-digit year: RFC 9110 reads a year more than
 *   50 years ahead as the most recent past year with the same last two digits.
 * @returns epoch milliseconds, or undefined when `value` is not an HTTP-date.
 * @example
 * parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'); // 784111777000
 */
export function parseHttpDate(value: string, now?: number): number | undefined {
  // Nearly every `date` header is a canonical IMF-fixdate, and the same one for a whole second of
  // responses: remember the last one, and read new ones without a regex or allocation.
  if (value === lastCanonical) return lastEpoch;
  const fast = parseCanonical(value);
  if (fast !== undefined) {
    lastCanonical = value;
    lastEpoch = fast;
    return fast;
  }
  const text = value.trim();
  if (text.length < 20 || text.length > 40) return undefined;
  let m = IMF_FIXDATE.exec(text);
  if (m !== null) return toEpoch(Number(m[3]), m[2], Number(m[1]), m[4], m[5], m[6]);
  m = RFC_850.exec(text);
  if (m !== null) {
    const year = (m[3] as string).length === 2 ? fullYear(Number(m[3]), now ?? Date.now()) : Number(m[3]);
    return toEpoch(year, m[2], Number(m[1]), m[4], m[5], m[6]);
  }
  m = ASCTIME.exec(text);
  if (m !== null) return toEpoch(Number(m[6]), m[1], Number(m[2]), m[3], m[4], m[5]);
  return undefined;
}

function fullYear(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  const year = current - (current % 100) + twoDigits;
  return year > current + 50 ? year - 100 : year;
}

function toEpoch(
  year: number,
  monthName: string | undefined,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
): number | undefined {
  const month = monthName === undefined ? -1 : monthIndex(monthName, 0);
  return epochOf(year, month, day, Number(hour), Number(minute), Number(second));
}

/** `Sun, 06 Nov 1994 08:49:37 GMT` exactly, or undefined (then the lenient regexes get a go). */
function parseCanonical(t: string): number | undefined {
  if (
    t.length !== 29 ||
    t.charCodeAt(3) !== 44 /* , */ ||
    t.charCodeAt(4) !== 32 ||
    t.charCodeAt(7) !== 32 ||
    t.charCodeAt(11) !== 32 ||
    t.charCodeAt(16) !== 32 ||
    t.charCodeAt(19) !== 58 /* : */ ||
    t.charCodeAt(22) !== 58 ||
    t.charCodeAt(25) !== 32 ||
    !isLetter(t.charCodeAt(0)) ||
    !isLetter(t.charCodeAt(1)) ||
    !isLetter(t.charCodeAt(2)) ||
    !t.endsWith('GMT')
  ) {
    return undefined;
  }
  const year = digits(t, 12, 4);
  const day = digits(t, 5, 2);
  if (year < 0 || day < 0) return undefined;
  return epochOf(year, monthIndex(t, 8), day, digits(t, 17, 2), digits(t, 20, 2), digits(t, 23, 2));
}

function epochOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number | undefined {
  if (month < 0 || year < 1000 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return undefined;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 1 && leap ? 29 : (DAYS_IN_MONTH[month] as number);
  // A date that does not exist (`31 Feb`) is not a date; Date.UTC would roll it into March.
  if (day < 1 || day > monthDays) return undefined;
  // A leap second (:60) is real in the grammar; Date cannot hold it, so it counts as :59.
  return Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
}

/** Month index of the three letters at `at` (any case), or -1. */
function monthIndex(text: string, at: number): number {
  const key =
    ((text.charCodeAt(at) | 32) << 16) | ((text.charCodeAt(at + 1) | 32) << 8) | (text.charCodeAt(at + 2) | 32);
  return MONTH_KEYS.indexOf(key);
}

/** The decimal number in `text[at, at + count)`, or -1 when any of it is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
