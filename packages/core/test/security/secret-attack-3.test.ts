// Stop 27's third attack on secret handling (docs/security.md, "Errors, events and logs hold no credential"): each
// case leaked or hung before its fix. Secrets carry a `Z` every few characters, as leak-check.ts requires.
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { normalizeError } from '../../src/adapter/normalize-error';
import { normalizeResponse } from '../../src/classify/normalize-response';
import { createClient } from '../../src/client/create-client';
import type { ApiError } from '../../src/errors/api-error';
import { createRedactor, REDACTED } from '../../src/errors/redact';
import { caught } from '../engine/caught';
import { errorSurfaces, findLeak, payloadSurfaces } from './leak-check';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const TOKEN = 'ZqTkZ_liZveZ9xZ4kZpZw';

/** Every surface of the error of one call answered by `body`, and of its events, as one text. */
async function echoed(body: unknown): Promise<{ err: ApiError; all: string }> {
  const t = createScriptedFetch([{ status: 401, body }]);
  const client = createClient(acme, { fetch: t.fetch, retry: false, rateLimit: false, auth: { token: TOKEN } });
  const events: unknown[] = [];
  for (const event of ['request', 'response', 'error'] as const) client.on(event, (p) => events.push(p));
  const err = await caught(client.request({ path: '/v1/things' }));
  await client.close();
  return { err, all: [...Object.values(errorSurfaces(err)), ...events.flatMap(payloadSurfaces)].join('\n') };
}

/** `text` as a reader sees it: invisible characters gone, compatibility forms (fullwidth letters) folded. */
const visible = (text: string): string => text.normalize('NFKC').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '');

describe('an echo that hides the credential from a plain search but not from a reader', () => {
  it.each([
    ['a zero-width space between every character', [...TOKEN].join('\u200b')],
    ['a zero-width joiner inside', `${TOKEN.slice(0, 9)}\u200d${TOKEN.slice(9)}`],
    ['a soft hyphen inside', `${TOKEN.slice(0, 9)}\u00ad${TOKEN.slice(9)}`],
    ['a word joiner and a byte order mark inside', `\ufeff${TOKEN.slice(0, 5)}\u2060${TOKEN.slice(5)}`],
    ['fullwidth forms', [...TOKEN].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')],
  ])('%s', async (_name, echo) => {
    const { err, all } = await echoed({ message: `token ${echo} is revoked` });
    expect(err.kind).toBe('authentication');
    expect(findLeak({ all: visible(all) }, [TOKEN])).toBeUndefined();
    expect(err.message).toContain(REDACTED);
  });
});

/** Base64 runs of `text`, decoded: a blob echoing a credential at any byte offset. */
const decodedRuns = (text: string): string =>
  (text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []).map((run) => Buffer.from(run, 'base64').toString('latin1')).join('\n');

describe('a credential inside a base64 blob (a JWT-like echo of a JSON body)', () => {
  it.each([0, 1, 2, 3, 4, 5])('at byte offset %i of the blob', async (offset) => {
    const payload = `${'{"a":"'.slice(0, offset)}${JSON.stringify({ token: TOKEN, exp: 1 })}`;
    for (const encoding of ['base64', 'base64url'] as const) {
      const blob = Buffer.from(payload).toString(encoding);
      const { all } = await echoed({ message: `session ${blob}.c2lnbmF0dXJl is invalid` });
      expect(findLeak({ decoded: decodedRuns(all) }, [TOKEN])).toBeUndefined();
    }
  });
});

describe('a query whose separators repeat', () => {
  it('scrubs a credential after a doubled separator (`??token=`, `;;sig=`)', () => {
    const secret = 'ZqQuZeRZyZ7s';
    for (const url of [`https://api.acme.test/v1/x??token=${secret}`, `https://api.acme.test/v1/x?a;;sig=${secret}`]) {
      const err = normalizeResponse(acme, { status: 400, url, body: { message: `bad ${secret}` } });
      expect(findLeak(errorSurfaces(err), [secret])).toBeUndefined();
    }
  });
});

// Sizes at which the quadratic versions took minutes (each echo copied the whole text; each learned secret rebuilt
// every needle): the test's timeout is the check, no timing is asserted.
describe('the redactor stays linear on hostile bodies', () => {
  it('scrubs a 4 MB body made of echoes of the credential', () => {
    const body = `${TOKEN} `.repeat(200_000);
    const err = normalizeResponse(acme, { status: 400, body, secrets: [TOKEN] });
    expect(findLeak(errorSurfaces(err), [TOKEN])).toBeUndefined();
  });

  it('scrubs a body of echoes of a 4-character password', () => {
    const redactor = createRedactor({ secrets: ['Zq9x'] });
    expect(redactor.text('Zq9x'.repeat(500_000))).toBe(REDACTED.repeat(500_000));
  });

  it('learns the values of 50,000 secret-named members of one error body', () => {
    const body: Record<string, string> = { message: `bad ${TOKEN}` };
    for (let i = 0; i < 50_000; i++) body[`item${i}_token`] = `Zv${i}ZqZalZ`;
    body.last_token = TOKEN;
    const err = normalizeResponse(acme, { status: 400, body });
    expect(findLeak(errorSurfaces(err), [TOKEN])).toBeUndefined();
  });

  it('cuts a URL of 200,000 separators without a quadratic scan', () => {
    const redactor = createRedactor({ secrets: ['Zq9xZ'] });
    expect(redactor.url(`https://api.acme.test/?token=Zq9xZ&${'?;'.repeat(100_000)}`)).toContain(`token=${REDACTED}`);
  });
});

describe('normalizeError on an SDK error that keeps the request it failed on', () => {
  const sdk = defineAdapter({
    id: 'sdky',
    displayName: 'Sdky',
    baseUrl: 'https://api.acme.test',
    sdkError: (e) => {
      const { response } = e as { response?: { status: number; data: unknown } };
      return response === undefined ? undefined : { status: response.status, body: response.data };
    },
  });
  const answer = { status: 401, data: { message: `Bad credentials: ${TOKEN}` } };

  it.each([
    ["axios' config.headers", { config: { headers: { Authorization: `Bearer ${TOKEN}` } } }],
    ["Octokit's request.headers", { request: { headers: { authorization: `token ${TOKEN}` } } }],
    [
      'a header named by its credential word',
      { response: { config: { headers: { 'X-Shopify-Access-Token': TOKEN } } } },
    ],
  ])('scrubs the credential of %s from the answer', (_name, shape) => {
    const thrown = Object.assign(new Error('Request failed with status code 401'), shape);
    (thrown as { response?: unknown }).response = { ...(thrown as { response?: object }).response, ...answer };
    const err = normalizeError(sdk, thrown);
    expect(err?.kind).toBe('authentication');
    expect(findLeak(errorSurfaces(err), [TOKEN])).toBeUndefined();
  });
});

describe("an answer cannot push the call's own credential out of the redactor's bounded memory", () => {
  // A token from a function is not configuration, so it is not pinned: it is the newest secret when the call is sent.
  // An answer with many secret-named members (each value is learned, to scrub its echoes) used to evict it before the
  // message quoting it was scrubbed.
  it('a refreshed token quoted by a 401 that carries 70 secret-named members', async () => {
    const fresh = 'ZqRfZ_frZesZh7Z2kZqZw';
    const members = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}_token`, `junkZ${i}Zvalue`]));
    const t = createScriptedFetch([{ status: 401, body: { ...members, message: `token ${fresh} is revoked` } }]);
    const client = createClient(acme, {
      fetch: t.fetch,
      retry: false,
      rateLimit: false,
      auth: { token: async () => fresh },
    });
    const events: unknown[] = [];
    for (const event of ['request', 'response', 'error'] as const) client.on(event, (p) => events.push(p));
    const err = await caught(client.request({ path: '/v1/things' }));
    await client.close();
    expect(err.kind).toBe('authentication');
    expect(err.message).toContain(REDACTED);
    const all = [...Object.values(errorSurfaces(err)), ...events.flatMap(payloadSurfaces)].join('\n');
    expect(findLeak({ all }, [fresh])).toBeUndefined();
  });
});
