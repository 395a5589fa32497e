// Stop 25's attack on secret handling (docs/security.md, "Errors, events and logs hold no credential"): each case
// leaked before its fix. Secrets carry a `Z` every few characters, as leak-check.ts requires.
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { normalizeResponse } from '../../src/classify/normalize-response';
import { createClient } from '../../src/client/create-client';
import type { ClientOptions, RequestOptions } from '../../src/client/options';
import type { ApiError } from '../../src/errors/api-error';
import { REDACTED } from '../../src/errors/redact';
import { caught } from '../engine/caught';
import { errorSurfaces, findLeak, payloadSurfaces } from './leak-check';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const TOKEN = 'Zq_LiveZ4xZ9KwZpQ';
// Credentials the client never sent: the answer brings them.
const [FRESH, OTHER] = ['ZnEwZ_tokZ5eZ', 'ZoThZ-keyZ7fZ'];

/** The error of one call answered by `step`, with every surface of it and of its events as one text. */
async function failed(
  step: Parameters<typeof createScriptedFetch>[0][number],
  call: Omit<RequestOptions, 'path'> = {},
  options: ClientOptions = { auth: { token: TOKEN } },
): Promise<{ err: ApiError; all: string }> {
  const t = createScriptedFetch([step]);
  const client = createClient(acme, { fetch: t.fetch, retry: false, rateLimit: false, ...options });
  const events: unknown[] = [];
  for (const event of ['request', 'response', 'error'] as const) client.on(event, (p) => events.push(p));
  const err = await caught(client.request({ path: '/v1/things', ...call }));
  await client.close();
  return { err, all: [...Object.values(errorSurfaces(err)), ...events.flatMap(payloadSurfaces)].join('\n') };
}

describe('a query parameter whose name ends in a credential word, and OAuth `code`', () => {
  it('loses its value in every URL, and the value is scrubbed from echoes; cursors and descriptions stay', async () => {
    const query = {
      'X-Amz-Signature': TOKEN,
      'X-Amz-Security-Token': FRESH,
      oauth_token: OTHER,
      code: 'ZcoDeZ1aZbcZ',
      pageToken: 'cursor-42',
      token_type: 'bearer',
      // Microsoft Graph's page and delta cursors (OData): not credentials.
      $skiptoken: 'skip-7',
      $deltatoken: 'delta-9',
    };
    const { err, all } = await failed(
      { status: 400, body: { message: `bad signature ${TOKEN}, ${FRESH} or ${OTHER}` } },
      { query },
      {},
    );
    expect(err.request?.url).toBe(
      `https://api.acme.test/v1/things?X-Amz-Signature=${REDACTED}&X-Amz-Security-Token=${REDACTED}` +
        `&oauth_token=${REDACTED}&code=${REDACTED}&pageToken=cursor-42&token_type=bearer` +
        '&%24skiptoken=skip-7&%24deltatoken=delta-9',
    );
    expect(err.detail).toBe(`bad signature ${REDACTED}, ${REDACTED} or ${REDACTED}`);
    expect(findLeak({ all }, [TOKEN, FRESH, OTHER, 'ZcoDeZ1aZbcZ'])).toBeUndefined();
  });

  it("an authorization code in an answer's `Location` (RFC 6749 4.1.2)", async () => {
    const { err, all } = await failed({
      status: 400,
      body: { message: 'no' },
      headers: { location: `https://app.acme.test/cb?code=${FRESH}&state=xyz` },
    });
    expect(err.response?.headers.location).toBe(`https://app.acme.test/cb?code=${REDACTED}&state=xyz`);
    expect(findLeak({ all }, [FRESH])).toBeUndefined();
  });
});

describe("the user info of a redirect URL in an answer's header, and a `Refresh` header's URL", () => {
  it('is removed and scrubbed from the rest of the answer', async () => {
    const { err, all } = await failed({
      status: 400,
      body: { message: `no ${FRESH}` },
      headers: {
        location: `https://u:${FRESH}@app.acme.test/cb`,
        'content-location': `https://${OTHER}@app.acme.test/`,
        refresh: `0; url=https://app.acme.test/cb?access_token=${TOKEN}Z`,
      },
    });
    expect(err.response?.headers).toMatchObject({
      location: 'https://app.acme.test/cb',
      'content-location': 'https://app.acme.test/',
      refresh: `0; url=https://app.acme.test/cb?access_token=${REDACTED}`,
    });
    expect(findLeak({ all }, [FRESH, OTHER, `${TOKEN}Z`])).toBeUndefined();
  });
});

describe('a credential an answer brings, echoed in text read before it', () => {
  it('in a header sorted before `Location`, and in a text body', async () => {
    const { err, all } = await failed({
      status: 401,
      body: `invalid grant ${FRESH}`,
      headers: { 'a-echo': FRESH, location: `https://app.acme.test/cb#access_token=${FRESH}` },
    });
    expect(err.detail).toBe(`invalid grant ${REDACTED}`);
    expect(err.response?.headers['a-echo']).toBe(REDACTED);
    expect(findLeak({ all }, [FRESH])).toBeUndefined();
  });

  it("in an error body's other members, before or after its secret-named one", async () => {
    const body = { message: `token ${FRESH} revoked`, access_token: FRESH, note: `was ${FRESH}` };
    const { err, all } = await failed({ status: 401, body });
    expect(err.detail).toBe(`token ${REDACTED} revoked`);
    expect(err.response?.body).toEqual({
      message: `token ${REDACTED} revoked`,
      access_token: REDACTED,
      note: `was ${REDACTED}`,
    });
    expect(findLeak({ all }, [FRESH])).toBeUndefined();
  });

  it('through normalizeResponse, which learns them for that call only', () => {
    const body = { message: `token ${FRESH} revoked`, refresh_token: FRESH };
    const err = normalizeResponse(acme, { status: 401, body, headers: { location: `/cb?code=${OTHER}` } });
    expect(err?.detail).toBe(`token ${REDACTED} revoked`);
    expect(findLeak(errorSurfaces(err), [FRESH, OTHER])).toBeUndefined();
    const later = normalizeResponse(acme, { status: 400, body: { message: `quoted ${FRESH} ${OTHER}` } });
    expect(later?.detail).toBe(`quoted ${FRESH} ${OTHER}`);
  });
});

describe('a known credential with one character spelled as an escape', () => {
  const spelled = (spelling: string): string => `${TOKEN.slice(0, 2)}${spelling}${TOKEN.slice(3)}`;

  it.each([
    ['a JSON escape in text', 'text/plain', `{"error":"bad ${spelled('\\u005f')}"}`],
    ['a JSON escape in invalid JSON', 'application/json', `{"error":"bad ${spelled('\\u005F')}"`],
    ['a decimal HTML reference', 'text/plain', `bad ${spelled('&#95;')}`],
    ['a hex HTML reference in a page', 'text/html', `<html><body><p>bad ${spelled('&#x5f;')}</p></body></html>`],
    ['a percent-encoded unreserved character', 'text/plain', `bad ${spelled('%5F')}`],
  ])('%s', async (_label, type, text) => {
    const { err, all } = await failed({ status: 400, body: text, headers: { 'content-type': type } });
    expect(err.detail).toContain(REDACTED);
    expect(findLeak({ all }, [TOKEN.slice(3)])).toBeUndefined();
  });

  it('text holding escapes but no secret keeps its spelling', async () => {
    const { err } = await failed({
      status: 400,
      body: 'caf\\u00e9 &#233; 100%25',
      headers: { 'content-type': 'text/plain' },
    });
    expect(err.detail).toBe('caf\\u00e9 &#233; 100%25');
  });
});
