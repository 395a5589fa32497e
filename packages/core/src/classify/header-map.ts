/** Header values as callers hand them to Rosetta: a `Headers`, or a plain object in any letter case. */
export type HeadersInput = Headers | Readonly<Record<string, string | readonly string[] | number | undefined | null>>;

/** Headers with lower-cased names in a null-prototype record (a header named `__proto__` is only data). */
export type HeaderMap = Readonly<Record<string, string>>;

/**
 * Turns any {@link HeadersInput} into a {@link HeaderMap}; repeated values are joined with `, ` (RFC 9110 lists).
 *
 * @example
 * toHeaderMap({ 'Retry-After': '2' })['retry-after']; // '2'
 */
export function toHeaderMap(input: HeadersInput | undefined): HeaderMap {
  const out: Record<string, string> = Object.create(null);
  if (input === undefined || input === null) return out;
  if (typeof (input as Headers).forEach === 'function' && typeof (input as Headers).get === 'function') {
    (input as Headers).forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
    return out;
  }
  for (const name of Object.keys(input)) {
    const raw = (input as Record<string, unknown>)[name];
    // An SDK's header record may hold anything; only what a header can be is read (String() of a
    // null-prototype object throws).
    const value = Array.isArray(raw) ? raw.filter(isScalar).join(', ') : isScalar(raw) ? `${raw}` : undefined;
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const prev = out[key];
    out[key] = prev === undefined ? value : `${prev}, ${value}`;
  }
  return out;
}

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
