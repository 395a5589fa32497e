import type { RequestBody } from './encode-request-body';
import { stripCredentials } from './strip-credentials';
import { cancelBody } from './race-signal';
import { TransportFault } from './transport-fault';

/** One hop of a request, as {@link followRedirects} hands it to `send`. */
export interface RedirectRequest {
  url: URL;
  /** Upper-case, as the client normalises it. */
  method: string;
  /** A plain record on the first hop (no `Headers` built unless a redirect needs one). */
  headers: Headers | Readonly<Record<string, string>>;
  body: RequestBody | undefined;
  /**
   * `false` once the chain has left the credential's origin: `send` must then strip provider credential headers
   * and auth query parameters (`Authorization`, `Proxy-Authorization` and `Cookie` are already gone).
   */
  withCredentials: boolean;
}

/** Options for {@link followRedirects}. */
export interface FollowRedirectsOptions {
  /** Sends one hop; it must call fetch with `redirect: 'manual'` and apply or omit credentials. */
  send: (request: RedirectRequest) => Promise<Response>;
  /** The first hop; its origin is the one the credentials belong to. */
  request: Omit<RedirectRequest, 'withCredentials'>;
  /** Redirects followed before `redirect_loop`; `0` refuses every redirect. The client validates it. @default 5 */
  maxRedirects?: number;
  /** Other origins a redirect may lead to, followed without credentials (built by {@link toOrigins}). */
  trustedOrigins?: ReadonlySet<string>;
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
// Fetch drops these with the body when a redirect turns the request into a GET.
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

/**
 * Follows 301/302/303/307/308 by hand so credentials never leave their origin (fetch's own mode forwards `X-API-Key`
 * to any host). Same origin (or its default-port `https` upgrade): followed. A `trustedOrigins` origin: followed with
 * `withCredentials: false` from then on. Else, or `https` -> `http`, a non-http(s) scheme, user info:
 * `redirect_refused`. 303 (and 301/302 from POST) become a bodiless GET (RFC 9110). No usable `Location`: the 3xx is
 * returned. Too many or repeated hops: `redirect_loop`.
 *
 * @example
 * const response = await followRedirects({ request: { url, method: 'GET', headers, body: undefined }, send });
 */
export async function followRedirects(options: FollowRedirectsOptions): Promise<Response> {
  const { send, maxRedirects = 5, trustedOrigins = new Set<string>() } = options;
  const { url: first, method, headers, body } = options.request;
  let current: RedirectRequest = { url: first, method, headers, body, withCredentials: true };
  // Built on the first redirect: most requests have none.
  let seen: Set<string> | undefined;

  for (let hops = 0; ; hops++) {
    const response = await send(current);
    if (!REDIRECT_STATUSES.has(response.status)) return response;
    seen ??= new Set([hopKey(current)]);
    const target = resolveLocation(response, current.url);
    if (target === undefined) return response;
    cancelBody(response);

    if (hops >= maxRedirects) {
      throw new TransportFault('redirect_loop', `Too many redirects (more than ${maxRedirects})`);
    }
    assertFollowable(current.url, target);
    current = nextHop(current, response.status, target, keepsCredentials(first, target, trustedOrigins));
    const key = hopKey(current);
    if (seen.has(key)) throw new TransportFault('redirect_loop', `Redirect loop detected at ${target.origin}`);
    seen.add(key);
  }
}

/** Whether credentials may go to `target`; throws when the hop must not be made at all. */
function keepsCredentials(first: URL, target: URL, trusted: ReadonlySet<string>): boolean {
  if (first.origin === target.origin) return true;
  // http -> https on the same host sends nothing the first hop did not already expose.
  const upgrade = first.protocol === 'http:' && target.protocol === 'https:' && first.hostname === target.hostname;
  if (upgrade && first.port === '' && target.port === '') return true;
  if (trusted.has(target.origin)) return false;
  throw refused(`Redirect to ${target.origin} refused: origin is not trusted`);
}

/** Refusals that hold whatever the origin, trusted or not. */
function assertFollowable(from: URL, target: URL): void {
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw refused(`Redirect to a "${target.protocol}" URL refused`);
  }
  if (from.protocol === 'https:' && target.protocol === 'http:') {
    throw refused(`Redirect from https to http refused (${target.origin})`);
  }
  if (target.username !== '' || target.password !== '') {
    throw refused(`Redirect to a URL with user info refused (${target.origin})`);
  }
}

const refused = (message: string): TransportFault => new TransportFault('redirect_refused', message);

function nextHop(current: RedirectRequest, status: number, target: URL, mayKeep: boolean): RedirectRequest {
  const withCredentials = current.withCredentials && mayKeep;
  const { method } = current;
  const toGet =
    (status === 303 && method !== 'GET' && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST');
  const headers = withCredentials ? new Headers(current.headers) : stripCredentials(current.headers, []);
  if (toGet) for (const name of BODY_HEADERS) headers.delete(name);
  return {
    url: target,
    method: toGet ? 'GET' : method,
    headers,
    body: toGet ? undefined : current.body,
    withCredentials,
  };
}

function resolveLocation(response: Response, base: URL): URL | undefined {
  const location = response.headers.get('location');
  if (location === null || location.trim() === '') return undefined;
  try {
    const url = new URL(location, base);
    url.hash = '';
    return url;
  } catch {
    return undefined;
  }
}

/** The origins of URLs, for {@link FollowRedirectsOptions.trustedOrigins}; unparsable entries are left out. */
export function toOrigins(entries: readonly string[]): ReadonlySet<string> {
  const origins = new Set<string>();
  for (const entry of entries) {
    try {
      origins.add(new URL(entry).origin);
    } catch {
      // An unparsable entry trusts nothing; the refusal message then names the origin to add.
    }
  }
  return origins;
}

function hopKey(request: RedirectRequest): string {
  return `${request.method} ${request.url.href}`;
}
