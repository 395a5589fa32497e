// Secrets Rosetta cannot infer, and spellings of known ones, found by a hostile-tester pass (docs/security.md,
// "Errors, events and logs hold no credential"): each case leaked before its fix.
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { genericAdapter } from '../../src/adapter/generic-adapter';
import { normalizeResponse } from '../../src/classify/normalize-response';
import { createClient } from '../../src/client/create-client';
import type { ApiError } from '../../src/errors/api-error';
import { createRedactor, REDACTED } from '../../src/errors/redact';
import { caught } from '../engine/caught';
import { errorSurfaces, findLeak, payloadSurfaces } from './leak-check';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });

/** Every surface of an error, `String(err)` included. */
function surfaces(err: ApiError): Record<string, string> {
  return { ...errorSurfaces(err), string: String(err) };
}

describe('the `secrets` option: a webhook URL whose path is the credential', () => {
  // The shape of Slack's incoming-webhook URL (https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks);
  // Discord's is /api/webhooks/<id>/<token>. `Z` every few characters, as leak-check.ts requires.
  const TOKEN = 'ZqXXXXZxxxxZyyyyZzzzZ1';
  const HOOK = `https://hooks.slack.com/services/T000/B000/${TOKEN}`;

  it('scrubs the token from the URL, the message, an echo, a thrown error, every event and the logger', async () => {
    const t = createScriptedFetch([{ status: 404, body: `no_service ${TOKEN}` }]);
    const logged: unknown[] = [];
    const log = (obj: object, msg?: string) => void logged.push(obj, msg);
    const client = createClient(genericAdapter, {
      baseUrl: HOOK,
      fetch: t.fetch,
      retry: false,
      secrets: [TOKEN, undefined],
      logger: { debug: log, info: log, warn: log, error: log },
    });
    const payloads: unknown[] = [];
    for (const event of ['request', 'response', 'error'] as const) client.on(event, (p) => payloads.push(p));
    const err = await caught(client.post('', { body: { text: 'hi' } }));
    expect(err.request?.url).toBe(`https://hooks.slack.com/services/T000/B000/${REDACTED}`);
    expect(err.message).toBe(`generic POST /services/T000/B000/${REDACTED} failed: 404 no_service ${REDACTED}`);
    expect(findLeak(surfaces(err), [TOKEN])).toBeUndefined();
    expect(payloads).toHaveLength(3);
    expect(findLeak({ events: [...payloads, ...logged].flatMap(payloadSurfaces).join('\n') }, [TOKEN])).toBeUndefined();

    // A hook quoting the request's URL in what it throws.
    const hooked = createClient(genericAdapter, {
      baseUrl: HOOK,
      retry: false,
      secrets: [TOKEN],
      hooks: {
        beforeRequest: [
          (request: Request) => {
            throw new Error(`refused ${request.url}`);
          },
        ],
      },
    });
    const thrown = await caught(hooked.post('', { body: {} }));
    expect(thrown.message).toContain(`refused https://hooks.slack.com/services/T000/B000/${REDACTED}`);
    expect(findLeak(surfaces(thrown), [TOKEN])).toBeUndefined();
  });

  it('a whole URL given as the secret hides the URL', async () => {
    const client = createClient(genericAdapter, {
      baseUrl: HOOK,
      retry: false,
      secrets: [HOOK],
      fetch: createScriptedFetch([{ status: 400, body: 'invalid_payload' }]).fetch,
    });
    const err = await caught(client.post('', { body: {} }));
    expect(err.request?.url).toBe(REDACTED);
    expect(findLeak(surfaces(err), [TOKEN])).toBeUndefined();
  });
});

describe('spellings of a known credential', () => {
  const SECRET = 'Zq_liveZ4xZ9kwZ&<>"Zp/Z';

  it('percent-encoded twice (a URL quoting it, itself a query value)', () => {
    const r = createRedactor({ secrets: [SECRET] });
    const twice = encodeURIComponent(encodeURIComponent(SECRET));
    expect(r.text(`?next=${twice}&x=1`)).toBe(`?next=${REDACTED}&x=1`);
  });

  it('the user name and password of a `Basic` header given by hand, as the `auth` option scrubs them', async () => {
    const [user, password] = ['Zq_userZ1bZ', 'Zq_pwZ9kZab:Zc'];
    const basic = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const answer = { status: 401, body: { message: `bad password ${password} for ${user}` } };
    const client = createClient(acme, {
      fetch: createScriptedFetch([answer]).fetch,
      retry: false,
      headers: { Authorization: basic },
    });
    const err = await caught(client.get('/x'));
    expect(err.detail).toBe(`bad password ${REDACTED} for ${REDACTED}`);
    // normalizeResponse's `secrets` (an SDK error's kept Authorization) reads it the same way.
    const normalized = normalizeResponse(acme, { status: 401, body: answer.body, secrets: [basic] });
    expect(normalized?.detail).toBe(`bad password ${REDACTED} for ${REDACTED}`);
  });

  it('an abort reason that is no Error, quoting the credential, is never kept', async () => {
    const client = createClient(acme, { auth: { token: SECRET }, fetch: createScriptedFetch([{ status: 200 }]).fetch });
    for (const reason of [{ message: `left ${SECRET}`, toString: () => SECRET }, `left ${SECRET}`]) {
      const err = await caught(client.get('/x', { signal: AbortSignal.abort(reason) }));
      expect(err).toMatchObject({ kind: 'aborted', code: 'aborted' });
      expect(err.cause).toBeUndefined();
      expect(findLeak(surfaces(err), [SECRET])).toBeUndefined();
    }
  });

  it('nothing of a cause chain or an AggregateError survives but the scrubbed top message', async () => {
    const inner = new Error(`deep https://u:${encodeURIComponent(SECRET)}@x.test/?q=${SECRET}`);
    const thrown = new AggregateError([new Error(SECRET), inner], `several ${SECRET}`, {
      cause: new Error(SECRET, { cause: inner }),
    });
    const client = createClient(acme, {
      auth: { token: SECRET },
      retry: false,
      fetch: (async () => {
        throw thrown;
      }) as typeof fetch,
    });
    const err = await caught(client.get('/x'));
    expect(err.cause).toMatchObject({ name: 'AggregateError', message: `several ${REDACTED}` });
    expect(err.cause).not.toHaveProperty('errors');
    expect(findLeak(surfaces(err), [SECRET])).toBeUndefined();
  });
});

describe('the shortest secret scrubbed from free text is 4 characters', () => {
  it('a 3-character value is no needle (it would blank pieces of every word); 4 characters are, even inside words', () => {
    const r = createRedactor({ secrets: ['Zq1', 'Zq_4'] });
    expect(r.text('Zq1 stays, Zq_4 and xZq_4x go')).toBe(`Zq1 stays, ${REDACTED} and x${REDACTED}x go`);
  });

  it('a short credential is still cut out of a URL by its place (query value, user info), whatever its length', () => {
    const r = createRedactor();
    expect(r.url('https://u:pw@api.x.test/a?token=ab&page=2')).toBe(`https://api.x.test/a?token=${REDACTED}&page=2`);
  });
});
