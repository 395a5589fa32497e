import type { Adapter, PaginationDescriptor } from '../adapter/types';
import { buildApiError } from '../classify/build-error';
import type { ApiError } from '../errors/api-error';
import type { Redactor } from '../errors/redact';
import { buildUrl, expandPath, type QueryValue } from '../transport/build-url';
import { defined } from './defined';
import { classified } from './failure';
import type { RequestOptions, ResponseMeta, ResponseWithMeta } from './options';
import { getPath } from './get-path';
import { linkTarget } from './paginate-link-target';
import { nextLink } from './parse-link-header';

/** Options of `client.paginate()` and `client.paginate.pages()`. */
export interface PaginateOptions {
  /** Values for `{name}` / `:name` placeholders in the path, URL-encoded (first page; links are concrete). */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Stop after this many pages. @default Infinity */
  readonly maxPages?: number;
  /** Stop after this many items (the last page is cut). @default Infinity */
  readonly maxItems?: number;
  /** Where the items are in each page's body, when it differs by endpoint (Slack: `['members']`). */
  readonly itemsPath?: readonly string[];
}

/** One page of a list endpoint, as `client.paginate.pages()` yields it. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Status, headers, request id, rate limit and attempts of this page's response. */
  readonly meta: ResponseMeta;
  /** The whole parsed body (Stripe's `url`, Slack's `response_metadata`...). */
  readonly body: unknown;
  /** 1 for the first page. */
  readonly number: number;
}

/** `client.paginate`: iterates items; `.pages()` iterates whole pages with their metadata. */
export interface Paginate {
  /**
   * Iterates the items of a list endpoint, page by page, per the adapter's pagination descriptor.
   * @example for await (const customer of client.paginate('/v1/customers', { query: { limit: 100 } })) {}
   */
  <T = unknown>(path: string, options?: PaginateOptions): AsyncIterable<T>;
  /**
   * Iterates whole pages: items plus the response metadata of each.
   * @example for await (const page of client.paginate.pages('/repos/{o}/{r}/issues', { params: { o, r } })) page.meta.rateLimit;
   */
  pages<T = unknown>(path: string, options?: PaginateOptions): AsyncIterable<Page<T>>;
}

/** What {@link createPaginator} needs from the client: `requestWithMeta` is its full pipeline, for each page. */
interface PaginatorInput {
  readonly adapter: Adapter;
  readonly baseUrl: string;
  readonly requestWithMeta: <T>(options: RequestOptions<T>) => Promise<ResponseWithMeta<T>>;
  /** The client's: it knows the credentials and `secrets` a page's URL may hold; the adapter's shared one does not. */
  readonly redactor: Redactor;
}

/**
 * Creates `client.paginate`: every page goes through the client's full pipeline. A walk never ends silently: a next
 * link off the client's and the provider's base is `pagination_link_refused`, a page seen before `pagination_loop`.
 */
export function createPaginator(input: PaginatorInput): Paginate {
  const pages = <T>(path: string, options: PaginateOptions = {}): AsyncIterable<Page<T>> =>
    stoppable((stop) => walkPages<T>(input, path, options, stop));
  const items = <T>(path: string, options: PaginateOptions = {}): AsyncIterable<T> =>
    stoppable(async function* (stop) {
      for await (const page of walkPages<T>(input, path, options, stop)) yield* page.items;
    });
  return Object.assign(items, { pages });
}

/** A walk whose `return()` aborts the page in flight: an async generator's own `return()` waits for that page. */
function stoppable<T>(
  walk: (stop: AbortSignal) => AsyncGenerator<T, void, undefined>,
): AsyncGenerator<T, void, undefined> {
  const stop = new AbortController();
  const generator = walk(stop.signal);
  const end = generator.return.bind(generator);
  generator.return = (value) => {
    stop.abort();
    return end(value);
  };
  return generator;
}

async function* walkPages<T>(
  input: PaginatorInput,
  path: string,
  options: PaginateOptions,
  stop: AbortSignal,
): AsyncGenerator<Page<T>, void, undefined> {
  const { adapter, baseUrl, requestWithMeta, redactor } = input;
  const descriptor: PaginationDescriptor = adapter.pagination ?? { type: 'link' };
  const itemsPath = options.itemsPath ?? ('itemsPath' in descriptor ? descriptor.itemsPath : undefined);
  const { maxPages = Infinity, maxItems = Infinity, params, headers } = options;
  const signal = options.signal ? AbortSignal.any([options.signal, stop]) : stop;
  // A link gives the next page's path, query and URL; a cursor only changes the query.
  let page: { path: string; query: Readonly<Record<string, QueryValue>>; url?: URL } = {
    path,
    query: { ...options.query },
  };
  // Every cursor, id or page URL already seen: a provider that hands one back again would loop forever.
  const seen = new Set<string>();
  let count = 0;
  for (let number = 1; number <= maxPages && count < maxItems; number++) {
    // Placeholders are in the first page's path only: a link is concrete.
    const pageParams = page.url === undefined ? params : undefined;
    let answer: ResponseWithMeta<unknown>;
    try {
      answer = await requestWithMeta<unknown>({
        method: 'GET',
        path: page.path,
        query: page.query,
        signal,
        ...defined({ params: pageParams, headers }),
      });
    } catch (error) {
      // return() aborted the page: the walk ends as asked, it did not fail.
      if (stop.aborted) return;
      throw error;
    }
    const { data, meta } = answer;
    // Built only now: the request went through, so its path and params are known to be valid.
    const url = page.url ?? buildUrl(baseUrl, pageParams ? expandPath(page.path, pageParams) : page.path, page.query);
    if (descriptor.type === 'link') seen.add(url.href);
    const fail = (code: string, message: string): ApiError =>
      buildApiError({
        adapter,
        classification: classified('invalid_response', code, message),
        redactor,
        method: 'GET',
        url: redactor.url(url.href),
        status: meta.status,
        headers: meta.headers,
        attempts: meta.attempts,
      });
    const all = pageItems<T>(data, itemsPath, fail);
    const items = all.length > maxItems - count ? all.slice(0, maxItems - count) : all;
    count += items.length;
    yield { items, meta, body: data, number };
    if (number >= maxPages || count >= maxItems) return;

    let key: string;
    if (descriptor.type === 'link') {
      const next = nextLink(meta.headers.link);
      if (next === undefined) return;
      const target = linkTarget(next, url, baseUrl, adapter.baseUrl);
      if (!target.ok) {
        throw fail(
          'pagination_link_refused',
          `next page link to ${target.origin} not followed: outside the client's and the provider's base URL`,
        );
      }
      key = target.url.href;
      page = { path: target.path, query: {}, url: target.url };
    } else {
      const cursor = nextCursor(descriptor, data, all, fail);
      if (cursor === undefined) return;
      key = cursor;
      page = { ...page, query: { ...page.query, [descriptor.cursorParam]: cursor } };
    }
    if (seen.has(key)) {
      throw fail('pagination_loop', `page ${number} links to a page already fetched`);
    }
    if (descriptor.type !== 'link') seen.add(key);
  }
}

/** The cursor of the next page (Slack `next_cursor`, Stripe last id), undefined on the last page. */
function nextCursor(
  descriptor: Exclude<PaginationDescriptor, { type: 'link' }>,
  data: unknown,
  items: readonly unknown[],
  fail: (code: string, message: string) => ApiError,
): string | undefined {
  if (descriptor.type === 'cursor') {
    // Slack: "An empty, null, or non-existent next_cursor in the response indicates no further results."
    const cursor = getPath(data, descriptor.cursorPath);
    return typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
  }
  if (getPath(data, descriptor.hasMorePath) !== true) return undefined;
  const id = getPath(items[items.length - 1], [descriptor.idField]);
  if (typeof id === 'string' || typeof id === 'number') return String(id);
  throw fail(
    'pagination_cursor_missing',
    `${descriptor.hasMorePath.join('.')} is true but the last item has no "${descriptor.idField}"`,
  );
}

/** The page's items: an array at `itemsPath` (or the body); absent means none, anything else is an error. */
function pageItems<T>(
  data: unknown,
  itemsPath: readonly string[] | undefined,
  fail: (code: string, message: string) => ApiError,
): readonly T[] {
  const list = itemsPath === undefined ? data : getPath(data, itemsPath);
  if (Array.isArray(list)) return list as T[];
  // Some APIs leave an empty list out of the body; that is an empty page, not a broken one.
  if (list === undefined || list === null) return [];
  const where = itemsPath === undefined ? 'the body' : `"${itemsPath.join('.')}"`;
  throw fail('pagination_items_not_list', `${where} of a page is not a list; pass itemsPath`);
}
