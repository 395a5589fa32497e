import type { AdapterFixture } from '../conformance/fixture';

// Same magnitudes as core's reset parser: below 1e9 a number is relative (seconds until), from
// 1e11 it is an epoch in milliseconds.
const EPOCH_SECONDS_MIN = 1e9;
const EPOCH_MS_MIN = 1e11;
const RESET_HEADER = /(^|-)reset$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

/**
 * A fixture's response headers with every absolute time moved to the present: reset headers in
 * epoch seconds, epoch milliseconds or ISO-8601, `Retry-After` as an HTTP-date, and `Date`.
 * Each keeps its unit and its distance from the fixture's own "now" (`fixture.now`, else its
 * `Date` header); a fixture that states neither is taken to reset `fallbackOffsetMs` from now.
 * Relative values (`Retry-After: 30`, seconds-until resets) are already meaningful and stay.
 *
 * @example
 * // fixture.now 12:00:00, x-ratelimit-reset 12:10:00 (epoch s) -> now + 600 s, in epoch s
 * rebaseHeaders(fixture, Date.now(), 60_000)['x-ratelimit-reset'];
 */
export function rebaseHeaders(fixture: AdapterFixture, now: number, fallbackOffsetMs: number): Record<string, string> {
  const headers = fixture.response.headers ?? {};
  const reference = referenceTime(fixture);
  const shift = (at: number): number => now + (reference === undefined ? fallbackOffsetMs : at - reference);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'date') out[name] = new Date(now).toUTCString();
    else if (RESET_HEADER.test(lower)) out[name] = rebaseReset(value, shift);
    else if (lower === 'retry-after') out[name] = rebaseRetryAfter(value, shift);
    else out[name] = value;
  }
  return out;
}

function referenceTime(fixture: AdapterFixture): number | undefined {
  const stated = fixture.now === undefined ? Number.NaN : Date.parse(fixture.now);
  if (Number.isFinite(stated)) return stated;
  const dateHeader = Object.entries(fixture.response.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'date',
  )?.[1];
  const fromDate = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
  return Number.isFinite(fromDate) ? fromDate : undefined;
}

function rebaseReset(value: string, shift: (at: number) => number): string {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    if (n < EPOCH_SECONDS_MIN) return value;
    if (n < EPOCH_MS_MIN) return String(Math.ceil(shift(n * 1000) / 1000));
    return String(Math.ceil(shift(n)));
  }
  if (ISO_DATE.test(trimmed)) {
    const at = Date.parse(trimmed);
    return Number.isFinite(at) ? new Date(shift(at)).toISOString() : value;
  }
  return value;
}

function rebaseRetryAfter(value: string, shift: (at: number) => number): string {
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return value;
  const at = Date.parse(value);
  // HTTP-dates have whole seconds: round up so the rebased wait is never shorter than recorded.
  return Number.isFinite(at) ? new Date(Math.ceil(shift(at) / 1000) * 1000).toUTCString() : value;
}
