// @slack/web-api 8 (a root devDependency; its WebClient takes a `fetch` since 7.x) beneath a Rosetta client:
// `fetch: client.fetch`, its own retries off (`retryConfig: { retries: 0 }`) and a 429 handed back at once
// (`rejectRateLimitedCalls`), against the simulator and a scripted transport.
import { createClient, normalizeError, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch, loadFixtures, SIMULATE_HEADER, type Simulator, startSimulator } from '@rosetta/testkit';
import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { slack } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const TOKEN = 'xoxb-FAKE-0000-sdk';

const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};
const sdkOver = (fetchFn: typeof fetch): WebClient =>
  new WebClient(TOKEN, { fetch: fetchFn, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: quiet });

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ providers: [{ id: 'slack', fixtures }] });
});
afterAll(() => sim.close());
// A failed pacing test must not leave its limits on the fixtures' provider.
afterEach(() => sim.setScenario('slack', {}));

describe('@slack/web-api through client.fetch', () => {
  it('paces chat.postMessage per channel (read from the form body the SDK sends): none refused', async () => {
    // On the simulator, 2 chat.postMessage per second; Slack documents one message per second per channel
    // (docs.slack.dev/apis/web-api/rate-limits), here a little slower so loopback delays cannot make it look late.
    sim.setScenario('slack', {
      limits: [{ model: 'slack', limit: 2, windowMs: 1_000, route: { pathPrefix: '/chat.postMessage' } }],
    });
    const client = createClient(slack, {
      baseUrl: sim.urlFor('slack'),
      rateLimit: { buckets: { 'post-message': { intervalMs: 1_250 } } },
    });
    const waits: string[] = [];
    client.on('rateLimitWait', (e) => waits.push(e.bucket));
    const web = sdkOver(client.fetch);
    const before = sim.stats('slack');
    const sent = await Promise.all(
      ['C1', 'C2', 'C1', 'C2', 'C1', 'C2'].map((channel) => web.chat.postMessage({ channel, text: 'hi' })),
    );
    expect(sent.map((r) => r.ok)).toEqual(Array(6).fill(true));
    const after = sim.stats('slack');
    expect(after.rateLimited - before.rateLimited).toBe(0);
    expect(after.requests - before.requests).toBe(6);
    // Each channel's first message goes at once; its next two wait for it: 4 waits (one shared channel would be 5).
    expect(waits.filter((bucket) => bucket === 'post-message')).toHaveLength(4);
    await client.close();
  });

  it('resends none of its calls (every Web API call is a POST without an idempotency key)', async () => {
    const t = createScriptedFetch([
      { status: 503, body: 'upstream down' },
      { status: 200, body: { ok: true } },
    ]);
    const client = createClient(slack, { fetch: t.fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const thrown = await sdkOver(client.fetch)
      .chat.postMessage({ channel: 'C1', text: 'hi' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(t.log).toEqual(['START POST /api/chat.postMessage']);
    expect(t.requests[0]?.body).toBe('channel=C1&text=hi');
    expect((thrown as { code?: string }).code).toBe(ErrorCode.HTTPError);
    expect(normalizeError(slack, thrown)).toMatchObject({ kind: 'unavailable', status: 503 });
    await client.close();
  });

  it('hands a 429 to the SDK, whose rate-limited error normalizes with the wait Slack asked for', async () => {
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error: 'ratelimited' } },
    ]);
    const client = createClient(slack, { fetch: t.fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const thrown = await sdkOver(client.fetch)
      .conversations.list()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(t.log).toEqual(['START POST /api/conversations.list']);
    expect((thrown as { code?: string }).code).toBe(ErrorCode.RateLimitedError);
    expect(normalizeError(slack, thrown)).toMatchObject({
      kind: 'rate_limited',
      code: 'ratelimited',
      retryAfterMs: 7_000,
    });
    await client.close();
  });
});

describe('normalizeError(slack, error thrown by @slack/web-api) reads as normalizeResponse reads the response', () => {
  const errors = fixtures.filter((f) => f.expected !== null);

  it.each(errors.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const client = createClient(slack, {
      baseUrl: sim.urlFor('slack'),
      retry: false,
      rateLimit: false,
      headers: { [SIMULATE_HEADER]: fixture.name },
    });
    const method = fixture.request.path.replace(/^\/|\?.*$/g, '');
    const thrown = await sdkOver(client.fetch)
      .apiCall(method, {})
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    const error = normalizeError(slack, thrown);
    const direct = normalizeResponse(slack, { ...fixture.response, method: fixture.request.method });
    expect(error?.kind).toBe(fixture.expected?.kind);
    expect(error?.kind).toBe(direct?.kind);
    expect(error?.code).toBe(direct?.code);
    expect(error?.status).toBe(fixture.response.status);
    await client.close();
  });

  it('is null for errors that are not @slack/web-api errors with a response', () => {
    expect(normalizeError(slack, new Error('x'))).toBeNull();
    expect(normalizeError(slack, Object.assign(new Error('x'), { code: ErrorCode.RequestError }))).toBeNull();
    expect(normalizeError(slack, Object.assign(new Error('x'), { code: ErrorCode.HTTPError }))).toBeNull();
  });
});
