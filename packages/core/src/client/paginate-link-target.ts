/** A next-page link resolved to a path under the client's base URL, or why it cannot be. */
type LinkTarget =
  | { readonly ok: true; readonly path: string; readonly url: URL }
  | { readonly ok: false; readonly origin: string };

/**
 * Maps a link to a path (with its query) under the client's base URL. A link under the provider's own base URL
 * (GitHub names `https://api.github.com/...` even behind a proxy or the simulator) goes through the client's base;
 * anything else is refused: a `Link` header must never send the client's credentials to another host. A relative
 * link resolves against its page (RFC 8288 §3.2) as the client requested it, then as the provider saw it (a proxy
 * that forwards under its own prefix).
 */
export function linkTarget(link: string, current: URL, baseUrl: string, providerBaseUrl: string): LinkTarget {
  const base = new URL(baseUrl);
  const provider = new URL(providerBaseUrl);
  const pagePath = below(current, base);
  const contexts: Array<readonly [URL, URL]> = [[current, base]];
  if (pagePath !== undefined) contexts.push([join(provider, pagePath), provider]);
  let refused: string | undefined;
  for (const [context, root] of contexts) {
    let url: URL;
    try {
      url = new URL(link, context);
    } catch {
      continue;
    }
    const path = below(url, root);
    if (path !== undefined) return { ok: true, path, url: join(base, path) };
    refused ??= url.origin;
  }
  return { ok: false, origin: refused ?? 'an unparsable URL' };
}

/** The path and query of `url` below `base`'s origin and path prefix, undefined when outside. */
function below(url: URL, base: URL): string | undefined {
  if (url.origin !== base.origin) return undefined;
  const prefix = base.pathname.replace(/\/+$/, '');
  if (prefix !== '' && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return undefined;
  return `${url.pathname.slice(prefix.length) || '/'}${url.search}`;
}

function join(base: URL, path: string): URL {
  return new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`);
}
