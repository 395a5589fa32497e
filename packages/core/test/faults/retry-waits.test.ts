// docs/reliability.md 10 and 21 through the client, under fake timers: a server's wait is honoured to the
// millisecond (never less), an absurd one fails fast, and a malformed one never becomes a NaN or
// negative sleep.
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import { rejectsWithin, resolvesWithin } from './settle-within';

const BOUND_MS = 5_000;
const NOW = Date.parse('2025-01-01T00:00:00.000Z');
const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;

afterEach(() => {
  vi.useRealTimers();
});

function fakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(NOW);
}

describe('a 429 waits exactly as long as the server asks (FAULTS 10)', () => {
  it.each([
    ['Retry-After in seconds', { 'retry-after': '7' }, 7_000],
    ['Retry-After in decimal seconds', { 'retry-after': '1.25' }, 1_250],
    ['Retry-After as an HTTP-date', { 'retry-after': 'Wed, 01 Jan 2025 00:00:09 GMT' }, 9_000],
    ['retry-after-ms', { 'retry-after-ms': '1500', 'retry-after': '60' }, 1_500],
    [
      'x-ratelimit-reset (epoch seconds) with nothing remaining',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 4) },
      4_000,
    ],
  ])('%s', async (_label, headers, waitMs) => {
    fakeClock();
    const t = createScriptedFetch([
      { status: 429, headers, body: { message: 'slow down' } },
      { status: 200, body: { ok: true } },
    ]);
    const client = createClient(acme, { rateLimit: false, retry: noWait, fetch: t.fetch });
    const retries: number[] = [];
    client.on('retry', (e) => retries.push(e.delayMs));
    const call = client.get('/v1/x');
    await vi.advanceTimersByTimeAsync(waitMs - 1);
    expect(t.log).toEqual(['START GET /v1/x']);
    await vi.advanceTimersByTimeAsync(1);
    await expect(resolvesWithin(call, BOUND_MS)).resolves.toEqual({ ok: true });
    expect(t.log).toEqual(['START GET /v1/x', 'START GET /v1/x']);
    expect(retries).toEqual([waitMs]);
  });

  it('a wait beyond maxRetryAfterMs fails at once with retryAfterMs set, whatever the header form', async () => {
    for (const headers of [
      { 'retry-after': '3600' },
      { 'retry-after': 'Wed, 01 Jan 2025 01:00:00 GMT' },
      { 'retry-after-ms': '3600000' },
    ]) {
      fakeClock();
      const t = createScriptedFetch([{ status: 429, headers }]);
      const client = createClient(acme, {
        rateLimit: false,
        retry: { ...noWait, maxRetryAfterMs: 60_000 },
        fetch: t.fetch,
      });
      const stops: unknown[] = [];
      client.on('error', (e) => stops.push(e.stopReason));
      const err = await rejectsWithin(client.get('/v1/x'), BOUND_MS);
      expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_600_000, attempts: 1 });
      expect(stops).toEqual(['retry_after_too_long']);
      expect(t.log).toHaveLength(1);
      vi.useRealTimers();
    }
  });

  it('the server wait is a floor for backoff, never added to it and never shortened', async () => {
    fakeClock();
    const t = createScriptedFetch([
      { status: 503, headers: { 'retry-after': '2' } },
      { status: 200, body: {} },
    ]);
    // Backoff would pick 1000 ms (half of 2000): the server's 2000 wins.
    const client = createClient(acme, {
      rateLimit: false,
      retry: { baseDelayMs: 2_000, maxDelayMs: 2_000, random: () => 0.5 },
      fetch: t.fetch,
    });
    const call = client.get('/v1/x');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(t.log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await resolvesWithin(call, BOUND_MS);
    expect(t.log).toHaveLength(2);
  });
});

describe('malformed wait headers never make a NaN or negative wait (FAULTS 21)', () => {
  it.each([
    ['Retry-After: soon', { 'retry-after': 'soon' }],
    ['Retry-After: -30', { 'retry-after': '-30' }],
    ['Retry-After: NaN', { 'retry-after': 'NaN' }],
    ['Retry-After: Infinity', { 'retry-after': 'Infinity' }],
    ['Retry-After: 1e309', { 'retry-after': '1e309' }],
    ['Retry-After: a date in 1970', { 'retry-after': 'Thu, 01 Jan 1970 00:00:00 GMT' }],
    ['Retry-After: an epoch in milliseconds', { 'retry-after': String(NOW + 5_000) }],
    ['Retry-After: an epoch in seconds', { 'retry-after': String(NOW / 1000 + 5) }],
    ['retry-after-ms: -1', { 'retry-after-ms': '-1' }],
    ['x-ratelimit-reset: soon', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'soon' }],
    ['x-ratelimit-reset: -5', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '-5' }],
    ['x-ratelimit-reset in 1970', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '12' }],
  ])('%s: the retry waits a finite, non-negative time and the call settles', async (_label, headers) => {
    fakeClock();
    const t = createScriptedFetch([
      { status: 429, headers },
      { status: 200, body: { ok: true } },
    ]);
    // Backoff of exactly 300 ms, so a malformed header that were read as 0 or NaN would show.
    const client = createClient(acme, {
      rateLimit: false,
      retry: { baseDelayMs: 300, maxDelayMs: 300, random: () => 1 },
      fetch: t.fetch,
    });
    const delays: number[] = [];
    client.on('retry', (e) => {
      delays.push(e.delayMs);
      expect(
        e.error.retryAfterMs === undefined || (Number.isFinite(e.error.retryAfterMs) && e.error.retryAfterMs >= 0),
      ).toBe(true);
    });
    const call = client.get('/v1/x');
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(resolvesWithin(call, BOUND_MS)).resolves.toEqual({ ok: true });
    expect(delays).toHaveLength(1);
    expect(Number.isFinite(delays[0])).toBe(true);
    expect(delays[0]).toBeGreaterThanOrEqual(300);
    // An ignored header leaves the backoff alone; a 1970 reset or an epoch-as-delay never means an hour.
    expect(delays[0]).toBeLessThanOrEqual(60_000);
  });
});
