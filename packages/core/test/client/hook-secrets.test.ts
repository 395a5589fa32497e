// Credentials a `beforeRequest` hook adds (a request signer, a token the hook fetched itself) were never given to
// Rosetta, yet a provider may echo them in an error body, a header or a request id: they must be redacted as the
// client's own credentials are.
import { inspect } from 'node:util';
import type { BeforeRequestHook } from 'ky';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';
import { genericAdapter } from '../../src/adapter/generic-adapter';
import { isApiError } from '../../src/errors/is-api-error';

const BEARER = 'Zq_hookbearer_9x8w7v6u';
const KEY = 'Zq_hookkey_1q2w3e4r';
const PASSWORD = 'Zq_hookpass_5t6y7u8i';

/** A provider that echoes every header it got, in its error body, its request id and a challenge header. */
const echo: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const got: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    got[name] = value;
  });
  const all = Object.values(got).join(' | ');
  return new Response(JSON.stringify({ error: { message: `rejected: ${all}`, got } }), {
    status: 400,
    headers: { 'content-type': 'application/json', 'x-request-id': got['x-api-key'] ?? '', 'www-authenticate': all },
  });
};

const signer: BeforeRequestHook = (request) => {
  request.headers.set('authorization', `Bearer ${BEARER}`);
  request.headers.set('x-api-key', KEY);
  request.headers.set('proxy-authorization', `Basic ${btoa(`proxyuser:${PASSWORD}`)}`);
};

describe('secrets set by beforeRequest hooks', () => {
  it('are redacted from the error, its message, JSON, inspect output and stack', async () => {
    const client = createClient(genericAdapter, {
      baseUrl: 'https://api.acme.test',
      retry: false,
      rateLimit: false,
      fetch: echo,
      hooks: { beforeRequest: [signer] },
    });
    const error = await client.get('/x').catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    const dump = [
      String((error as Error).message),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      String((error as Error).stack),
    ].join('\n');
    expect(dump).toContain('rejected:');
    for (const secret of [BEARER, KEY, btoa(`proxyuser:${PASSWORD}`)]) expect(dump).not.toContain(secret);
  });
});
