// docs/reliability.md 8, 11 and 12: what the retry layer may and may not repeat, counted exactly on a scripted
// transport (every START line is one request that reached the provider).
import { createScriptedFetch, type ScriptedStep } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import type { HttpMethod } from '../../src/adapter/types';
import { createClient } from '../../src/client/create-client';
import { rejectsWithin, resolvesWithin } from './settle-within';

const BOUND_MS = 5_000;
const acme = defineAdapter({
  id: 'acme',
  displayName: 'Acme',
  baseUrl: 'https://api.acme.test',
  idempotency: { header: 'Idempotency-Key', methods: ['POST'], generate: false },
});
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;

/** `TypeError: fetch failed` with the system error behind it, as undici throws it. */
function fetchFailed(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`read ${code}`), { code, syscall: 'read' }) });
}

describe('a POST or PATCH without an idempotency key is sent once (FAULTS 8)', () => {
  const failures: ReadonlyArray<readonly [string, ScriptedStep, string]> = [
    ['ECONNRESET', { error: fetchFailed('ECONNRESET') }, 'network'],
    [
      'a truncated body (terminated)',
      {
        error: new TypeError('terminated', {
          cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
        }),
      },
      'network',
    ],
    ['500', { status: 500, body: { message: 'boom' } }, 'server'],
    ['502', { status: 502, body: 'bad gateway' }, 'unavailable'],
    ['503', { status: 503, body: { message: 'down' } }, 'unavailable'],
    ['504', { status: 504 }, 'unavailable'],
  ];

  for (const method of ['POST', 'PATCH'] as const satisfies readonly HttpMethod[]) {
    it.each(failures)(
      `${method} failing with %s: one attempt, possiblyProcessed, and the message says so`,
      async (_label, step, kind) => {
        const t = createScriptedFetch([step, { status: 200, body: { ok: true } }]);
        const client = createClient(acme, { rateLimit: false, retry: { ...noWait, maxRetries: 5 }, fetch: t.fetch });
        const err = await rejectsWithin(client.request({ method, path: '/v1/charges', body: { amount: 1 } }), BOUND_MS);
        expect(err).toMatchObject({ kind, attempts: 1, possiblyProcessed: true });
        expect(err.message).toContain('the request may have been processed');
        expect(t.log).toEqual([`START ${method} /v1/charges`]);
      },
    );
  }

  it('the same failures are retried for a POST carrying an idempotency key, with the same key', async () => {
    for (const [, step] of failures) {
      const t = createScriptedFetch([step, { status: 201, body: { id: 'ch_1' } }]);
      const client = createClient(acme, { rateLimit: false, retry: noWait, fetch: t.fetch });
      await expect(
        resolvesWithin(client.post('/v1/charges', { body: {}, idempotencyKey: 'key-1' }), BOUND_MS),
      ).resolves.toEqual({ id: 'ch_1' });
      expect(t.requests.map((r) => r.headers['idempotency-key'])).toEqual(['key-1', 'key-1']);
    }
  });

  it('a 4xx that proves nothing was applied is not marked possibly processed', async () => {
    const t = createScriptedFetch([{ status: 400, body: { message: 'bad amount' } }]);
    const client = createClient(acme, { rateLimit: false, retry: noWait, fetch: t.fetch });
    const err = await rejectsWithin(client.post('/v1/charges', { body: {} }), BOUND_MS);
    expect(err).toMatchObject({ kind: 'validation', possiblyProcessed: false });
    expect(err.message).not.toContain('may have been processed');
  });
});

describe('exactly one retry layer (FAULTS 12)', () => {
  // ky retries these on its own by default (2 retries for GET); Rosetta turns ky's retry off.
  it.each([408, 413, 429, 500, 502, 503, 504])('a GET answered %i with retries off is one request', async (status) => {
    const t = createScriptedFetch([{ status }]);
    const client = createClient(acme, { rateLimit: false, retry: false, fetch: t.fetch });
    const err = await rejectsWithin(client.get('/v1/x'), BOUND_MS);
    expect(err.attempts).toBe(1);
    expect(t.log).toEqual(['START GET /v1/x']);
  });

  it("maxRetries 2 on a persistent 503 is exactly 3 requests, not 3 x ky's 3", async () => {
    const t = createScriptedFetch([{ status: 503 }]);
    const client = createClient(acme, { rateLimit: false, retry: { ...noWait, maxRetries: 2 }, fetch: t.fetch });
    const err = await rejectsWithin(client.get('/v1/x'), BOUND_MS);
    expect(err.attempts).toBe(3);
    expect(t.log).toHaveLength(3);
  });
});

describe('a 503 storm across concurrent calls is bounded by the retry budget (FAULTS 11)', () => {
  it('50 concurrent GETs, default budget (500 tokens, 5 per retry): 50 + 100 requests, not 50 x 4', async () => {
    const t = createScriptedFetch([{ status: 503 }]);
    const client = createClient(acme, { rateLimit: false, retry: { ...noWait, maxRetries: 3 }, fetch: t.fetch });
    const calls = Array.from({ length: 50 }, (_, i) => rejectsWithin(client.get(`/v1/items/${i}`), BOUND_MS));
    const errors = await Promise.all(calls);
    expect(errors.every((e) => e.kind === 'unavailable')).toBe(true);
    expect(t.log).toHaveLength(150);
    expect(errors.reduce((sum, e) => sum + e.attempts, 0)).toBe(150);
    expect(client.retryBudgetAvailable).toBe(0);
  });

  it('a small budget caps the storm at calls + capacity / retryCost', async () => {
    const t = createScriptedFetch([{ status: 503 }]);
    const client = createClient(acme, {
      rateLimit: false,
      retry: { ...noWait, maxRetries: 3, budget: { capacity: 50, retryCost: 5 } },
      fetch: t.fetch,
    });
    await Promise.all(Array.from({ length: 50 }, () => rejectsWithin(client.get('/v1/x'), BOUND_MS)));
    expect(t.log).toHaveLength(60);
  });

  it('timeouts and network errors cost more: 10 tokens per retry by default', async () => {
    const t = createScriptedFetch([{ error: fetchFailed('ECONNRESET') }]);
    const client = createClient(acme, {
      rateLimit: false,
      retry: { ...noWait, maxRetries: 3, budget: { capacity: 50 } },
      fetch: t.fetch,
    });
    await Promise.all(Array.from({ length: 20 }, () => rejectsWithin(client.get('/v1/x'), BOUND_MS)));
    expect(t.log).toHaveLength(25);
  });
});
