import type { HeaderMap } from './header-map';

/** Request-id headers core reads after an adapter's own, most specific first; `cf-ray` is a last resort. */
export const DEFAULT_REQUEST_ID_HEADERS: readonly string[] = Object.freeze([
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'x-amzn-requestid',
  'cf-ray',
]);

/** Ids longer than this are not ids; the value is cut so that a hostile header cannot bloat every error. */
const MAX_REQUEST_ID_CHARS = 200;

/**
 * Finds the provider's request id: the adapter's headers first, then
 * {@link DEFAULT_REQUEST_ID_HEADERS}. Blank values are skipped. A repeated header (joined with
 * `, ` by `toHeaderMap`) gives its first value: ids never contain commas.
 *
 * @param headers - lower-cased response headers.
 * @param extra - the adapter's request-id header names, most specific first.
 * @example
 * parseRequestId(toHeaderMap({ 'X-GitHub-Request-Id': 'A1:B2' }), ['x-github-request-id']); // 'A1:B2'
 */
export function parseRequestId(headers: HeaderMap, extra?: readonly string[]): string | undefined {
  if (extra !== undefined) {
    for (const name of extra) {
      const id = clean(headers[name] ?? headers[name.toLowerCase()]);
      if (id !== undefined) return id;
    }
  }
  for (const name of DEFAULT_REQUEST_ID_HEADERS) {
    const id = clean(headers[name]);
    if (id !== undefined) return id;
  }
  return undefined;
}

function clean(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const comma = raw.indexOf(',');
  const id = (comma < 0 ? raw : raw.slice(0, comma)).trim();
  if (id.length === 0) return undefined;
  return id.length > MAX_REQUEST_ID_CHARS ? id.slice(0, MAX_REQUEST_ID_CHARS) : id;
}
