// A Slack 429 that names no wait (no Retry-After, garbage, 0) must still be waited out: Slack counts its tiers per
// minute, so a retry without a wait meets the same spent window (issue 9). Attempt logs under fake timers.
import { createClient, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SLACK_DEFAULT_RETRY_AFTER_MS } from '../src/classify-slack';
import { slack } from '../src/index';

const NOW = Date.parse('2025-01-01T00:00:00.000Z');
const LIMITED = { ok: false, error: 'ratelimited' };
const SUCCESS = { ok: true, channel: { id: 'C012AB3CD' } };
// No backoff of its own: every millisecond waited comes from the classification's retryAfterMs.
const noBackoff = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;

afterEach(() => {
  vi.useRealTimers();
});

/** Runs conversations.info against a 429 with `headers`, then a success; returns when each attempt started. */
async function attemptTimes(headers: Record<string, string>, rateLimit: boolean): Promise<number[]> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: NOW });
  const starts: number[] = [];
  const t = createScriptedFetch([
    { status: 429, headers, body: LIMITED },
    { status: 200, body: SUCCESS },
  ]);
  const timed: typeof fetch = (input, init) => {
    starts.push(Date.now() - NOW);
    return t.fetch(input, init);
  };
  const client = createClient(slack, {
    auth: { token: 'xoxb-fake' },
    retry: noBackoff,
    fetch: timed,
    ...(rateLimit ? {} : { rateLimit: false }),
  });
  const call = client.get('/conversations.info', { query: { channel: 'C012AB3CD' } });
  await vi.advanceTimersByTimeAsync(SLACK_DEFAULT_RETRY_AFTER_MS + 5_000);
  await expect(call).resolves.toEqual(SUCCESS);
  expect(t.log).toEqual([
    'START GET /api/conversations.info?channel=C012AB3CD',
    'START GET /api/conversations.info?channel=C012AB3CD',
  ]);
  return starts;
}

describe('a Slack 429 without a usable Retry-After', () => {
  it.each([
    ['no Retry-After', {}],
    ['Retry-After: soon', { 'retry-after': 'soon' }],
    ['Retry-After: 0', { 'retry-after': '0' }],
    ['Retry-After: -1', { 'retry-after': '-1' }],
  ])('%s waits one tier window before the retry (retries only)', async (_label, headers) => {
    const starts = await attemptTimes(headers, false);
    expect(starts).toEqual([0, SLACK_DEFAULT_RETRY_AFTER_MS]);
  });

  it('waits the same window when the limiter holds the retry', async () => {
    const [first, second] = await attemptTimes({}, true);
    expect(first).toBe(0);
    expect(second).toBeGreaterThanOrEqual(SLACK_DEFAULT_RETRY_AFTER_MS);
  });

  it('keeps a usable Retry-After as Slack sent it', async () => {
    const starts = await attemptTimes({ 'retry-after': '3' }, false);
    expect(starts).toEqual([0, 3_000]);
  });

  it('gives the default to every throttle reading: bodiless 429, ratelimited, chat.postMessage rate_limited on 200', () => {
    const read = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      normalizeResponse(slack, {
        status,
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body,
        method: 'POST',
        url: `${slack.baseUrl}/chat.postMessage`,
      });
    for (const err of [read(429, undefined), read(429, LIMITED), read(200, { ok: false, error: 'rate_limited' })]) {
      expect(err).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: SLACK_DEFAULT_RETRY_AFTER_MS });
    }
    // Not a throttle: no wait invented.
    expect(read(200, { ok: false, error: 'channel_not_found' })?.retryAfterMs).toBeUndefined();
    expect(read(503, undefined)?.retryAfterMs).toBeUndefined();
  });
});
