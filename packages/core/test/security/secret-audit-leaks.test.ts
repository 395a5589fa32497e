// The leaks stop 22's audit (secret-audit.test.ts) found and left open, and those a second pass found since
// (docs/security.md, "Errors, events and logs hold no credential"): each case leaked before its fix.
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { ClientOptions } from '../../src/client/options';
import type { ApiError } from '../../src/errors/api-error';
import { REDACTED } from '../../src/errors/redact';
import { caught } from '../engine/caught';
import { errorSurfaces, findLeak, payloadSurfaces } from './leak-check';

const acme = defineAdapter({
  id: 'acme',
  displayName: 'Acme',
  baseUrl: 'https://api.acme.test',
  auth: [{ type: 'bearer' }, { type: 'basic' }],
});

// `Z` every few characters, as leak-check.ts requires; letters of both cases, so that a case change shows.
const TOKEN = 'Zq_LiveZ4xZ9KwZpQ';

/** The error of one call answered by `steps`, and what was sent. */
async function failed(
  options: ClientOptions,
  steps: Parameters<typeof createScriptedFetch>[0],
  path = '/v1/things',
): Promise<{ err: ApiError; sent: ReturnType<typeof createScriptedFetch>['requests']; events: unknown[] }> {
  const t = createScriptedFetch(steps);
  const client = createClient(acme, { fetch: t.fetch, retry: false, rateLimit: false, ...options });
  const events: unknown[] = [];
  for (const event of ['request', 'response', 'error'] as const) client.on(event, (p) => events.push(p));
  const err = await caught(client.get(path));
  await client.close();
  return { err, sent: t.requests, events };
}

/** Every surface of the error and its events, as one text, for a leak check of any spelling. */
const everything = (err: ApiError, events: unknown[]): string =>
  [...Object.values(errorSurfaces(err)), ...events.flatMap(payloadSurfaces)].join('\n');

describe('a credential the provider echoes in another case', () => {
  it.each([
    ['lower-cased', (s: string) => s.toLowerCase()],
    ['upper-cased', (s: string) => s.toUpperCase()],
  ])(
    '%s in the message, the body, a header value and name, a body key: a token and a `secrets` value',
    async (_l, change) => {
      const HOOK = 'ZqHookZ77Zab_Z9x';
      const { err, events } = await failed({ auth: { token: TOKEN }, secrets: [HOOK] }, [
        {
          status: 401,
          body: { message: `Invalid token ${change(TOKEN)}`, hook: `unknown hook ${change(HOOK)}`, [change(TOKEN)]: 1 },
          // A header named after the token, as a body's key may be.
          headers: { 'x-request-id': change(TOKEN), [`x-${change(TOKEN)}`]: 'invalid' },
        },
      ]);
      expect(err.detail).toBe(`Invalid token ${REDACTED}`);
      expect(err.response?.headers).toMatchObject({ 'x-request-id': REDACTED, [`x-${REDACTED}`]: 'invalid' });
      expect(err.response?.body).toEqual({
        message: `Invalid token ${REDACTED}`,
        hook: `unknown hook ${REDACTED}`,
        [REDACTED]: 1,
      });
      const text = everything(err, events).toLowerCase();
      expect(text).not.toContain(TOKEN.toLowerCase());
      expect(text).not.toContain(HOOK.toLowerCase());
    },
  );

  it('a percent-encoded echo with the other case of hex digits and letters', async () => {
    const SLASHED = 'Zq/LiveZ+9kZ';
    const { err } = await failed({ auth: { token: SLASHED } }, [
      { status: 401, body: { message: `bad ${encodeURIComponent(SLASHED).toLowerCase()}` } },
    ]);
    expect(err.detail).toBe(`bad ${REDACTED}`);
  });

  it('keeps a word in another case when the secret is a short word of letters only (a weak password)', async () => {
    const { err } = await failed({ auth: { scheme: 'basic', username: 'Zq_userZ1', password: 'Swordfish' } }, [
      { status: 401, body: { message: 'swordfish and SWORDFISH are refused, Swordfish is gone' } },
    ]);
    expect(err.detail).toBe(`swordfish and SWORDFISH are refused, ${REDACTED} is gone`);
  });

  it('keeps Turkish text whose capital dotted I lower-cases to two characters, and still finds the secret after it', async () => {
    const { err } = await failed({ auth: { token: TOKEN } }, [
      { status: 401, body: { message: `İstek reddedildi: İİ ${TOKEN.toLowerCase()} İ` } },
    ]);
    expect(err.detail).toBe(`İstek reddedildi: İİ ${REDACTED} İ`);
  });
});

describe("a credential spelled as a JSON pointer's reference token (`~1` for `/`, `~0` for `~`)", () => {
  it('is scrubbed from the `pointer` and `path` members of a kept validation or JSON-Patch error body', async () => {
    const KEY = 'Zq/aZ~bZ9/kZ';
    const pointer = `/data/keys/${KEY.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    const { err, events } = await failed({ secrets: [KEY] }, [
      {
        status: 422,
        body: { errors: [{ detail: 'is invalid', source: { pointer } }], op: { op: 'remove', path: pointer } },
      },
    ]);
    expect(err.response?.body).toEqual({
      errors: [{ detail: 'is invalid', source: { pointer: `/data/keys/${REDACTED}` } }],
      op: { op: 'remove', path: `/data/keys/${REDACTED}` },
    });
    expect(everything(err, events)).not.toContain('Zq~1aZ~0bZ9~1kZ');
  });
});

describe('a header given by hand whose name glues the credential word onto another', () => {
  const NAMES = ['X-AuthToken', 'X-ApiKey', 'XAccessToken', 'Private-Token', 'X-ClientSecret', 'X-HubSignature'];
  const values = NAMES.map((_, i) => `Zq_hdrZ${i}xZ9kwZ`);
  const headers = Object.fromEntries(NAMES.map((name, i) => [name, values[i] as string]));

  it('is a credential: redacted in events, scrubbed from echoes, never sent to a trusted redirect origin', async () => {
    const { err, sent, events } = await failed({ headers, trustedRedirectOrigins: ['https://files.acme.test'] }, [
      { status: 307, headers: { location: 'https://files.acme.test/v1/things' } },
      { status: 401, body: { message: `refused ${values.join(' ')}` } },
    ]);
    expect(err.detail).toBe(`refused ${NAMES.map(() => REDACTED).join(' ')}`);
    expect(findLeak({ all: everything(err, events) }, values)).toBeUndefined();
    expect(sent[0]?.headers).toMatchObject(Object.fromEntries(NAMES.map((n, i) => [n.toLowerCase(), values[i]])));
    for (const name of NAMES) expect(sent[1]?.headers).not.toHaveProperty(name.toLowerCase());
  });

  it("leaves an answer's counters, ids and scopes readable (`X-Tokens-Remaining`, `X-RateLimit-*`, `X-OAuth-Scopes`)", async () => {
    const readable = {
      'x-tokens-remaining': '99',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset': '1700000000',
      'x-request-id': 'req_1',
      'idempotency-key': 'idem_1',
      'x-oauth-scopes': 'repo, user',
      'x-accepted-oauth-scopes': 'repo',
    };
    const { err } = await failed({}, [{ status: 400, body: { message: 'no' }, headers: readable }]);
    expect(err.response?.headers).toMatchObject(readable);
  });
});

describe("a credential the client never sent, in the URL of an answer's `Location` or `Content-Location`", () => {
  it('loses the value of each secret-named query or fragment pair, then scrubbed from later headers too', async () => {
    const [FRESH, SLASHED] = ['Zq_newZ4xZ9kwZ', 'Zq_keyZ4x/Z9kwZ'];
    const link = '<https://api.acme.test/v1/things?page=2&token=Zq_cursorZ1>; rel="next"';
    const { err, events } = await failed({}, [
      {
        status: 400,
        body: { message: 'no' },
        headers: {
          // An OAuth implicit grant's redirect (RFC 6749 4.2.2) and a query credential.
          location: `https://app.acme.test/cb#access_token=${FRESH}&token_type=bearer`,
          'content-location': `/v1/things?page=2&api_key=${encodeURIComponent(SLASHED)}`,
          'x-echo': `${FRESH} ${SLASHED}`,
          link,
        },
      },
    ]);
    expect(err.response?.headers).toMatchObject({
      location: `https://app.acme.test/cb#access_token=${REDACTED}&token_type=bearer`,
      'content-location': `/v1/things?page=2&api_key=${REDACTED}`,
      'x-echo': `${REDACTED} ${REDACTED}`,
      // The paginator follows `Link` as redacted: its cursor stays whole.
      link,
    });
    expect(findLeak({ all: everything(err, events) }, [FRESH, SLASHED])).toBeUndefined();
  });
});

describe('a thrown error whose `name` or `code` getter throws', () => {
  const hostile = (getter: 'name' | 'code'): Error => {
    const error = new Error(`refused ${TOKEN}`);
    Object.defineProperty(error, getter, {
      get() {
        throw new Error(`getter saw ${TOKEN}`);
      },
    });
    return error;
  };

  it.each(['name', 'code'] as const)(
    '`%s`: each source ends as unknown / internal_error, without a leak',
    async (getter) => {
      const thrown = hostile(getter);
      const schema = {
        '~standard': {
          version: 1 as const,
          vendor: 'test',
          validate: () => {
            throw thrown;
          },
        },
      };
      const t = createScriptedFetch([{ status: 200, body: {} }]);
      const sources: [string, () => Promise<unknown>][] = [
        [
          'custom fetch',
          () =>
            createClient(acme, {
              retry: false,
              fetch: (async () => {
                throw thrown;
              }) as typeof fetch,
            }).get('/x'),
        ],
        [
          'token function',
          () =>
            createClient(acme, {
              retry: false,
              fetch: t.fetch,
              auth: {
                token: async () => {
                  throw thrown;
                },
              },
            }).get('/x'),
        ],
        ['schema', () => createClient(acme, { retry: false, fetch: t.fetch }).get('/x', { schema })],
      ];
      for (const [source, call] of sources) {
        const err = await caught(call());
        expect([source, err.kind, err.code]).toEqual([source, 'unknown', 'internal_error']);
        expect(findLeak(errorSurfaces(err), [TOKEN])).toBeUndefined();
      }
    },
  );
});
