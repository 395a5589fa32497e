import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';

// Some providers read the idempotency key from the query, not a header (QuickBooks Online's `?requestid=`,
// blogs.intuit.com/blog/2015/04/06/15346/). The key must land there, stay the same on every attempt, and make the
// POST safe to resend exactly as a header key does.
const byParam = (generate: boolean) =>
  defineAdapter({
    id: 'acme',
    displayName: 'Acme',
    baseUrl: 'https://api.acme.test',
    idempotency: { param: 'requestid', generate },
  });
const failThenOk = () => createScriptedFetch([{ status: 503 }, { status: 200, body: { ok: true } }]);
const noWait = { baseDelayMs: 0, maxDelayMs: 0 } as const;

describe('idempotency key as a query parameter', () => {
  it("sends the call's key as the parameter on every attempt, beside the call's query, and no header", async () => {
    const t = failThenOk();
    const client = createClient(byParam(false), { fetch: t.fetch, rateLimit: false, retry: noWait });
    const { meta } = await client.requestWithMeta({
      method: 'POST',
      path: '/invoice',
      query: { minorversion: 75 },
      idempotencyKey: 'k 1',
    });
    expect(t.log).toEqual([
      'START POST /invoice?minorversion=75&requestid=k+1',
      'START POST /invoice?minorversion=75&requestid=k+1',
    ]);
    expect(t.requests.map((r) => r.headers['idempotency-key'])).toEqual([undefined, undefined]);
    expect(meta.idempotencyKey).toBe('k 1');
  });

  it('takes a key the caller put in the query as the call key: resent, the query left as written', async () => {
    const t = failThenOk();
    const client = createClient(byParam(false), { fetch: t.fetch, rateLimit: false, retry: noWait });
    await client.post('/invoice?requestid=abc%2Fdef&x=a%20b');
    expect(t.log).toEqual([
      'START POST /invoice?requestid=abc%2Fdef&x=a%20b',
      'START POST /invoice?requestid=abc%2Fdef&x=a%20b',
    ]);
  });

  it('an empty parameter is no key: the POST is sent once', async () => {
    const t = failThenOk();
    const client = createClient(byParam(false), { fetch: t.fetch, rateLimit: false, retry: noWait });
    await expect(client.post('/invoice', { query: { requestid: '' } })).rejects.toMatchObject({
      possiblyProcessed: true,
    });
    expect(t.log).toHaveLength(1);
  });

  it('generates one per call when the adapter says so, the same on every attempt', async () => {
    const t = failThenOk();
    const client = createClient(byParam(true), { fetch: t.fetch, rateLimit: false, retry: noWait });
    await client.post('/invoice');
    const keys = t.requests.map((r) => new URL(r.url).searchParams.get('requestid'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it("client.fetch: the SDK's own parameter is the key, so its POST is resent with it", async () => {
    const t = failThenOk();
    const client = createClient(byParam(false), { fetch: t.fetch, rateLimit: false, retry: noWait });
    const response = await client.fetch('https://api.acme.test/invoice?requestid=r1', { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(t.log).toEqual(['START POST /invoice?requestid=r1', 'START POST /invoice?requestid=r1']);
  });

  it('a definition needs a header or a param, not both, not neither', () => {
    const base = { id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' };
    expect(() => defineAdapter({ ...base, idempotency: { header: 'Idempotency-Key', param: 'requestid' } })).toThrow(
      /header or a param/,
    );
    expect(() => defineAdapter({ ...base, idempotency: {} })).toThrow(/header or a param/);
  });
});
