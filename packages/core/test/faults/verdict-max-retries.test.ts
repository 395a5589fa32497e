// A classify verdict's `maxRetries`: the provider documents how often an answer may be resent (QuickBooks' 500:
// "Resubmit the request once"). Counted on a scripted transport (one START line per request that reached the
// provider), as in not-processed.test.ts.
import { createScriptedFetch, type ScriptedStep } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import type { ClassifyVerdict } from '../../src/classify/types';
import { createClient } from '../../src/client/create-client';
import { rejectsWithin, resolvesWithin } from './settle-within';

const BOUND_MS = 5_000;
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;
const ok: ScriptedStep = { status: 200, body: { ok: true } };
const fault: ScriptedStep = { status: 500, body: { fault: 'system' } };
const busy: ScriptedStep = { status: 503, body: { fault: 'busy' } };

/** An adapter whose hook gives every 500 `verdict`; a client of it on `steps`, 3 retries without waits. */
function clientSaying(verdict: ClassifyVerdict, steps: ScriptedStep[]) {
  const adapter = defineAdapter({
    id: 'acme',
    displayName: 'Acme',
    baseUrl: 'https://api.acme.test',
    classify: (ctx) => (ctx.status === 500 ? verdict : undefined),
  });
  const t = createScriptedFetch(steps);
  const client = createClient(adapter, { rateLimit: false, retry: { ...noWait, maxRetries: 3 }, fetch: t.fetch });
  return { t, client };
}

describe("a verdict's maxRetries caps the resends of that answer", () => {
  it('resends it that many times, not the client maxRetries, and says max_retries', async () => {
    const { t, client } = clientSaying({ maxRetries: 1 }, [fault, fault, fault, ok]);
    const err = await rejectsWithin(client.get('/v1/report'), BOUND_MS);
    expect(err).toMatchObject({ kind: 'server', attempts: 2 });
    expect(t.log).toHaveLength(2);
  });

  it('0 sends it once', async () => {
    const { t, client } = clientSaying({ maxRetries: 0 }, [fault, ok]);
    await expect(rejectsWithin(client.get('/v1/report'), BOUND_MS)).resolves.toMatchObject({ attempts: 1 });
    expect(t.log).toHaveLength(1);
  });

  it('counts only the answers carrying it: other failures between them keep the client maxRetries', async () => {
    const { t, client } = clientSaying({ maxRetries: 1 }, [busy, fault, busy, ok]);
    await expect(resolvesWithin(client.get('/v1/report'), BOUND_MS)).resolves.toEqual({ ok: true });
    expect(t.log).toHaveLength(4);
  });

  it('never raises the client maxRetries', async () => {
    const { t, client } = clientSaying({ maxRetries: 10 }, [fault, fault, fault, fault, fault, ok]);
    await expect(rejectsWithin(client.get('/v1/report'), BOUND_MS)).resolves.toMatchObject({ attempts: 4 });
    expect(t.log).toHaveLength(4);
  });

  it.each<[string, unknown]>([
    ['a fraction', 0.5],
    ['a negative number', -1],
    ['NaN', Number.NaN],
    ['a string', '1'],
  ])('ignores %s: the client maxRetries applies', async (_label, maxRetries) => {
    const { t, client } = clientSaying({ maxRetries: maxRetries as number }, [fault, fault, fault, fault, ok]);
    await expect(rejectsWithin(client.get('/v1/report'), BOUND_MS)).resolves.toMatchObject({ attempts: 4 });
    expect(t.log).toHaveLength(4);
  });
});
