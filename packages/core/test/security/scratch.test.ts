import { it, expect } from 'vitest';
import { createClient } from '../../src/client/create-client';
import { genericAdapter } from '../../src/adapter/generic-adapter';

it('limiter', async () => {
  let started!: () => void;
  const firstStarted = new Promise<void>((r) => { started = r; });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    started();
    return new Promise((_res, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }));
  }) as typeof globalThis.fetch;
  const client = createClient(genericAdapter, { baseUrl: 'https://x.test', fetch, rateLimit: { maxConcurrent: 1, maxQueued: 0 }, retry: false });
  const first = client.get('/a');
  first.catch(() => undefined);
  await firstStarted;
  console.log('started');
  const second = await client.get('/b').catch((e) => e);
  console.log('second', second.kind, second.code);
  const t0 = Date.now();
  await client.close();
  console.log('closed', Date.now() - t0);
  const e1 = await first.catch((e) => e);
  console.log('first', e1.kind, e1.code, Date.now() - t0);
  expect(1).toBe(1);
});
