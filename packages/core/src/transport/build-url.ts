import { TransportFault } from './transport-fault';

/** A query parameter value. `null`/`undefined` are skipped; arrays repeat the key (`ids=1&ids=2`). */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

// What could leave the base: a scheme, `//host`, a backslash, a fragment, C0 controls, DEL, and the Unicode line
// separators some parsers treat as newlines.
const NOT_RELATIVE = /^[A-Za-z][A-Za-z0-9+.-]*:|^\/\/|[\\#\u0000-\u001F\u007F\u2028\u2029]/;

/**
 * Joins a base URL (whose path prefix is kept), a relative path (an inline `?query` is kept) and query parameters
 * (`%20` for spaces). Anything that could leave the base origin or prefix is refused with {@link TransportFault}
 * `invalid_path` before any I/O: absolute or protocol-relative URLs, backslashes, `..` climbing out of the prefix
 * (in any spelling), control characters and fragments.
 *
 * @example
 * buildUrl('https://api.x.com/v2', '/users/42', { expand: ['team', 'org'], draft: false }).href;
 * // 'https://api.x.com/v2/users/42?expand=team&expand=org&draft=false'
 */
export function buildUrl(baseUrl: string, path: string, query?: Readonly<Record<string, QueryValue>>): URL {
  // A fresh parse each call: the URL is returned, and mutated on the way.
  const url = parseBase(baseUrl);
  // The path itself is never echoed in messages: it may carry a token or an inline query.
  if (typeof path !== 'string' || NOT_RELATIVE.test(path)) {
    throw invalid('Path must be relative: no scheme, "//", backslash, "#" or control character');
  }

  const queryStart = path.indexOf('?');
  const pathPart = queryStart === -1 ? path : path.slice(0, queryStart);
  const inlineQuery = queryStart === -1 ? '' : path.slice(queryStart + 1);

  const prefix = url.pathname.replace(/\/+$/, '');
  const baseQuery = url.search.slice(1);
  const relative = pathPart.replace(/^\/+/, '');
  url.pathname = relative === '' && pathPart === '' ? prefix || '/' : `${prefix}/${relative}`;
  // The parser has already resolved `.`/`..`/`%2e` segments; checking its result catches every spelling.
  if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) {
    throw invalid('Path must not climb above the base URL ("..")');
  }
  url.search = [baseQuery, inlineQuery, encodeQuery(query)].filter((part) => part !== '').join('&');
  // Setting path, query and fragment cannot change the origin (WHATWG URL setters), so no check for it is needed.
  url.hash = '';
  return url;
}

/**
 * Fills `{name}` and `:name` (at a segment start) placeholders, each value `encodeURIComponent`-encoded so it stays
 * one segment. A missing parameter, a non-finite number, or an empty, `.` or `..` value (which would address
 * another resource) is refused with {@link TransportFault} `invalid_path`.
 *
 * @example
 * expandPath('/repos/{owner}/{repo}/issues/:number', { owner: 'a', repo: 'b/c', number: 7 });
 * // '/repos/a/b%2Fc/issues/7'
 */
export function expandPath(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(
    /\{([A-Za-z_$][\w$]*)\}|(^|\/):([A-Za-z_$][\w$]*)/g,
    (_match, braced: string | undefined, slash: string | undefined, colon: string | undefined) => {
      const name = braced ?? colon ?? '';
      const value = Object.hasOwn(params, name) ? params[name] : undefined;
      if (value === undefined || value === null) throw invalid(`Missing path parameter "${name}"`);
      const text = typeof value === 'number' && !Number.isFinite(value) ? '' : String(value);
      if (text === '' || text === '.' || text === '..') {
        throw invalid(`Path parameter "${name}" is empty, ".", ".." or not a finite number`);
      }
      return (slash ?? '') + encodeURIComponent(text);
    },
  );
}

function parseBase(baseUrl: string): URL {
  // A per-account adapter's template (`https://{site}.atlassian.net`) used as is would send the credential to a host
  // or company that is not the caller's. Only the placeholder's name is quoted: it is the adapter's, never a secret.
  const placeholder = /\{\w+\}/.exec(baseUrl)?.[0];
  if (placeholder !== undefined) throw invalid(`Base URL has an unfilled ${placeholder}: pass the account's baseUrl`);
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch (cause) {
    // The base URL may embed credentials, so it is never echoed.
    throw invalid('Base URL is not an absolute URL', cause);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw invalid('Base URL must be http(s)');
  // fetch refuses such a URL anyway (an opaque TypeError); saying why here also keeps the credential off the wire.
  if (base.username !== '' || base.password !== '') {
    throw invalid('Base URL must not hold credentials: pass them as auth');
  }
  return base;
}

function encodeQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return '';
  const pairs: string[] = [];
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values as readonly (string | number | boolean)[]) {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  return pairs.join('&');
}

function invalid(message: string, cause?: unknown): TransportFault {
  return new TransportFault('invalid_path', message, cause === undefined ? undefined : { cause });
}
