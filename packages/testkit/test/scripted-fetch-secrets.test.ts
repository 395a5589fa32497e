// Stop 30's attack on the testkit's own output: a scripted transport's attempt log is what a failing
// `expect(t.log).toEqual([...])` prints into a CI log, so it must not show a credential sent in the query.
import { createClient, defineAdapter } from '@rosetta/core';
import { describe, expect, it } from 'vitest';
import { createScriptedFetch } from '../src/index';

const KEY = 'ZqKeyZ9aZbcZdeZf';
const acme = defineAdapter({
  id: 'acme',
  displayName: 'Acme',
  baseUrl: 'https://api.acme.test',
  auth: [{ type: 'query', param: 'api_key' }],
});

describe('createScriptedFetch: the attempt log', () => {
  it('shows a credential sent in the query as [REDACTED], and other parameters as sent', async () => {
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const client = createClient(acme, { fetch: t.fetch, rateLimit: false, auth: { apiKey: KEY } });
    await client.get('/v1/items', { query: { page: 2, access_token: KEY } });
    await client.close();
    expect(t.log).toHaveLength(1);
    expect(t.log[0]).not.toContain(KEY.slice(0, 6));
    expect(t.log[0]).toMatch(/^START GET \/v1\/items\?/);
    expect(t.log[0]).toContain('page=2');
    // The requests stay as received: tests assert on the credential that reached the wire.
    expect(new URL(t.requests[0]?.url ?? '').searchParams.get('api_key')).toBe(KEY);
  });

  it('keeps a query without credentials exactly as sent', async () => {
    const t = createScriptedFetch([{ status: 200 }]);
    await t.fetch('https://api.acme.test/invoice?minorversion=75&requestid=k+1&cursor=dXNlcjpVMDYx');
    expect(t.log).toEqual(['START GET /invoice?minorversion=75&requestid=k+1&cursor=dXNlcjpVMDYx']);
  });
});
