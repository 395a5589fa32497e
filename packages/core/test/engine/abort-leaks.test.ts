// Leaks an abort can leave behind: limiter slots, listeners and scopes that outlive the call they belonged to.
// Found attacking deadlines and aborts (stop 25); attempt logs and listener counts, never the wall clock.
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { Limiter, Permit } from '../../src/limit/types';
import { caught } from './caught';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a permit granted as its attempt is aborted goes back to the limiter', () => {
  it('one caller signal aborting a queue: the call granted by the first leaving does not keep its slot', async () => {
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const client = createClient(acme, {
      fetch: t.fetch,
      retry: false,
      rateLimit: {
        extra: [
          { id: 'one-at-a-time', model: 'concurrency', maxInFlight: 1, source: 'test' },
          // /big costs the whole burst: after /warm it waits 10 s for a token, and /small queues behind it.
          {
            id: 'points',
            model: 'cost-bucket',
            ratePerSec: 0.1,
            burst: 10,
            source: 'test',
            cost: (request) => (request.path === '/big' ? 10 : 1),
          },
        ],
      },
    });
    await client.get('/warm');
    const controller = new AbortController();
    const big = caught(client.get('/big', { signal: controller.signal }));
    const small = caught(client.get('/small', { signal: controller.signal }));
    await turn();
    expect(client.pending).toBe(2);
    // /big leaves first and hands the slot to /small, whose own listener then aborts it in the same dispatch.
    controller.abort();
    expect(await big).toMatchObject({ kind: 'aborted', attempts: 0 });
    expect(await small).toMatchObject({ kind: 'aborted', attempts: 0 });
    await turn();
    expect(client.pending).toBe(0);
    await client.get('/after');
    expect(t.log).toEqual(['START GET /warm', 'START GET /after']);
    await client.close();
  });

  it('a limiter engine deaf to the signal: the permit it grants after the abort is released', async () => {
    const releases: unknown[] = [];
    let grant: (permit: Permit) => void = () => {};
    const engine = (): Limiter => ({
      acquire: () =>
        new Promise<Permit>((resolve) => {
          grant = resolve;
        }),
      pending: 0,
      keys: 0,
      close: async () => {},
    });
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const client = createClient(acme, { fetch: t.fetch, rateLimit: { engine } });
    const controller = new AbortController();
    const call = caught(client.get('/x', { signal: controller.signal }));
    await turn();
    controller.abort();
    expect(await call).toMatchObject({ kind: 'aborted', attempts: 0 });
    grant({ release: (response) => releases.push(response) === 0 });
    await turn();
    expect(releases).toEqual([undefined]);
    expect(t.log).toEqual([]);
  });
});
