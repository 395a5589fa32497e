import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';

// Stripe-style list pagination, shared by the has_more tests.
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

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of it) out.push(item);
  return out;
};

describe('client.paginate', () => {
  it('follows Link rel="next" on the same origin (GitHub style)', async () => {
    const gh = defineAdapter({
      id: 'gh',
      displayName: 'GH',
      baseUrl: 'https://api.gh.test',
      pagination: { type: 'link' },
    });
    const t = createScriptedFetch([
      {
        status: 200,
        headers: {
          link: '<https://api.gh.test/repos?page=2>; rel="next", <https://api.gh.test/repos?page=3>; rel="last"',
        },
        body: [1, 2],
      },
      { status: 200, headers: { link: '<https://api.gh.test/repos?page=3>; rel="next"' }, body: [3] },
      { status: 200, body: [4] },
    ]);
    const client = createClient(gh, { fetch: t.fetch, rateLimit: false });
    await expect(collect(client.paginate<number>('/repos', { query: { per_page: 2 } }))).resolves.toEqual([1, 2, 3, 4]);
    expect(t.log).toEqual(['START GET /repos?per_page=2', 'START GET /repos?page=2', 'START GET /repos?page=3']);
  });

  it('refuses a Link to another origin with an ApiError, after the items it has, sending nothing there', async () => {
    const gh = defineAdapter({
      id: 'gh',
      displayName: 'GH',
      baseUrl: 'https://api.gh.test',
      pagination: { type: 'link' },
    });
    const t = createScriptedFetch([
      { status: 200, headers: { link: '<https://evil.test/steal?page=2>; rel="next"' }, body: [1] },
    ]);
    const client = createClient(gh, { fetch: t.fetch, rateLimit: false, auth: { token: 'tok_secret_123' } });
    const seen: number[] = [];
    const walk = async () => {
      for await (const item of client.paginate<number>('/repos')) seen.push(item);
    };
    await expect(walk()).rejects.toMatchObject({
      kind: 'invalid_response',
      code: 'pagination_link_refused',
      retryable: false,
      status: 200,
    });
    expect(seen).toEqual([1]);
    expect(t.log).toEqual(['START GET /repos']);
  });

  it('refuses a Link no URL parser accepts with the same ApiError, not a crash of the walk', async () => {
    const gh = defineAdapter({
      id: 'gh',
      displayName: 'GH',
      baseUrl: 'https://api.gh.test',
      pagination: { type: 'link' },
    });
    // An unclosed IPv6 bracket: `new URL()` throws on it, relative or absolute.
    const t = createScriptedFetch([
      { status: 200, headers: { link: '<https://[::1/repos?page=2>; rel="next"' }, body: [1] },
    ]);
    const client = createClient(gh, { fetch: t.fetch, rateLimit: false });
    await expect(collect(client.paginate<number>('/repos'))).rejects.toMatchObject({
      code: 'pagination_link_refused',
      message: expect.stringContaining('an unparsable URL'),
    });
  });

  it('sends the body cursor back until it is empty (Slack style), honouring itemsPath per call', async () => {
    const sl = defineAdapter({
      id: 'sl',
      displayName: 'SL',
      baseUrl: 'https://sl.test/api',
      pagination: {
        type: 'cursor',
        cursorPath: ['response_metadata', 'next_cursor'],
        cursorParam: 'cursor',
        itemsPath: ['channels'],
      },
    });
    const t = createScriptedFetch([
      { status: 200, body: { ok: true, members: ['a'], response_metadata: { next_cursor: 'dXNlcjpVMDYx' } } },
      { status: 200, body: { ok: true, members: ['b'], response_metadata: { next_cursor: '' } } },
    ]);
    const client = createClient(sl, { fetch: t.fetch, rateLimit: false });
    await expect(collect(client.paginate<string>('/users.list', { itemsPath: ['members'] }))).resolves.toEqual([
      'a',
      'b',
    ]);
    expect(t.log).toEqual(['START GET /api/users.list', 'START GET /api/users.list?cursor=dXNlcjpVMDYx']);
  });

  it('uses has_more and the last id as starting_after (Stripe style), bounded by maxItems', async () => {
    const t = createScriptedFetch([
      { status: 200, body: { object: 'list', data: [{ id: 'cus_1' }, { id: 'cus_2' }], has_more: true } },
      { status: 200, body: { object: 'list', data: [{ id: 'cus_3' }], has_more: true } },
    ]);
    const client = createClient(st, { fetch: t.fetch, rateLimit: false });
    const items = await collect(client.paginate<{ id: string }>('/v1/customers', { query: { limit: 2 }, maxItems: 3 }));
    expect(items.map((i) => i.id)).toEqual(['cus_1', 'cus_2', 'cus_3']);
    expect(t.log).toEqual(['START GET /v1/customers?limit=2', 'START GET /v1/customers?limit=2&starting_after=cus_2']);
  });

  it('each page goes through retries, and maxPages bounds the walk', async () => {
    const t = createScriptedFetch([
      { status: 503 },
      { status: 200, body: { data: [{ id: 'a' }], has_more: true } },
      { status: 200, body: { data: [{ id: 'b' }], has_more: true } },
    ]);
    const client = createClient(st, { fetch: t.fetch, rateLimit: false, retry: { baseDelayMs: 0, maxDelayMs: 0 } });
    const items = await collect(client.paginate<{ id: string }>('/v1/x', { maxPages: 2 }));
    expect(items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(t.log).toEqual(['START GET /v1/x', 'START GET /v1/x', 'START GET /v1/x?starting_after=a']);
  });
});
