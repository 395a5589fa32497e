import type { HeaderMap } from './header-map';

/** Retry-hint headers core reads after an adapter's own. */
export const DEFAULT_RETRY_HINT_HEADERS: readonly string[] = Object.freeze(['x-should-retry']);

/**
 * Reads a server's explicit "should the client retry" hint (Stripe's `stripe-should-retry`,
 * OpenAI's and others' `x-should-retry`). The adapter's headers are read first, then
 * {@link DEFAULT_RETRY_HINT_HEADERS}. Only `true` and `false` count (any letter case, surrounding
 * spaces allowed); any other value is ignored and the next header is tried.
 *
 * @param headers - lower-cased response headers.
 * @param extra - the adapter's hint header names, most specific first.
 * @returns the hint, or undefined when the server gave none.
 * @example
 * parseRetryHint(toHeaderMap({ 'Stripe-Should-Retry': 'false' }), ['stripe-should-retry']); // false
 */
export function parseRetryHint(headers: HeaderMap, extra?: readonly string[]): boolean | undefined {
  if (extra !== undefined) {
    for (const name of extra) {
      const hint = toBoolean(headers[name] ?? headers[name.toLowerCase()]);
      if (hint !== undefined) return hint;
    }
  }
  for (const name of DEFAULT_RETRY_HINT_HEADERS) {
    const hint = toBoolean(headers[name]);
    if (hint !== undefined) return hint;
  }
  return undefined;
}

function toBoolean(raw: string | undefined): boolean | undefined {
  // Length first: most values are rejected without allocating a lower-cased copy.
  if (raw === undefined || raw.length < 4 || raw.length > 16) return undefined;
  const value = raw.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
