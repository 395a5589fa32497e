/** Where a next-page link may be followed. */
export interface LinkTargetBases {
  /** The client's base URL: where requests go (the provider, a proxy, the simulator). */
  readonly baseUrl: string;
  /** The adapter's base URL: the provider's real host, which its links name even behind a proxy. */
  readonly providerBaseUrl: string;
}

/** A next-page link resolved to a path under the client's base URL, or why it cannot be. */
export type LinkTarget =
  | { readonly ok: true; readonly path: string; readonly url: URL }
  | { readonly ok: false; readonly origin: string };

/**
 * Maps a next-page link to a path (with its query) relative to the client's base URL. A link
 * under the client's base is taken as is; a link under the provider's own base URL (GitHub sends
 * `https://api.github.com/...` even when the client talks to a proxy or the simulator) is sent
 * through the client's base, same path below the prefix. Anything else is refused: a `Link`
 * header must never send the client's credentials to another host.
 *
 * @example
 * linkTarget('https://api.github.com/repositories/1/issues?page=2', current, {
 *   baseUrl: 'http://127.0.0.1:4010/github', providerBaseUrl: 'https://api.github.com',
 * }); // { ok: true, path: '/repositories/1/issues?page=2', url: http://127.0.0.1:4010/github/repositories/1/issues?page=2 }
 */
export function linkTarget(link: string, current: URL, bases: LinkTargetBases): LinkTarget {
  let url: URL;
  try {
    // RFC 8288 §3.2: a relative reference is resolved against the URL of the page that sent it.
    url = new URL(link, current);
  } catch {
    return { ok: false, origin: 'an unparsable URL' };
  }
  for (const baseUrl of [bases.baseUrl, bases.providerBaseUrl]) {
    const path = below(url, new URL(baseUrl));
    if (path !== undefined) return { ok: true, path, url: new URL(`${stripSlash(bases.baseUrl)}${path}`) };
  }
  return { ok: false, origin: url.origin };
}

function below(url: URL, base: URL): string | undefined {
  if (url.origin !== base.origin) return undefined;
  const prefix = base.pathname.replace(/\/+$/, '');
  if (prefix !== '' && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return undefined;
  return `${url.pathname.slice(prefix.length) || '/'}${url.search}`;
}

function stripSlash(baseUrl: string): string {
  const base = new URL(baseUrl);
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
}
