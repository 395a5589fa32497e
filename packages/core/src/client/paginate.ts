import type { Adapter, PaginationDescriptor } from '../adapter/types';
import type { QueryValue } from '../transport/build-url';
import type { RequestOptions, ResponseWithMeta } from './options';

/** Options of `client.paginate()`. */
export interface PaginateOptions {
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Stop after this many pages. @default Infinity */
  readonly maxPages?: number;
  /** Stop after this many items. @default Infinity */
  readonly maxItems?: number;
  /** Where the items are in each page's body, when it differs by endpoint (Slack: `['channels']`). */
  readonly itemsPath?: readonly string[];
}

type Fetch = <T>(options: RequestOptions<T>) => Promise<ResponseWithMeta<T>>;

/**
 * An async iterator over the items of a list endpoint. Every page goes through the client's full
 * pipeline (limiter, retries, classification); the adapter's descriptor says how to find the next page.
 */
export async function* createPaginator<T>(
  adapter: Adapter,
  baseUrl: string,
  fetchPage: Fetch,
  path: string,
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const descriptor: PaginationDescriptor = adapter.pagination ?? { type: 'link' };
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  let query: Record<string, QueryValue> = { ...options.query };
  let currentPath = path;
  let items = 0;
  for (let page = 0; page < maxPages; page++) {
    const { data, meta } = await fetchPage<unknown>({
      method: 'GET',
      path: currentPath,
      query,
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const itemsPath = options.itemsPath ?? ('itemsPath' in descriptor ? descriptor.itemsPath : undefined);
    const list = itemsPath === undefined ? data : getPath(data, itemsPath);
    const pageItems = Array.isArray(list) ? (list as T[]) : [];
    for (const item of pageItems) {
      if (items >= maxItems) return;
      items += 1;
      yield item;
    }
    if (items >= maxItems || pageItems.length === 0) return;

    if (descriptor.type === 'link') {
      const next = nextLink(meta.headers.link);
      if (next === undefined) return;
      const relative = relativeTo(baseUrl, next);
      if (relative === undefined) return;
      currentPath = relative;
      query = {};
    } else if (descriptor.type === 'cursor') {
      const cursor = getPath(data, descriptor.cursorPath);
      if (typeof cursor !== 'string' || cursor === '') return;
      query = { ...query, [descriptor.cursorParam]: cursor };
    } else {
      if (getPath(data, descriptor.hasMorePath) !== true) return;
      const last = pageItems[pageItems.length - 1];
      const id = getPath(last, [descriptor.idField]);
      if (typeof id !== 'string' && typeof id !== 'number') return;
      query = { ...query, [descriptor.cursorParam]: String(id) };
    }
  }
}

/** Reads a nested member by path; undefined when any step is missing. */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const LINK_PART = /<([^>]*)>\s*((?:;\s*[^;,]*)*)/g;

/** The `rel="next"` target of an RFC 8288 `Link` header. */
export function nextLink(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const match of header.matchAll(LINK_PART)) {
    const params = match[2] ?? '';
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(params)) return match[1];
  }
  return undefined;
}

/**
 * Turns an absolute next-page URL into a path (with its query) relative to the base URL. Only links on
 * the base origin and under its path prefix are followed: a Link header must never send credentials elsewhere.
 */
function relativeTo(baseUrl: string, next: string): string | undefined {
  let url: URL;
  let base: URL;
  try {
    base = new URL(baseUrl);
    url = new URL(next, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin) return undefined;
  const prefix = base.pathname.replace(/\/+$/, '');
  if (prefix !== '' && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return undefined;
  return `${url.pathname.slice(prefix.length) || '/'}${url.search}`;
}
