/** Headers that carry credentials whatever the provider: always removed by {@link stripCredentials}. */
export const STANDARD_CREDENTIAL_HEADERS: readonly string[] = Object.freeze([
  'authorization',
  'proxy-authorization',
  'cookie',
]);

/**
 * A copy of `headers` without the {@link STANDARD_CREDENTIAL_HEADERS} and `credentialHeaders` (any case), for a
 * request that leaves the credential's origin.
 *
 * @example
 * stripCredentials(headers, ['x-api-key', 'stripe-account']);
 */
export function stripCredentials(
  headers: Headers | Readonly<Record<string, string>>,
  credentialHeaders: readonly string[],
): Headers {
  const out = new Headers(headers);
  for (const name of STANDARD_CREDENTIAL_HEADERS) out.delete(name);
  for (const name of credentialHeaders) out.delete(name);
  return out;
}

/**
 * A copy of `url` without the query parameters in `names` (compared case-insensitively after percent-decoding, so
 * `API%5Fkey` goes too) and, when `isSecret` is given, without those whose decoded value it recognizes. Other
 * parameters keep their exact encoding: a download host's own signed query (`?token=`, `?X-Amz-Signature=`) is
 * its URL, not a credential of the caller's, and must reach it intact.
 *
 * @example
 * stripQueryParams(new URL('https://x.io/a?api_key=s&page=2'), ['api_key']).href; // 'https://x.io/a?page=2'
 */
export function stripQueryParams(url: URL, names: readonly string[], isSecret?: (value: string) => boolean): URL {
  const out = new URL(url.href);
  if (out.search === '' || (names.length === 0 && isSecret === undefined)) return out;
  const drop = new Set(names.map((name) => name.toLowerCase()));
  const kept = out.search
    .slice(1)
    .split('&')
    .filter((pair) => {
      const eq = pair.indexOf('=');
      if (drop.has(decodeParam(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase())) return false;
      return isSecret === undefined || eq < 0 || !isSecret(decodeParam(pair.slice(eq + 1)));
    });
  out.search = kept.join('&');
  return out;
}

/** A query parameter name or value decoded (`+` as a space); as sent when it is not valid percent-encoding. */
export function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}
