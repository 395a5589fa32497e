// Stop 28's fourth attack on secret handling (docs/security.md, "Errors, events and logs hold no credential"): each
// case leaked before its fix. Secrets carry a `Z` every few characters, as leak-check.ts requires.
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { ClientOptions } from '../../src/client/options';
import { caught } from '../engine/caught';
import { errorSurfaces, findLeak, payloadSurfaces } from './leak-check';

const SECRET = 'ZqPaZssZ7wZk2Zd';

// Header names the adapter declares as credentials but that no credential word marks.
const shop = defineAdapter({
  id: 'shop',
  displayName: 'Shop',
  baseUrl: 'https://api.shop.test',
  auth: [{ type: 'header', header: 'X-Shop-Pass' }],
  credentialHeaders: ['X-Partner-Pass'],
});

describe('a credential passed by hand under a header the adapter declares', () => {
  it.each([
    ['the auth scheme header, per call', 'X-Shop-Pass', 'call'],
    ['the auth scheme header, on the client', 'x-shop-pass', 'client'],
    ['a declared credential header, per call', 'x-partner-pass', 'call'],
    ['a declared credential header, on the client', 'X-Partner-Pass', 'client'],
  ] as const)('%s is scrubbed from an echo', async (_name, header, where) => {
    const t = createScriptedFetch([{ status: 401, body: { message: `credential ${SECRET} is revoked` } }]);
    const options: ClientOptions = { fetch: t.fetch, retry: false, rateLimit: false };
    const client = createClient(shop, where === 'client' ? { ...options, headers: { [header]: SECRET } } : options);
    const events: unknown[] = [];
    for (const event of ['request', 'response', 'error'] as const) client.on(event, (p) => events.push(p));
    const headers = where === 'call' ? { headers: { [header]: SECRET } } : {};
    const err = await caught(client.request({ path: '/v1/orders', ...headers }));
    await client.close();
    expect(err.kind).toBe('authentication');
    expect(
      findLeak({ ...errorSurfaces(err), events: events.flatMap(payloadSurfaces).join('\n') }, [SECRET]),
    ).toBeUndefined();
  });
});

describe("a credential in a next page's link", () => {
  const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
  const PAGE_TOKEN = 'ZqLiZnkZ4tZ9oZk';

  it('is scrubbed from an echo in the error of that page', async () => {
    const t = createScriptedFetch([
      {
        status: 200,
        body: [1],
        headers: { link: `<https://api.acme.test/list?page=2&access_token=${PAGE_TOKEN}>; rel="next"` },
      },
      { status: 401, body: { message: `token ${PAGE_TOKEN} expired` } },
    ]);
    const client = createClient(acme, { fetch: t.fetch, retry: false, rateLimit: false });
    const events: unknown[] = [];
    for (const event of ['request', 'response', 'error'] as const) client.on(event, (p) => events.push(p));
    const err = await caught(
      (async () => {
        for await (const _ of client.paginate('/list')) {
          // Drained.
        }
      })(),
    );
    await client.close();
    expect(err.kind).toBe('authentication');
    const surfaces = { ...errorSurfaces(err), events: events.flatMap(payloadSurfaces).join('\n') };
    expect(findLeak(surfaces, [PAGE_TOKEN])).toBeUndefined();
  });
});
