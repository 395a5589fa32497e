// @notionhq/client 5 (a devDependency) beneath a Rosetta client: `fetch: client.fetch` and `retry: false` (Rosetta's
// retries are the only ones), against the simulator and a scripted transport.
import { Client } from '@notionhq/client';
import { createClient, normalizeError, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch, loadFixtures, SIMULATE_HEADER, type Simulator, startSimulator } from '@rosetta/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notion } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const TOKEN = 'ntn_FAKE000000000000000000000000000000000000sdk';
// @notionhq/client's `SupportedFetch` does not accept the DOM lib's `fetch` type (nor `globalThis.fetch`'s).
type NotionFetch = NonNullable<NonNullable<ConstructorParameters<typeof Client>[0]>['fetch']>;
const PAGE = { object: 'page', id: 'fake0000-0000-4000-8000-00000000page' };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ providers: [{ id: 'notion', fixtures }] });
});
afterAll(() => sim.close());
// A failed pacing test must not leave its limit on the fixtures' provider.
afterEach(() => sim.setScenario('notion', {}));

/** The SDK's promise settled: its value, or what it threw. */
const settle = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('@notionhq/client through client.fetch', () => {
  it('is paced by the connection bucket: against a throttled Notion every call succeeds, a refusal or two at most', async () => {
    // Notion's limit as the limits benchmark models it (bench/support/adapter-limit-models.ts, `notion`): a token
    // bucket, no state headers, 429 `rate_limited` with Retry-After in seconds; here 10 per second, burst 5.
    const throttled = fixtures.find((f) => f.name === 'rate-limited-429-retry-after');
    if (throttled === undefined) throw new Error('no rate-limited-429-retry-after fixture');
    sim.setScenario('notion', {
      limits: [
        {
          model: 'windowed',
          meters: [
            {
              name: 'rate_limited',
              window: 'token',
              limit: 5,
              windowMs: 500,
              refusal: {
                status: 429,
                headers: { ...throttled.response.headers, 'retry-after': '{retryAfterSeconds}' },
                body: throttled.response.body,
              },
            },
          ],
        },
      ],
    });
    // Told a little less than the simulated limit, as a user sets an undisclosed burst: the two buckets start their
    // refills at different moments (the client's on its first answer), and a loaded machine delays answers.
    const client = createClient(notion, {
      baseUrl: sim.urlFor('notion'),
      rateLimit: { buckets: { connection: { ratePerSec: 8, burst: 4 } } },
    });
    const sdk = new Client({ auth: TOKEN, fetch: client.fetch as NotionFetch, retry: false, logger: () => undefined });
    const before = sim.stats('notion');
    const pages = await Promise.all(Array.from({ length: 50 }, () => sdk.pages.retrieve({ page_id: PAGE.id })));
    // Near the limits benchmark's bounds for a provider that states nothing but Retry-After (every call succeeds,
    // <= 2% refused): the two token buckets refill on their own clocks, and on a loaded machine a refusal or two of
    // 50 happens (the same calls without the limiter: most of them refused).
    expect(pages.every((p) => (p as { object?: string }).object === 'page')).toBe(true);
    const after = sim.stats('notion');
    const refused = after.rateLimited - before.rateLimited;
    expect(refused).toBeLessThanOrEqual(2);
    expect(after.requests - before.requests).toBe(50 + refused);
    await client.close();
  });

  it('retries a GET after a 502 and hands the SDK the final answer', async () => {
    const t = createScriptedFetch([
      { status: 502, body: { object: 'error', status: 502, code: 'bad_gateway', message: 'Bad Gateway' } },
      { status: 200, headers: { 'x-notion-request-id': 'FAKE-1' }, body: PAGE },
    ]);
    const client = createClient(notion, { fetch: t.fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const sdk = new Client({ auth: TOKEN, fetch: client.fetch as NotionFetch, retry: false, logger: () => undefined });
    const page = await sdk.pages.retrieve({ page_id: PAGE.id });
    expect(page).toEqual(PAGE);
    expect(t.log).toEqual([`START GET /v1/pages/${PAGE.id}`, `START GET /v1/pages/${PAGE.id}`]);
    // The SDK's own Notion-Version reached the provider (the adapter's default does not override a caller's).
    expect(t.requests[1]?.headers['notion-version']).toBeDefined();
    await client.close();
  });

  it('resends a POST Notion refused with 429 (not processed), after its Retry-After', async () => {
    const t = createScriptedFetch([
      {
        status: 429,
        headers: { 'retry-after': '0' },
        body: { object: 'error', status: 429, code: 'rate_limited', message: 'You have been rate limited.' },
      },
      { status: 200, body: PAGE },
    ]);
    const client = createClient(notion, { fetch: t.fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const sdk = new Client({ auth: TOKEN, fetch: client.fetch as NotionFetch, retry: false, logger: () => undefined });
    const page = await sdk.pages.create({ parent: { page_id: PAGE.id }, properties: {} });
    expect(page).toEqual(PAGE);
    expect(t.log).toEqual(['START POST /v1/pages', 'START POST /v1/pages']);
    await client.close();
  });

  it('does not resend a POST after a 502 (it may have been applied): the SDK throws', async () => {
    const t = createScriptedFetch([
      { status: 502, body: { object: 'error', status: 502, code: 'bad_gateway', message: 'Bad Gateway' } },
      { status: 200, body: PAGE },
    ]);
    const client = createClient(notion, { fetch: t.fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const sdk = new Client({ auth: TOKEN, fetch: client.fetch as NotionFetch, retry: false, logger: () => undefined });
    const thrown = await settle(sdk.pages.create({ parent: { page_id: PAGE.id }, properties: {} }));
    expect(t.log).toEqual(['START POST /v1/pages']);
    expect(normalizeError(notion, thrown)).toMatchObject({ kind: 'unavailable', status: 502 });
    await client.close();
  });

  it('redacts the token the SDK sends, in events and in the errors it causes', async () => {
    const t = createScriptedFetch([
      {
        status: 401,
        body: { object: 'error', status: 401, code: 'unauthorized', message: `API token is invalid: ${TOKEN}` },
      },
    ]);
    const client = createClient(notion, { fetch: t.fetch });
    const events: string[] = [];
    client.on('request', (e) => events.push(JSON.stringify(e)));
    client.on('error', (e) => events.push(JSON.stringify(e.error), e.error.message));
    const sdk = new Client({ auth: TOKEN, fetch: client.fetch as NotionFetch, retry: false, logger: () => undefined });
    const thrown = await settle(sdk.users.me({}));
    expect(t.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(events.length).toBeGreaterThan(1);
    expect(events.join('\n')).not.toContain(TOKEN);
    expect(normalizeError(notion, thrown)?.kind).toBe('authentication');
    await client.close();
  });

  it('hands a rejection of client.fetch to the SDK, which keeps the ApiError as the cause', async () => {
    const client = createClient(notion, { baseUrl: 'http://127.0.0.1:9', retry: false });
    const sdk = new Client({ auth: TOKEN, fetch: client.fetch as NotionFetch, retry: false, logger: () => undefined });
    const thrown = await settle(sdk.users.me({}));
    expect(normalizeError(notion, thrown)).toMatchObject({ kind: 'network', attempts: 1 });
  });
});

describe('normalizeError(notion, error thrown by @notionhq/client) reads as normalizeResponse reads the response', () => {
  // The SDK throws for every answer that is not ok; a 2xx, even one with a failed task inside, it returns.
  // Its errors keep no request: a reading that needs the path (a 409 on a file upload's send is the storage provider
  // down, not a data conflict) falls back to the code's reading, tested below.
  const PATH_READINGS = new Set(['file-upload-send-409-storage-down']);
  const errors = fixtures.filter((f) => f.expected !== null && f.response.status >= 300 && !PATH_READINGS.has(f.name));

  it.each(errors.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const client = createClient(notion, {
      baseUrl: sim.urlFor('notion'),
      retry: false,
      rateLimit: false,
      headers: { [SIMULATE_HEADER]: fixture.name },
    });
    const sdk = new Client({ auth: TOKEN, fetch: client.fetch as NotionFetch, retry: false, logger: () => undefined });
    const { method, path } = fixture.request;
    const [pathname = '', search = ''] = path.replace(/^\/v1\//, '').split('?');
    const thrown = await settle(
      sdk.request({
        path: pathname,
        method: method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete',
        query: Object.fromEntries(new URLSearchParams(search)),
        ...(method === 'GET' ? {} : { body: {} }),
      }),
    );
    const error = normalizeError(notion, thrown);
    const direct = normalizeResponse(notion, { ...fixture.response, method, url: `${notion.baseUrl}${path}` });
    expect(error?.kind).toBe(fixture.expected?.kind);
    expect(error?.kind).toBe(direct?.kind);
    expect(error?.code).toBe(direct?.code);
    expect(error?.status).toBe(fixture.response.status);
    expect(error?.requestId).toBe(direct?.requestId);
    await client.close();
  });

  it('reads a plain header record (a custom fetch may hand the SDK one) as a response’s headers', () => {
    const thrown = Object.assign(new Error('Rate limited'), {
      name: 'APIResponseError',
      status: 429,
      headers: { 'X-Notion-Request-Id': 'FAKE-req-1', 'Retry-After': '2' },
      body: JSON.stringify({ object: 'error', status: 429, code: 'rate_limited', message: 'Rate limited' }),
    });
    expect(normalizeError(notion, thrown)).toMatchObject({
      kind: 'rate_limited',
      requestId: 'FAKE-req-1',
      retryAfterMs: 2_000,
    });
  });

  it('reads a path-dependent answer by its code alone: the SDK error holds no request', async () => {
    const t = createScriptedFetch([
      { status: 409, body: { object: 'error', status: 409, code: 'conflict_error', message: 'Conflict occurred.' } },
    ]);
    const client = createClient(notion, { fetch: t.fetch, retry: false });
    const sdk = new Client({ auth: TOKEN, fetch: client.fetch as NotionFetch, retry: false, logger: () => undefined });
    const thrown = await settle(sdk.request({ path: 'file_uploads/FAKE/send', method: 'post', body: {} }));
    expect(normalizeError(notion, thrown)).toMatchObject({ kind: 'conflict', code: 'conflict_error', status: 409 });
    await client.close();
  });

  it('is null for errors that are not the SDK errors with a response', () => {
    expect(normalizeError(notion, new Error('APIResponseError'))).toBeNull();
    expect(
      normalizeError(notion, Object.assign(new Error('x'), { name: 'RequestTimeoutError', code: 'x' })),
    ).toBeNull();
    expect(normalizeError(notion, Object.assign(new Error('x'), { name: 'APIResponseError' }))).toBeNull();
    expect(normalizeError(notion, undefined)).toBeNull();
  });
});
