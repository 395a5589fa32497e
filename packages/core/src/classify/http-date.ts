// `Date.parse` is not used: it accepts nearly anything (`Date.parse('2')` is the year 2001 in V8)
// and reads zone-less strings as local time, so a strict parser keeps garbage out.

// RFC 9110 §5.6.7. Leniency on case, spacing and a missing or `UTC` zone, because real servers
// drift from the grammar; the shape itself must match.
const IMF_FIXDATE =
  /^[a-z]{3},\s*(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*(?:gmt|utc|ut|z|[+-]0000)?$/i;
const RFC_850 = /^[a-z]{6,9},\s*(\d{1,2})-([a-z]{3})-(\d{2}|\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*(?:gmt|utc)?$/i;
const ASCTIME = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$/i;

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

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
  const index = monthName === undefined ? -1 : MONTHS.indexOf(monthName.toLowerCase());
  const month = index % 3 === 0 ? index / 3 : -1;
  const h = Number(hour);
  const min = Number(minute);
  // A leap second (:60) is real in the grammar; Date cannot hold it, so it counts as :59.
  const s = Math.min(Number(second), 59);
  if (month < 0 || year < 1000 || day < 1 || h > 23 || min > 59 || Number(second) > 60) return undefined;
  const epoch = Date.UTC(year, month, day, h, min, s);
  // Date.UTC rolls 31 Feb over into March: a date that does not exist is not a date.
  if (new Date(epoch).getUTCDate() !== day) return undefined;
  return epoch;
}
