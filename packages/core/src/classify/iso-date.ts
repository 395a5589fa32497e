// Strict on shape (Date.parse accepts almost anything), lenient on details: a space instead of
// `T`, a missing zone, an offset with or without a colon, any number of fraction digits.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO-8601 / RFC 3339 timestamp (`2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.123+02:00`,
 * `2024-05-01`). A timestamp without a zone is read as UTC, not as the machine's local time: servers
 * that omit the zone mean their own clock, which is UTC far more often than ours.
 *
 * @returns epoch milliseconds, or undefined when `value` is not such a timestamp or names a
 *   date that does not exist.
 * @example
 * parseIsoDate('1970-01-01T00:00:01Z'); // 1000
 */
export function parseIsoDate(value: string): number | undefined {
  const text = value.trim();
  if (text.length < 10 || text.length > 40) return undefined;
  const m = ISO_8601.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Math.min(Number(m[6]), 59);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (year < 1000 || month < 0 || month > 11 || day < 1 || hour > 23 || minute > 59 || Number(m[6] ?? 0) > 60) {
    return undefined;
  }
  let epoch = Date.UTC(year, month, day, hour, minute, second, ms);
  if (new Date(epoch).getUTCDate() !== day) return undefined;
  const zone = m[8];
  if (zone !== undefined && zone !== 'z' && zone !== 'Z') {
    const sign = zone.charCodeAt(0) === 45 /* - */ ? -1 : 1;
    const digits =
      zone.length > 3 && zone.charCodeAt(3) === 58 /* : */ ? zone.slice(1, 3) + zone.slice(4) : zone.slice(1);
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMinutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    // The local time is ahead of UTC by the offset, so UTC = local - offset.
    epoch -= sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  }
  return epoch;
}
