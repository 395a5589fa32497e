// A classify verdict's `notProcessed`: the provider documents that the refused request was not applied (Jira's 409
// for a transition blocked by a running one), so a retryable refusal of a keyless POST may be resent, and its failure
// is never `possiblyProcessed`. Counted on a scripted transport (one START line per request that reached the
// provider), as in safe-to-repeat.test.ts.
import { createScriptedFetch, type ScriptedStep } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import type { ClassifyVerdict } from '../../src/classify/types';
import { createClient } from '../../src/client/create-client';
import { rejectsWithin, resolvesWithin } from './settle-within';

const BOUND_MS = 5_000;
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;
const ok: ScriptedStep = { status: 200, body: { ok: true } };

const base = { id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' } as const;

/** An adapter whose hook gives every error `verdict`; a client of it on `steps`, retrying without waits. */
function clientSaying(verdict: ClassifyVerdict, steps: ScriptedStep[], maxRetries = 2) {
  const adapter = defineAdapter({ ...base, classify: (ctx) => (ctx.defaults === null ? undefined : verdict) });
  const t = createScriptedFetch(steps);
  return { t, client: createClient(adapter, { rateLimit: false, retry: { ...noWait, maxRetries }, fetch: t.fetch }) };
}

const conflict: ScriptedStep = { status: 409, body: { error: 'transition in progress' } };
const gateway: ScriptedStep = { status: 502, body: 'bad gateway' };

describe('a verdict saying the refused request was not processed', () => {
  it('lets a retryable refusal of a keyless POST be resent', async () => {
    const { t, client } = clientSaying({ retryable: true, notProcessed: true }, [conflict, conflict, ok]);
    await expect(resolvesWithin(client.post('/v1/moves', { body: {} }), BOUND_MS)).resolves.toEqual({ ok: true });
    expect(t.log).toEqual(Array(3).fill('START POST /v1/moves'));
  });

  it.each<[string, ClassifyVerdict]>([
    ['without it', { retryable: true }],
    ['with it false', { retryable: true, notProcessed: false }],
    ['with a truthy value that is not true', { retryable: true, notProcessed: 'yes' as never }],
  ])('%s, the retryable refusal of a keyless POST is sent once', async (_label, verdict) => {
    const { t, client } = clientSaying(verdict, [conflict, ok]);
    const err = await rejectsWithin(client.post('/v1/moves', { body: {} }), BOUND_MS);
    expect(err).toMatchObject({ kind: 'conflict', retryable: true, attempts: 1, possiblyProcessed: false });
    expect(t.log).toEqual(['START POST /v1/moves']);
  });

  it('does not make a refusal retryable: a non-retryable one is sent once', async () => {
    const { t, client } = clientSaying({ retryable: false, notProcessed: true }, [conflict, ok]);
    const err = await rejectsWithin(client.post('/v1/moves', { body: {} }), BOUND_MS);
    expect(err).toMatchObject({ kind: 'conflict', retryable: false, attempts: 1 });
    expect(t.log).toEqual(['START POST /v1/moves']);
  });

  it('keeps a 5xx of a keyless POST from being possibly processed, and resends it', async () => {
    const said = clientSaying({ notProcessed: true }, [gateway, gateway], 1);
    const err = await rejectsWithin(said.client.post('/v1/moves', { body: {} }), BOUND_MS);
    expect(err).toMatchObject({ kind: 'unavailable', status: 502, attempts: 2, possiblyProcessed: false });
    // The same answer without the flag: the server failed on a write it may have applied.
    const unsaid = clientSaying({}, [gateway, ok], 1);
    const before = await rejectsWithin(unsaid.client.post('/v1/moves', { body: {} }), BOUND_MS);
    expect(before).toMatchObject({ kind: 'unavailable', status: 502, attempts: 1, possiblyProcessed: true });
  });

  it('wins over a possiblyProcessed the same verdict sets: the provider said it was not applied', async () => {
    const { client } = clientSaying({ possiblyProcessed: true, notProcessed: true }, [gateway], 0);
    const err = await rejectsWithin(client.post('/v1/moves', { body: {} }), BOUND_MS);
    expect(err).toMatchObject({ attempts: 1, possiblyProcessed: false });
  });
});

// The same path for a whole class of answers: a provider that refuses throttled requests before any processing.
describe("an adapter's throttleRefusesRequest", () => {
  const adapter = defineAdapter({ ...base, throttleRefusesRequest: { source: 'https://docs.acme.test/limits' } });
  const throttled: ScriptedStep = { status: 429, headers: { 'retry-after': '0' }, body: 'slow down' };

  it('lets a throttled keyless POST be resent, and nothing else', async () => {
    const t = createScriptedFetch([throttled, ok, gateway, ok]);
    const client = createClient(adapter, { rateLimit: false, retry: noWait, fetch: t.fetch });
    await expect(resolvesWithin(client.post('/v1/moves', { body: {} }), BOUND_MS)).resolves.toEqual({ ok: true });
    const err = await rejectsWithin(client.post('/v1/moves', { body: {} }), BOUND_MS);
    expect(err).toMatchObject({ kind: 'unavailable', attempts: 1, possiblyProcessed: true });
    expect(t.log).toHaveLength(3);
  });
});
