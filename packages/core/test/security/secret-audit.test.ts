// Leaks and over-redactions found by an outside-auditor pass over the redaction (docs/security.md, "Errors, events
// and logs hold no credential"): each case drove a real leak or a wrongly blanked word before its fix.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { normalizeResponse } from '../../src/classify/normalize-response';
import { createClient } from '../../src/client/create-client';
import type { ClientOptions } from '../../src/client/options';
import type { ApiError } from '../../src/errors/api-error';
import { createRedactor, REDACTED } from '../../src/errors/redact';
import { errorSurfaces, findLeak } from './leak-check';

const acme = defineAdapter({
  id: 'acme',
  displayName: 'Acme',
  baseUrl: 'https://api.acme.test',
  auth: [{ type: 'bearer' }, { type: 'query', param: 'api_key' }],
  // An OAuth token endpoint's request member, as several adapters declare it.
  credentialParams: ['code'],
});

// `Z` every few characters: no 6-character window of it can occur in Rosetta's own text (see leak-check.ts).
const SECRET = 'Zq_liveZ4xZ9kwZ&<>"Zp/Z';
const HTML_SECRET = "Zq&ampZ'Z<i>Z9x";

/** A real loopback provider answering every request with `answer`. */
let answer: { status: number; type: string; body: string; headers?: Record<string, string> } = {
  status: 200,
  type: 'application/json',
  body: '{}',
};
let base = '';
const server = createServer((_req, res) => {
  res.writeHead(answer.status, { 'content-type': answer.type, ...answer.headers });
  res.end(answer.body);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(options: ClientOptions, path = '/v1/things'): Promise<ApiError> {
  const client = createClient(acme, { baseUrl: base, retry: false, rateLimit: false, ...options });
  try {
    await client.get(path);
  } catch (error) {
    return error as ApiError;
  } finally {
    await client.close();
  }
  throw new Error('the call was expected to fail');
}

describe('spellings of an echoed credential', () => {
  const htmlEscape = (value: string, quote: string): string =>
    value
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", quote);

  it.each([
    ["HTML-escaped, `'` kept (PHP's htmlspecialchars before 8.1)", htmlEscape(HTML_SECRET, "'")],
    ['HTML-escaped, `&#39;` for a quote (Go, lodash)', htmlEscape(HTML_SECRET, '&#39;')],
    ['HTML-escaped, `&#x27;` for a quote (Python, React)', htmlEscape(HTML_SECRET, '&#x27;')],
    ['base64', Buffer.from(HTML_SECRET).toString('base64').replace(/=+$/, '')],
    ['base64url', Buffer.from(HTML_SECRET).toString('base64url')],
  ])('scrubs the %s form', (_label, form) => {
    const r = createRedactor({ secrets: [HTML_SECRET] });
    expect(r.text(`before ${form} after`)).toBe(`before ${REDACTED} after`);
  });

  it.each([
    ["Python's json.dumps (`\\u00e4`)", 'Zq_pässwörd_Z1', 'Zq_p\\u00e4ssw\\u00f6rd_Z1'],
    [".NET's HttpUtility.UrlEncode (lower-case hex)", 'Zq/a+b=c_Z1', 'Zq%2fa%2bb%3dc_Z1'],
  ])('scrubs the form %s writes', (_label, secret, form) => {
    const r = createRedactor({ secrets: [secret] });
    expect(r.text(`{"message":"bad ${form}"}`)).toBe(`{"message":"bad ${REDACTED}"}`);
  });

  it('keeps no piece of a credential an HTML error page echoes escaped, in the body kept on the error', async () => {
    const escaped = SECRET.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    answer = {
      status: 401,
      type: 'text/html',
      body: `<html><body><p>bad key ${escaped.replaceAll('"', '&quot;')}</p>`,
    };
    const err = await failure({ auth: { token: SECRET } });
    expect(err.kind).toBe('authentication');
    expect(findLeak(errorSurfaces(err), [SECRET])).toBeUndefined();
    expect(err.response?.body).toBe(`<html><body><p>bad key ${REDACTED}</p>`);
  });

  it('keeps no piece of a credential a page breaks with inline markup (`<wbr>`, `<b>`), in the message or the body', async () => {
    const [head, tail] = [SECRET.slice(0, 9), SECRET.slice(9)];
    answer = { status: 401, type: 'text/html', body: `<html><title>Bad token ${head}<wbr>${tail}</title></html>` };
    const err = await failure({ auth: { token: SECRET } });
    expect(err.detail).toBe(`Bad token ${REDACTED}`);
    // The body kept on the error loses its tags then, rather than keep the pieces.
    expect(err.response?.body).toBe(`Bad token ${REDACTED}`);
    expect(findLeak(errorSurfaces(err), [SECRET])).toBeUndefined();
    const bold = normalizeResponse(acme, {
      status: 401,
      headers: { 'content-type': 'text/html' },
      body: `<h1>Bad token ${head}<b>${tail}</b><!-- -->!</h1>`,
      secrets: [SECRET],
    });
    expect(bold?.detail).toBe(`Bad token ${REDACTED}!`);
  });
});

describe('a credential with surrounding whitespace (read from a file or an environment variable)', () => {
  // `Headers` trims a value's leading and trailing whitespace, so the provider receives and echoes the trimmed token.
  const TOKEN = 'Zq_fileZ4xZ9kwZ';
  it.each([
    ['a bearer token ending in a newline', { auth: { token: `${TOKEN}\n` } }],
    ['a token function returning CRLF', { auth: { token: async () => `${TOKEN}\r\n` } }],
    [
      'a basic password ending in a newline',
      { auth: { scheme: 'basic', username: 'Zq_userZ1', password: `${TOKEN}\n` } },
    ],
    ['a secret header given by hand with a trailing space', { headers: { 'x-api-key': ` ${TOKEN} ` } }],
  ] as const)('%s is scrubbed as the provider echoes it', async (_label, options) => {
    answer = {
      status: 401,
      type: 'application/json',
      body: JSON.stringify({ message: `bad token ${TOKEN}` }),
      headers: { 'x-request-id': TOKEN },
    };
    const err = await failure(options as ClientOptions);
    expect(err.detail).toBe(`bad token ${REDACTED}`);
    expect(findLeak(errorSurfaces(err), [TOKEN])).toBeUndefined();
  });
});

describe('normalizeResponse takes the credentials of the request it reads', () => {
  it('scrubs them, with and without their scheme word, from message, headers and body', () => {
    const err = normalizeResponse(acme, {
      status: 401,
      headers: { 'content-type': 'application/json', 'x-request-id': SECRET, 'x-echo': encodeURIComponent(SECRET) },
      body: { error: { message: `Invalid token ${SECRET}`, [SECRET]: [`Bearer ${SECRET}`] } },
      secrets: [`Bearer ${SECRET}`],
    });
    expect(err?.detail).toBe(`Invalid token ${REDACTED}`);
    expect(findLeak(errorSurfaces(err), [SECRET])).toBeUndefined();
  });

  it("learns them for that call only: the adapter's shared redactor stays empty", () => {
    normalizeResponse(acme, { status: 401, body: { m: 'x' }, secrets: [SECRET] });
    const later = normalizeResponse(acme, { status: 400, body: { message: `quoted ${SECRET}` } });
    expect(later?.detail).toBe(`quoted ${SECRET}`);
  });
});

describe('thrown errors quoting a credential outside a URL', () => {
  const FORM = `grant_type=refresh_token&refresh_token=${SECRET.replace(/[&<>"]/g, '')}`;

  it.each([
    ['a form it sent', `token refresh failed: ${FORM}`],
    ['a JSON body it sent', `token refresh failed: {"client_secret": "${SECRET.replace(/[&<>"]/g, '')}"}`],
  ])('redacts a secret-named pair in %s (a token function that rejects)', async (_label, message) => {
    const err = await failure({
      auth: {
        token: async () => {
          throw new Error(message);
        },
      },
    });
    expect(findLeak(errorSurfaces(err), [SECRET.replace(/[&<>"]/g, '')])).toBeUndefined();
    expect(err.detail).toContain(REDACTED);
  });

  it('keeps pairs whose name is no credential, and `code=` (an error code in free text)', async () => {
    const err = await failure({
      fetch: (async () => {
        throw new Error('upstream said code=E_LIMIT page=2');
      }) as typeof fetch,
    });
    expect(err.detail).toContain('code=E_LIMIT page=2');
  });
});

describe('over-redaction: words that are no credential never become needles', () => {
  it.each([
    ['a guessed header', { headers: { 'X-Token-Type': 'Bearer', 'X-Atlassian-Token': 'no-check' } }, '/v1/x'],
    ['a secret-named query value', {}, '/v1/x?auth=true&token=none'],
  ] as const)('%s', async (_label, options, path) => {
    answer = {
      status: 400,
      type: 'application/json',
      body: JSON.stringify({ message: 'Bearer must be true or none; no-check refused' }),
    };
    const err = await failure(options as ClientOptions, path);
    expect(err.detail).toBe('Bearer must be true or none; no-check refused');
  });

  it("keeps an answer's `code` member, though `code` is a credential in an OAuth token request", async () => {
    answer = {
      status: 400,
      type: 'application/json',
      body: JSON.stringify({ errors: [{ message: 'Entity not found', extensions: { code: 'INVALID_INPUT' } }] }),
    };
    const err = await failure({ auth: { token: SECRET } });
    expect(err.response?.body).toEqual({
      errors: [{ message: 'Entity not found', extensions: { code: 'INVALID_INPUT' } }],
    });
    // A `code` in the request's URL is still a credential: stripped, and its value scrubbed from the answer.
    answer = { status: 400, type: 'application/json', body: JSON.stringify({ message: `bad code ${SECRET}` }) };
    const withCode = await failure({}, `/v1/x?code=${encodeURIComponent(SECRET)}`);
    expect(withCode.request?.url).toBe(`${base}/v1/x?code=${REDACTED}`);
    expect(findLeak(errorSurfaces(withCode), [SECRET])).toBeUndefined();
    expect(inspect(withCode)).not.toContain(SECRET);
  });
});

describe('a schema failure on a success that carries a new credential (a token endpoint)', () => {
  it("scrubs the value of a secret-named member the validator's message quotes (valibot quotes what it refused)", async () => {
    const fresh = 'Zq_newZ4xZ9kwZ';
    answer = { status: 200, type: 'application/json', body: JSON.stringify({ access_token: fresh, expires_in: 3600 }) };
    const client = createClient(acme, { baseUrl: base, retry: false, rateLimit: false });
    const schema = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate: (value: unknown) => ({
          issues: [
            {
              message: `Invalid start: Expected "ya29." but received "${(value as { access_token: string }).access_token}"`,
              path: ['access_token'],
            },
            { message: 'Invalid type: Expected string but received 3600', path: [{ key: 'expires_in' }] },
          ],
        }),
      },
    };
    const err = (await client.post('/oauth/token', { schema }).catch((e: unknown) => e)) as ApiError;
    await client.close();
    expect(err.code).toBe('schema_mismatch');
    expect(err.fieldErrors.map((f) => f.message)).toEqual([
      `Invalid start: Expected "ya29." but received "${REDACTED}"`,
      'Invalid type: Expected string but received 3600',
    ]);
    expect(findLeak(errorSurfaces(err), [fresh])).toBeUndefined();
  });
});

describe("a client's configured credentials outlive the bounded memory of secrets seen at run time", () => {
  it.each([
    ['a bearer token', { auth: { token: SECRET } }],
    ['a secret header given to the client', { headers: { 'X-Api-Key': SECRET } }],
  ] as const)('%s is still scrubbed after 70 calls with a new `?signature=` each', async (_label, options) => {
    const client = createClient(acme, { baseUrl: base, retry: false, rateLimit: false, ...options });
    answer = { status: 200, type: 'application/json', body: '{}' };
    for (let i = 0; i < 70; i++) await client.get('/v1/x', { query: { signature: `Zq_sig_${i}_abcdef` } });
    answer = { status: 401, type: 'application/json', body: JSON.stringify({ message: `bad key ${SECRET}` }) };
    const err = (await client.get('/v1/x').catch((e: unknown) => e)) as ApiError;
    await client.close();
    expect(err.detail).toBe(`bad key ${REDACTED}`);
    expect(findLeak(errorSurfaces(err), [SECRET])).toBeUndefined();
  });

  it('pins the secrets a redactor is created with, and those registered before pinSecrets()', () => {
    const r = createRedactor({ secrets: ['Zq_given_1'] });
    r.addSecret('Zq_config_2');
    r.pinSecrets();
    for (let i = 0; i < 100; i++) r.addSecret(`Zq_seen_${i}_x`);
    expect(r.text('Zq_given_1 Zq_config_2 Zq_seen_0_x Zq_seen_99_x')).toBe(
      `${REDACTED} ${REDACTED} Zq_seen_0_x ${REDACTED}`,
    );
  });
});

describe('credentials an answer brings in a header the client never sent', () => {
  it('are redacted by the name of the header, on errors and on successes', async () => {
    const fresh = 'Zq_rZ4xZ9kZwvZ';
    const headers = { 'x-refresh-token': fresh, 'x-session-token': fresh, 'x-request-id': 'req_1' };
    const client = createClient(acme, { baseUrl: base, retry: false, rateLimit: false, auth: { token: SECRET } });
    answer = { status: 401, type: 'application/json', body: '{"message":"expired"}', headers };
    const err = (await client.get('/v1/x').catch((e: unknown) => e)) as ApiError;
    expect(err.response?.headers).toMatchObject({
      'x-refresh-token': REDACTED,
      'x-session-token': REDACTED,
      'x-request-id': 'req_1',
    });
    expect(findLeak(errorSurfaces(err), [fresh])).toBeUndefined();
    answer = { status: 200, type: 'application/json', body: '{}', headers };
    const { meta } = await client.requestWithMeta({ path: '/v1/x' });
    await client.close();
    expect(meta.headers['x-refresh-token']).toBe(REDACTED);
  });
});

describe('a credential a beforeRequest hook puts in the query of the Request it returns', () => {
  it('is scrubbed wherever the answer echoes it', async () => {
    const hooks = {
      beforeRequest: [
        (request: Request) => new Request(`${request.url}?api_key=${encodeURIComponent(SECRET)}`, request),
      ],
    };
    answer = {
      status: 401,
      type: 'application/json',
      body: JSON.stringify({ message: `bad key ${SECRET}` }),
      headers: { 'x-request-id': SECRET },
    };
    const err = await failure({ hooks });
    expect(err.detail).toBe(`bad key ${REDACTED}`);
    expect(findLeak(errorSurfaces(err), [SECRET])).toBeUndefined();
  });
});
