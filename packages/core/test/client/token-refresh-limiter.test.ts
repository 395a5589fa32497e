// Internal calls never queue behind the slots they unblock (issue 10): a token function may refresh through the very
// client it authenticates. Credentials are read before the limiter admits an attempt (run-call.ts), so a call waiting
// for its token holds no slot, and the refresh call finds the slot free. Read after admission, this deadlocks.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { type Client, createClient } from '../../src/client/create-client';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
afterEach(() => vi.useRealTimers());

describe('token refresh through the same client, under a concurrency cap of 1', () => {
  it('every call settles: the refresh goes first, holding no slot for the calls that wait on it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const t = createScriptedFetch([
      { status: 200, body: { access_token: 'fresh' } },
      { status: 200, body: { ok: 1 } },
    ]);
    // Marks the token request, which authenticates with the app's own credential, not the token it fetches.
    const refreshing = new AsyncLocalStorage<true>();
    let refresh: Promise<string> | undefined;
    let reads = 0;
    const client: Client = createClient(acme, {
      fetch: t.fetch,
      retry: false,
      // A deadlock would end here (every call failing as a deadline), not hang the test.
      deadlineMs: 5_000,
      rateLimit: { extra: [{ id: 'one-at-a-time', model: 'concurrency', maxInFlight: 1, source: 'test' }] },
      auth: {
        token: (): string | Promise<string> => {
          reads++;
          if (refreshing.getStore() === true) return 'app-credential';
          refresh ??= refreshing
            .run(true, () => client.post<{ access_token: string }>('/oauth/token'))
            .then((body) => body.access_token);
          return refresh;
        },
      },
    });
    const calls = ['/1', '/2', '/3'].map((path) => client.get(path).catch((error: unknown) => error));
    await vi.advanceTimersByTimeAsync(6_000);
    await expect(Promise.all(calls)).resolves.toEqual([{ ok: 1 }, { ok: 1 }, { ok: 1 }]);
    expect(t.log).toEqual(['START POST /oauth/token', 'START GET /1', 'START GET /2', 'START GET /3']);
    expect(t.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer app-credential',
      'Bearer fresh',
      'Bearer fresh',
      'Bearer fresh',
    ]);
    // Three calls and the refresh call read the token function once each.
    expect(reads).toBe(4);
    await client.close();
  });
});
