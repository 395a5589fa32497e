import { createScriptedFetch, type ScriptedStep } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import type { Adapter } from '../../src/adapter/types';
import { createClient } from '../../src/client/create-client';
import { createRedactor } from '../../src/errors/redact';
import { createPaginator, type Page, type PaginateOptions } from '../../src/client/paginate';

// The factory is what create-client wires as `client.paginate`; built here on a client's own
// requestWithMeta so every page still goes through the full pipeline.
function setup(adapter: Adapter, script: readonly ScriptedStep[], baseUrl = adapter.baseUrl) {
  const t = createScriptedFetch(script);
  const client = createClient(adapter, { fetch: t.fetch, rateLimit: false, retry: false, baseUrl });
  const paginate = createPaginator({
    adapter,
    baseUrl,
    requestWithMeta: client.requestWithMeta,
    redactor: createRedactor(),
  });
  return { t, paginate };
}

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of it) out.push(item);
  return out;
};

const gh = defineAdapter({
  id: 'gh',
  displayName: 'GH',
  baseUrl: 'https://api.gh.test',
  requestIdHeaders: ['x-github-request-id'],
  rateLimitHeaders: { limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' },
  pagination: { type: 'link' },
});
const sl = defineAdapter({
  id: 'sl',
  displayName: 'SL',
  baseUrl: 'https://sl.test/api',
  pagination: {
    type: 'cursor',
    cursorPath: ['response_metadata', 'next_cursor'],
    cursorParam: 'cursor',
    itemsPath: ['members'],
  },
});
const st = defineAdapter({
  id: 'st',
  displayName: 'ST',
  baseUrl: 'https://st.test',
  pagination: {
    type: 'has-more',
    hasMorePath: ['has_more'],
    itemsPath: ['data'],
    idField: 'id',
    cursorParam: 'starting_after',
  },
});

describe('paginate.pages', () => {
  it('yields each page with its items and metadata; path params fill the first page only', async () => {
    const { t, paginate } = setup(gh, [
      {
        status: 200,
        headers: {
          link: '<https://api.gh.test/repositories/7/issues?page=2>; rel="next"',
          'x-github-request-id': 'REQ:1',
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '4999',
          'x-ratelimit-reset': '1900000000',
        },
        body: [{ n: 1 }, { n: 2 }],
      },
      { status: 200, headers: { 'x-github-request-id': 'REQ:2' }, body: [{ n: 3 }] },
    ]);
    const pages = await collect(
      paginate.pages<{ n: number }>('/repos/{owner}/{repo}/issues', {
        params: { owner: 'octo cat', repo: 'r' },
        query: { per_page: 2 },
      }),
    );
    expect(t.log).toEqual([
      'START GET /repos/octo%20cat/r/issues?per_page=2',
      'START GET /repositories/7/issues?page=2',
    ]);
    expect(pages.map((p) => [p.number, p.items])).toEqual([
      [1, [{ n: 1 }, { n: 2 }]],
      [2, [{ n: 3 }]],
    ]);
    const [first, second] = pages as [Page<{ n: number }>, Page<{ n: number }>];
    expect(first.meta).toMatchObject({ status: 200, requestId: 'REQ:1', rateLimit: { limit: 5000, remaining: 4999 } });
    expect(first.meta.headers.link).toContain('page=2');
    expect(second.meta.requestId).toBe('REQ:2');
    expect(first.body).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('paginate() itself still yields items, and maxItems cuts the last page', async () => {
    const script: ScriptedStep[] = [
      { status: 200, body: { data: [{ id: 'a' }, { id: 'b' }], has_more: true } },
      { status: 200, body: { data: [{ id: 'c' }, { id: 'd' }], has_more: true } },
    ];
    const items = setup(st, script);
    expect((await collect(items.paginate<{ id: string }>('/v1/x', { maxItems: 3 }))).map((i) => i.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
    const pages = setup(st, script);
    const cut = await collect(pages.paginate.pages<{ id: string }>('/v1/x', { maxItems: 3 }));
    expect(cut.map((p) => p.items.length)).toEqual([2, 1]);
    expect(pages.t.log).toEqual(['START GET /v1/x', 'START GET /v1/x?starting_after=b']);
  });

  it('an empty Slack page with a cursor is not the end', async () => {
    // Slack: fewer results than the limit (even none) do not mean the list is complete.
    // https://docs.slack.dev/apis/web-api/pagination
    const { t, paginate } = setup(sl, [
      { status: 200, body: { ok: true, members: [], response_metadata: { next_cursor: 'c2' } } },
      { status: 200, body: { ok: true, members: ['u1'], response_metadata: { next_cursor: '' } } },
    ]);
    expect(await collect(paginate('/users.list', { query: { limit: 2 } }))).toEqual(['u1']);
    expect(t.log).toEqual(['START GET /api/users.list?limit=2', 'START GET /api/users.list?limit=2&cursor=c2']);
  });
});

describe('paginate follows provider links through the configured base', () => {
  it('a Link on the provider host goes through a proxy base with a path prefix', async () => {
    const { t, paginate } = setup(
      gh,
      [
        { status: 200, headers: { link: '<https://api.gh.test/repositories/7/issues?page=2>; rel="next"' }, body: [1] },
        { status: 200, headers: { link: '</repositories/7/issues?page=3>; rel="next"' }, body: [2] },
        { status: 200, headers: { link: '<?page=4>; rel="next"' }, body: [3] },
        { status: 200, body: [4] },
      ],
      'http://127.0.0.1:4010/github',
    );
    expect(await collect(paginate<number>('/repos/o/r/issues'))).toEqual([1, 2, 3, 4]);
    expect(t.requests.map((r) => r.url)).toEqual([
      'http://127.0.0.1:4010/github/repos/o/r/issues',
      'http://127.0.0.1:4010/github/repositories/7/issues?page=2',
      // A relative link resolves against the page that sent it (RFC 8288 §3.2), inside the proxy base.
      'http://127.0.0.1:4010/github/repositories/7/issues?page=3',
      'http://127.0.0.1:4010/github/repositories/7/issues?page=4',
    ]);
  });

  it.each([
    ['another host', '<https://evil.test/api/x?cursor=2>; rel="next"', 'https://evil.test'],
    ['the provider host outside its base path', '<https://sl.test/other/x?cursor=2>; rel="next"', 'https://sl.test'],
    [
      'the proxy host outside its base path',
      '<http://127.0.0.1:4010/elsewhere?page=2>; rel="next"',
      'http://127.0.0.1:4010',
    ],
    ['another scheme', '<http://sl.test/api/x?page=2>; rel="next"', 'http://sl.test'],
  ])('a Link to %s is refused with an ApiError naming only its origin', async (_, link, origin) => {
    const linked = defineAdapter({
      id: 'sl',
      displayName: 'SL',
      baseUrl: 'https://sl.test/api',
      pagination: { type: 'link' },
    });
    const { t, paginate } = setup(
      linked,
      [{ status: 200, headers: { link }, body: [1] }],
      'http://127.0.0.1:4010/slack',
    );
    const error = await collect(paginate('/x')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_response', code: 'pagination_link_refused', retryable: false });
    expect((error as Error).message).toContain(origin);
    expect((error as Error).message).not.toContain('page=2');
    expect((error as Error).message).not.toContain('cursor=2');
    expect(t.log).toHaveLength(1);
  });
});

describe('paginate never loops and never ends silently', () => {
  const loops: Array<[string, Adapter, ScriptedStep[], PaginateOptions]> = [
    [
      'a repeated Slack cursor',
      sl,
      [
        { status: 200, body: { ok: true, members: ['a'], response_metadata: { next_cursor: 'c1' } } },
        { status: 200, body: { ok: true, members: ['b'], response_metadata: { next_cursor: 'c2' } } },
        { status: 200, body: { ok: true, members: ['c'], response_metadata: { next_cursor: 'c1' } } },
      ],
      { maxPages: 10 },
    ],
    [
      'a repeated Stripe last id',
      st,
      [
        { status: 200, body: { data: [{ id: 'a' }], has_more: true } },
        { status: 200, body: { data: [{ id: 'a' }], has_more: true } },
      ],
      { maxPages: 10 },
    ],
    [
      'a Link back to a page already fetched',
      gh,
      [
        { status: 200, headers: { link: '<https://api.gh.test/x?page=2>; rel="next"' }, body: [1] },
        { status: 200, headers: { link: '<https://api.gh.test/x?page=3>; rel="next"' }, body: [2] },
        { status: 200, headers: { link: '<https://api.gh.test/x?page=2>; rel="next"' }, body: [3] },
      ],
      { maxPages: 10 },
    ],
    [
      'a Link to the page itself',
      gh,
      [{ status: 200, headers: { link: '<https://api.gh.test/x?page=1>; rel="next"' }, body: [1] }],
      { query: { page: 1 }, maxPages: 10 },
    ],
  ];

  it.each(loops)('%s is a pagination_loop ApiError', async (_, adapter, script, options) => {
    const { t, paginate } = setup(adapter, script);
    await expect(collect(paginate('/x', options))).rejects.toMatchObject({
      kind: 'invalid_response',
      code: 'pagination_loop',
    });
    expect(t.log).toHaveLength(script.length);
  });

  it('has_more without a last id to continue after is an ApiError', async () => {
    const { paginate } = setup(st, [{ status: 200, body: { data: [], has_more: true } }]);
    await expect(collect(paginate('/v1/x'))).rejects.toMatchObject({
      kind: 'invalid_response',
      code: 'pagination_cursor_missing',
    });
  });

  it('a body that is not a list where the items should be is an ApiError; an absent list is an empty page', async () => {
    const search = setup(gh, [{ status: 200, body: { total_count: 1, items: [1] } }]);
    await expect(collect(search.paginate('/search/issues'))).rejects.toMatchObject({
      kind: 'invalid_response',
      code: 'pagination_items_not_list',
    });
    const fixed = setup(gh, [{ status: 200, body: { total_count: 1, items: [1] } }]);
    expect(await collect(fixed.paginate('/search/issues', { itemsPath: ['items'] }))).toEqual([1]);
    const absent = setup(st, [{ status: 200, body: { has_more: false } }]);
    expect(await collect(absent.paginate('/v1/x'))).toEqual([]);
  });
});
