import { defineAdapter } from '@rosetta/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScriptedClient } from '../src/scripted-client';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });

afterEach(() => {
  vi.useRealTimers();
});

describe('createScriptedClient', () => {
  it("resends at once (no backoff), the caller's retry options merged over it", async () => {
    vi.useFakeTimers();
    const t = createScriptedClient(acme, [{ status: 503 }, { status: 503 }, { status: 200, body: {} }], {
      retry: { maxRetries: 1 },
    });
    const call = t.client.get('/x').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.log).toEqual(['START GET /x', 'START GET /x']);
    expect(await call).toMatchObject({ kind: 'unavailable', attempts: 2 });
  });

  it('keeps retry: false, and turns the limiter off: a bucket of one call a minute holds nothing', async () => {
    const limits = [{ id: 'minute', model: 'fixed-window' as const, limit: 1, windowMs: 60_000, source: 'test' }];
    const t = createScriptedClient(defineAdapter({ ...acme, limits }), [{ status: 503 }, { status: 200 }], {
      retry: false,
    });
    await expect(t.client.get('/a')).rejects.toMatchObject({ kind: 'unavailable', attempts: 1 });
    await t.client.get('/b');
    expect(t.log).toEqual(['START GET /a', 'START GET /b']);
    expect(t.requests[1]?.url).toBe('https://api.acme.test/b');
  });
});
