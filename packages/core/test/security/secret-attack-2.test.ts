// Stop 26's second attack on secret handling (docs/security.md, "Errors, events and logs hold no credential"): each
// case leaked before its fix. Secrets carry a `Z` every few characters, as leak-check.ts requires.
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import type { Adapter } from '../../src/adapter/types';
import { normalizeResponse } from '../../src/classify/normalize-response';
import { createClient } from '../../src/client/create-client';
import type { ClientOptions, RequestOptions } from '../../src/client/options';
import type { ApiError } from '../../src/errors/api-error';
import { REDACTED } from '../../src/errors/redact';
import { caught } from '../engine/caught';
import { errorSurfaces, findLeak, payloadSurfaces } from './leak-check';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const form = defineAdapter({
  id: 'formy',
  displayName: 'Formy',
  baseUrl: 'https://api.acme.test',
  bodyEncoding: 'form',
});
const [SESSION, OTHER, KEY_ID] = ['ZsEsZ4xZ9KwZpQ', 'ZoThZ-kZ7fZq', 'ZakZiaZ7qZ2Z'];

/** The error of one call answered by `step`, with every surface of it and of its events as one text. */
async function failed(
  step: Parameters<typeof createScriptedFetch>[0][number],
  call: Omit<RequestOptions, 'path'> = {},
  options: ClientOptions = {},
  adapter: Adapter = acme,
): Promise<{ err: ApiError; all: string }> {
  const t = createScriptedFetch([step]);
  const client = createClient(adapter, { fetch: t.fetch, retry: false, rateLimit: false, ...options });
  const events: unknown[] = [];
  for (const event of ['request', 'response', 'error'] as const) client.on(event, (p) => events.push(p));
  const err = await caught(client.request({ path: '/v1/things', ...call }));
  await client.close();
  return { err, all: [...Object.values(errorSurfaces(err)), ...events.flatMap(payloadSurfaces)].join('\n') };
}

describe('a credential inside a header given by hand, echoed alone', () => {
  it("each cookie of a `Cookie` header (a session cookie's value, a CSRF token)", async () => {
    const cookie = `theme=dark; sid=${SESSION}; csrftoken="${OTHER}"`;
    const { err, all } = await failed(
      { status: 401, body: { message: `session ${SESSION} expired (csrf ${OTHER})` } },
      { headers: { Cookie: cookie } },
    );
    expect(err.detail).toBe(`session ${REDACTED} expired (csrf ${REDACTED})`);
    expect(findLeak({ all }, [SESSION, OTHER])).toBeUndefined();
  });

  it("an auth scheme's secret-named parameters: SigV4's access key id and signature, OAuth 1.0's token", async () => {
    const sigv4 = `AWS4-HMAC-SHA256 Credential=${KEY_ID}/20261127/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SESSION}`;
    const { err, all } = await failed(
      { status: 403, body: { message: `signature ${SESSION} does not match for access key ${KEY_ID}` } },
      { headers: { Authorization: sigv4 } },
    );
    expect(err.detail).toBe(`signature ${REDACTED} does not match for access key ${REDACTED}`);
    const oauth1 = `OAuth oauth_consumer_key="${KEY_ID}", oauth_token="${OTHER}", oauth_signature="${SESSION}"`;
    const second = await failed(
      { status: 401, body: { message: `token ${OTHER} of consumer ${KEY_ID}: bad signature ${SESSION}` } },
      { headers: { authorization: oauth1 } },
    );
    expect(second.err.detail).toBe(`token ${REDACTED} of consumer ${REDACTED}: bad signature ${REDACTED}`);
    expect(findLeak({ all: all + second.all }, [SESSION, OTHER, KEY_ID])).toBeUndefined();
  });

  it('set by a beforeRequest hook (a SigV4 signer)', async () => {
    const { err } = await failed(
      { status: 403, body: { message: `expected signature other than ${SESSION}` } },
      {},
      {
        hooks: {
          beforeRequest: [
            (request) => {
              request.headers.set('authorization', `AWS4-HMAC-SHA256 Credential=${KEY_ID}/x, Signature=${SESSION}`);
            },
          ],
        },
      },
    );
    expect(err.detail).toBe(`expected signature other than ${REDACTED}`);
  });

  it("keeps a scheme's other parameters and the words of a cookie's attributes readable (Digest's `uri` is the path)", async () => {
    const { err } = await failed(
      { status: 401, body: { message: 'digest for /v1/things in realm ApiRealm refused' } },
      { headers: { Authorization: 'Digest username="bob", realm="ApiRealm", uri="/v1/things", qop=auth' } },
    );
    expect(err.detail).toBe('digest for /v1/things in realm ApiRealm refused');
    expect(err.request?.url).toBe('https://api.acme.test/v1/things');
  });
});

describe('a credential an error answer brings in a secret-named header (`Set-Cookie`, `X-Refresh-Token`)', () => {
  it('is scrubbed from the body and the other headers that echo it', async () => {
    const { err, all } = await failed({
      status: 401,
      headers: {
        'set-cookie': `sid=${SESSION}; Domain=acme.test; Path=/; Max-Age=31536000; HttpOnly`,
        'x-refresh-token': `Bearer ${OTHER}`,
        'x-debug': `issued ${SESSION}`,
      },
      body: { message: `new session ${SESSION} on acme.test for 31536000 s, refresh with ${OTHER}` },
    });
    // A cookie's attributes are no credential: the host and the lifetime stay readable.
    expect(err.detail).toBe(`new session ${REDACTED} on acme.test for 31536000 s, refresh with ${REDACTED}`);
    expect(err.response?.headers['x-debug']).toBe(`issued ${REDACTED}`);
    expect(findLeak({ all }, [SESSION, OTHER])).toBeUndefined();
  });
});

describe("the request body's secret-named members, echoed by a 400 that quotes the request", () => {
  const echo = { status: 400, body: { message: `invalid request: password=${SESSION}&client_secret=${OTHER}` } };

  it('an object body, encoded as JSON or as a form, nested members included', async () => {
    const body = { user: 'bob', password: SESSION, client: { client_secret: OTHER } };
    for (const adapter of [acme, form]) {
      const { err, all } = await failed(echo, { method: 'POST', body }, {}, adapter);
      expect(err.detail).toBe(`invalid request: password=${REDACTED}&client_secret=${REDACTED}`);
      expect(findLeak({ all }, [SESSION, OTHER])).toBeUndefined();
    }
  });

  it('a form the caller encoded: a string, URLSearchParams, FormData', async () => {
    const pairs = { grant_type: 'password', password: SESSION, client_secret: OTHER };
    const formData = new FormData();
    for (const [name, value] of Object.entries(pairs)) formData.append(name, value);
    for (const body of [new URLSearchParams(pairs).toString(), new URLSearchParams(pairs), formData]) {
      const { err, all } = await failed(echo, { method: 'POST', body });
      expect(err.detail).toBe(`invalid request: password=${REDACTED}&client_secret=${REDACTED}`);
      expect(findLeak({ all }, [SESSION, OTHER])).toBeUndefined();
    }
  });

  it('a body whose member cannot be read (its getter throws; sent through toJSON) leaves the answer read as it is', async () => {
    const body = {
      toJSON: () => ({ password: SESSION }),
      get password(): string {
        throw new Error('unreadable');
      },
    };
    const { err } = await failed({ status: 400, body: { message: 'bad request' } }, { method: 'POST', body });
    expect(err).toMatchObject({ kind: 'validation', status: 400, detail: 'bad request' });
  });

  it('members that are no credential stay readable', async () => {
    const { err } = await failed(
      { status: 400, body: { message: 'user bobby-tables with plan enterprise is invalid' } },
      { method: 'POST', body: { user: 'bobby-tables', plan: 'enterprise' } },
    );
    expect(err.detail).toBe('user bobby-tables with plan enterprise is invalid');
  });
});

describe("a paginator's own errors (a refused link, a loop, a missing cursor)", () => {
  const paged = defineAdapter({
    id: 'paged',
    displayName: 'Paged',
    baseUrl: 'https://api.acme.test',
    pagination: {
      type: 'has-more',
      hasMorePath: ['has_more'],
      itemsPath: ['data'],
      idField: 'id',
      cursorParam: 'after',
    },
  });

  it("are scrubbed with the client's secrets: a webhook token in the base URL's path", async () => {
    const t = createScriptedFetch([
      { status: 200, body: [1], headers: { link: `<https://elsewhere.test/services/${SESSION}/list>; rel="next"` } },
    ]);
    const client = createClient(acme, {
      fetch: t.fetch,
      baseUrl: `https://hooks.acme.test/services/${SESSION}`,
      secrets: [SESSION],
      rateLimit: false,
    });
    const err = await caught(
      (async () => {
        for await (const _ of client.paginate('/list')) {
          // Drained.
        }
      })(),
    );
    expect(err.code).toBe('pagination_link_refused');
    expect(err.request?.url).toBe(`https://hooks.acme.test/services/${REDACTED}/list`);
    expect(findLeak(errorSurfaces(err), [SESSION])).toBeUndefined();
  });

  it("learn a page URL's credentials into the client's redactor, not the adapter's shared one", async () => {
    const t = createScriptedFetch([{ status: 200, body: { has_more: true, data: [{}] } }]);
    const client = createClient(paged, { fetch: t.fetch, rateLimit: false });
    const err = await caught(
      (async () => {
        for await (const _ of client.paginate('/list', { query: { access_token: OTHER } })) {
          // Drained.
        }
      })(),
    );
    expect(err.code).toBe('pagination_cursor_missing');
    expect(err.request?.url).toBe(`https://api.acme.test/list?access_token=${REDACTED}`);
    // Another client of the adapter, and normalizeResponse, do not carry this call's credential.
    const other = normalizeResponse(paged, { status: 400, body: { message: `echo ${OTHER}` } });
    expect(other?.detail).toBe(`echo ${OTHER}`);
  });
});

describe('a configured credential written with its scheme word (`token: "Bearer …"`, a common slip)', () => {
  it('is scrubbed without the word too, from every static and token-function credential', async () => {
    for (const token of [`Bearer ${SESSION}`, () => `token ${SESSION}`]) {
      const { err, all } = await failed(
        { status: 401, body: { message: `credential ${SESSION} unknown` } },
        {},
        { auth: { token } },
      );
      expect(err.detail).toBe(`credential ${REDACTED} unknown`);
      expect(findLeak({ all }, [SESSION])).toBeUndefined();
    }
  });
});

describe('an error body member named like a credential beyond the built-in names (`api_token`, `secretKey`)', () => {
  const TOKEN = 'ZapZiZtoZk9Z';
  const KEY = 'ZsKeZy7ZwQ';
  const body = {
    message: `token ${TOKEN} revoked; key ${KEY} unknown`,
    api_token: TOKEN,
    secretKey: KEY,
    idempotency_key: 'idem-FAKE-1',
    next_page_token: 'cursor-FAKE-1',
    // Jira's field errors name fields such as `projectKey`: a field, not a credential.
    errors: { projectKey: 'Project keys must start with an uppercase letter.' },
  };

  it('is learned before the message is read, and replaced in the kept body', () => {
    const err = normalizeResponse(acme, { status: 401, body }) as ApiError;
    expect(findLeak(errorSurfaces(err), [TOKEN, KEY])).toBeUndefined();
    expect(err.response?.body).toMatchObject({ api_token: REDACTED, secretKey: REDACTED });
  });

  it('keeps an idempotency key, a page cursor and a field named like a key (`projectKey`) readable', () => {
    const err = normalizeResponse(acme, { status: 401, body }) as ApiError;
    expect(err.response?.body).toMatchObject({ idempotency_key: 'idem-FAKE-1', next_page_token: 'cursor-FAKE-1' });
    expect(err.fieldErrors).toEqual([
      { path: 'projectKey', message: 'Project keys must start with an uppercase letter.' },
    ]);
  });
});
