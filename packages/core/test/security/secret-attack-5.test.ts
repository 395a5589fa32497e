// Stop 30's fifth attack on secret handling (docs/security.md, "Errors, events and logs hold no credential"): each
// case leaked before its fix. Secrets carry a `Z` every few characters, as leak-check.ts requires.
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import { caught } from '../engine/caught';
import { errorSurfaces, findLeak, payloadSurfaces } from './leak-check';

const SECRET = 'ZqPaZssZ7wZk2Zd';
const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });

describe('a credential a same-origin redirect put in the next hop’s query', () => {
  it.each([
    ['a secret-named parameter', `/v1/next?access_token=${SECRET}`],
    ['a parameter named with a credential word, beside others', `/v1/next?oauth_token=${SECRET}&page=2`],
  ])('%s is scrubbed from the echo of the answer that follows', async (_name, location) => {
    const t = createScriptedFetch([
      { status: 302, headers: { location } },
      { status: 404, body: { m: `no ${SECRET}` } },
    ]);
    const client = createClient(acme, { fetch: t.fetch, retry: false, rateLimit: false });
    const events: unknown[] = [];
    for (const event of ['request', 'response', 'error'] as const) client.on(event, (p) => events.push(p));
    const err = await caught(client.get('/v1/start'));
    await client.close();
    expect(t.requests[1]?.url).toContain(SECRET);
    expect(err.kind).toBe('not_found');
    expect(
      findLeak({ ...errorSurfaces(err), events: events.flatMap(payloadSurfaces).join('\n') }, [SECRET]),
    ).toBeUndefined();
  });
});
