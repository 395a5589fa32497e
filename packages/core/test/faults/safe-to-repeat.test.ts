// An adapter's `safeToRepeat` hook and a call's `safeToRepeat` option: a POST the provider documents as a read
// (a GraphQL query) may be resent; nothing else changes. Counted on a scripted transport (one START line per request
// that reached the provider), as in retry-safety.test.ts.
import { createScriptedFetch, type ScriptedStep } from '@rosetta/testkit';
import { describe, expect, it, vi } from 'vitest';
import { AdapterDefinitionError, defineAdapter } from '../../src/adapter/define-adapter';
import type { RepeatRequest } from '../../src/adapter/types';
import { createClient } from '../../src/client/create-client';
import { rejectsWithin, resolvesWithin } from './settle-within';

const BOUND_MS = 5_000;
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;
const base = { id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' } as const;

/** `TypeError: fetch failed` with the system error behind it, as undici throws it. */
function fetchFailed(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`read ${code}`), { code, syscall: 'read' }) });
}

/** An adapter whose hook answers `answer` for every request it is asked about, and records what it was asked. */
function acmeSaying(answer: (request: RepeatRequest) => unknown) {
  const hook = vi.fn((request: RepeatRequest) => answer(request) as boolean);
  return { adapter: defineAdapter({ ...base, safeToRepeat: hook }), hook };
}

const gateway: ScriptedStep = { status: 502, body: 'bad gateway' };
const ok: ScriptedStep = { status: 200, body: { ok: true } };

describe("an adapter's safeToRepeat hook", () => {
  it('resends a POST it declares safe, asked once per call with the method, the API path and the body as given', async () => {
    const { adapter, hook } = acmeSaying(() => true);
    const t = createScriptedFetch([gateway, gateway, ok]);
    const client = createClient(adapter, { rateLimit: false, retry: noWait, fetch: t.fetch });
    const body = { query: '{ viewer { id } }' };
    await expect(resolvesWithin(client.post('/v1/search?x=1', { body }), BOUND_MS)).resolves.toEqual({ ok: true });
    expect(t.log).toEqual(Array(3).fill('START POST /v1/search?x=1'));
    expect(hook.mock.calls).toEqual([[{ method: 'POST', path: '/v1/search', body }]]);
  });

  it.each<[string, (request: RepeatRequest) => unknown]>([
    ['false', () => false],
    ['a truthy value that is not true', () => 'yes'],
    [
      'a throw',
      () => {
        throw new Error('hook bug');
      },
    ],
  ])('answering %s leaves a POST unsafe: sent once, the 502 its error, possibly processed', async (_label, answer) => {
    const { adapter, hook } = acmeSaying(answer);
    const t = createScriptedFetch([gateway, ok]);
    const client = createClient(adapter, { rateLimit: false, retry: { ...noWait, maxRetries: 3 }, fetch: t.fetch });
    const err = await rejectsWithin(client.post('/v1/charges', { body: { amount: 1 } }), BOUND_MS);
    expect(err).toMatchObject({ kind: 'unavailable', status: 502, attempts: 1, possiblyProcessed: true });
    expect(t.log).toEqual(['START POST /v1/charges']);
    expect(hook).toHaveBeenCalledTimes(1);
  });

  it('only widens: never asked about a safe method or a keyed POST, so a hook saying no cannot stop their retries', async () => {
    const { adapter, hook } = acmeSaying(() => {
      throw new Error('never asked');
    });
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'] as const) {
      const t = createScriptedFetch([gateway, { status: 204 }]);
      const client = createClient(adapter, { rateLimit: false, retry: noWait, fetch: t.fetch });
      await resolvesWithin(client.request({ method, path: '/v1/x' }), BOUND_MS);
      expect(t.log).toEqual([`START ${method} /v1/x`, `START ${method} /v1/x`]);
    }
    const t = createScriptedFetch([gateway, ok]);
    const client = createClient(adapter, { rateLimit: false, retry: noWait, fetch: t.fetch });
    await resolvesWithin(client.post('/v1/charges', { body: {}, idempotencyKey: 'k-1' }), BOUND_MS);
    expect(t.log).toHaveLength(2);
    expect(hook).not.toHaveBeenCalled();
  });

  it('a POST declared safe and cut mid-flight is resent, and its final failure is not possibly processed', async () => {
    const { adapter } = acmeSaying(() => true);
    const t = createScriptedFetch([{ error: fetchFailed('ECONNRESET') }]);
    const client = createClient(adapter, { rateLimit: false, retry: { ...noWait, maxRetries: 1 }, fetch: t.fetch });
    const err = await rejectsWithin(client.post('/v1/search', { body: {} }), BOUND_MS);
    expect(err).toMatchObject({ kind: 'network', attempts: 2, possiblyProcessed: false });
    expect(err.message).not.toContain('may have been processed');
    expect(t.log).toHaveLength(2);
  });

  it('a POST declared safe that gets a 500 with retries off is not possibly processed either', async () => {
    const { adapter } = acmeSaying(() => true);
    const t = createScriptedFetch([{ status: 500, body: { message: 'boom' } }]);
    const client = createClient(adapter, { rateLimit: false, retry: false, fetch: t.fetch });
    const err = await rejectsWithin(client.post('/v1/search', { body: {} }), BOUND_MS);
    expect(err).toMatchObject({ kind: 'server', attempts: 1, possiblyProcessed: false });
  });

  it("asks with an SDK's decoded JSON body through client.fetch, limiter or not", async () => {
    const { adapter, hook } = acmeSaying((r) => (r.body as { query?: unknown } | undefined)?.query === 'read');
    for (const rateLimit of [false, undefined]) {
      const t = createScriptedFetch([gateway, ok]);
      const client = createClient(adapter, {
        retry: noWait,
        fetch: t.fetch,
        ...(rateLimit === false ? { rateLimit } : {}),
      });
      const response = await client.fetch('https://api.acme.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'read' }),
      });
      expect(response.status).toBe(200);
      expect(t.log).toEqual(['START POST /graphql', 'START POST /graphql']);
    }
    expect(hook).toHaveBeenLastCalledWith({ method: 'POST', path: '/graphql', body: { query: 'read' } });
  });

  it('must be a function', () => {
    expect(() => defineAdapter({ ...base, safeToRepeat: true as never })).toThrow(AdapterDefinitionError);
    expect(() => defineAdapter({ ...base, safeToRepeat: true as never })).toThrow(/safeToRepeat: must be a function/);
  });
});

describe("a call's safeToRepeat option", () => {
  const plain = defineAdapter(base);

  it('true resends a POST or PATCH without a key, and its failure is not possibly processed', async () => {
    for (const method of ['POST', 'PATCH'] as const) {
      const t = createScriptedFetch([gateway, gateway]);
      const client = createClient(plain, { rateLimit: false, retry: { ...noWait, maxRetries: 1 }, fetch: t.fetch });
      const err = await rejectsWithin(
        client.request({ method, path: '/v1/search', body: {}, safeToRepeat: true }),
        BOUND_MS,
      );
      expect(err).toMatchObject({ kind: 'unavailable', attempts: 2, possiblyProcessed: false });
    }
  });

  it('false or absent keeps the method rules; it never narrows them (a GET is still resent)', async () => {
    const { adapter, hook } = acmeSaying(() => true);
    const t = createScriptedFetch([gateway, ok, gateway, gateway]);
    const client = createClient(plain, { rateLimit: false, retry: { ...noWait, maxRetries: 1 }, fetch: t.fetch });
    await resolvesWithin(client.get('/v1/x', { safeToRepeat: false }), BOUND_MS);
    const err = await rejectsWithin(client.post('/v1/charges', { body: {}, safeToRepeat: false }), BOUND_MS);
    expect(err).toMatchObject({ attempts: 1, possiblyProcessed: true });
    expect(t.log).toHaveLength(3);
    // false does not override an adapter's yes either: it only ever adds a yes.
    const t2 = createScriptedFetch([gateway, ok]);
    const withHook = createClient(adapter, { rateLimit: false, retry: noWait, fetch: t2.fetch });
    await resolvesWithin(withHook.post('/v1/search', { body: {}, safeToRepeat: false }), BOUND_MS);
    expect(t2.log).toHaveLength(2);
    expect(hook).toHaveBeenCalledTimes(1);
  });
});
