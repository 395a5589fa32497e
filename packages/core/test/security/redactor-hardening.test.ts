// Unit tests of the redaction fixes the secrets property test led to: each case is one leak it found.
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../src/adapter/generic-adapter';
import { classifyResponse } from '../../src/classify/classify-response';
import { toHeaderMap } from '../../src/classify/header-map';
import { normalizeResponse } from '../../src/classify/normalize-response';
import { createClient } from '../../src/client/create-client';
import type { ApiError } from '../../src/errors/api-error';
import { createRedactor, MAX_KEPT_BODY_CHARS, REDACTED } from '../../src/errors/redact';

describe('redactor: spellings of a secret', () => {
  const secret = "Zq!a b'(c)*~d";

  it.each([
    ['raw', secret],
    ['encodeURIComponent', encodeURIComponent(secret)],
    ['encodeURIComponent with + for spaces', encodeURIComponent(secret).replaceAll('%20', '+')],
    [
      'a URL query as the WHATWG serializer writes it',
      new URL(`https://x.test/?k=${encodeURIComponent(secret)}`).search.slice(3),
    ],
    ['form encoding (URLSearchParams)', new URLSearchParams({ k: secret }).toString().slice(2)],
    [
      'RFC 3986 strict',
      encodeURIComponent(secret).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    ],
  ])('scrubs the %s form', (_label, form) => {
    const r = createRedactor({ secrets: [secret] });
    expect(r.text(`before ${form} after`)).toBe(`before ${REDACTED} after`);
  });

  it.each([
    ["PHP's json_encode (`\\/`)", 'Zq/a/b_secret', 'Zq\\/a\\/b_secret'],
    ["Go's encoding/json (`\\u0026`, `\\u003c`)", 'Zq&a<b_secret', 'Zq\\u0026a\\u003cb_secret'],
  ])('scrubs a secret in JSON text that is not parsed, escaped as %s writes it', (_label, value, form) => {
    const r = createRedactor({ secrets: [value] });
    expect(r.text(`{"message":"bad ${form}"}`)).toBe(`{"message":"bad ${REDACTED}"}`);
  });

  it('scrubs the form escaped inside a JSON string (a message quoting the value)', () => {
    const quoted = 'Zq"quote\\back';
    const r = createRedactor({ secrets: [quoted] });
    expect(r.text(`received ${JSON.stringify(quoted)}`)).toBe(`received "${REDACTED}"`);
  });
});

describe('redactor: URLs', () => {
  it('remembers the userinfo and secret query values it removes, so echoes elsewhere are scrubbed', () => {
    const r = createRedactor();
    expect(r.url('https://alice:Zq%2Fpass1@api.x.test/a?access_token=Zq_tok_123&page=2')).toBe(
      `https://api.x.test/a?access_token=${REDACTED}&page=2`,
    );
    expect(r.text('echo Zq/pass1 and Zq_tok_123 and Zq%2Fpass1')).toBe(
      `echo ${REDACTED} and ${REDACTED} and ${REDACTED}`,
    );
  });

  it('strips userinfo and secret parameters from a URL the parser refuses', () => {
    const r = createRedactor();
    const out = r.url('https://bob:Zq_pw_9@api.x.testhttps://evil.test/?api_key=Zq_k_1&x=1');
    expect(out).not.toContain('Zq_pw_9');
    expect(out).not.toContain('Zq_k_1');
    expect(out).toContain('x=1');
  });

  it('never registers its own placeholder', () => {
    const r = createRedactor();
    r.url(`https://x.test/?token=${REDACTED}`);
    expect(r.text('[REDACTED] stays readable')).toBe('[REDACTED] stays readable');
  });
});

describe('redactor: bounded memory of secrets', () => {
  it('keeps the 64 most recently seen secrets, so a token refreshed forever does not grow it', () => {
    const r = createRedactor();
    r.addSecret('Zq_first_token');
    for (let i = 0; i < 200; i++) {
      r.addSecret(`Zq_refreshed_${i}_token`);
      // The long-lived credential is seen on every attempt, which keeps it.
      r.addSecret('Zq_first_token');
    }
    expect(r.text('Zq_first_token')).toBe(REDACTED);
    expect(r.text('Zq_refreshed_199_token')).toBe(REDACTED);
    expect(r.text('Zq_refreshed_100_token')).toBe('Zq_refreshed_100_token');
  });
});

describe('redactor: bodies', () => {
  it('scrubs a string before cutting it, so a secret across the cut leaves no piece', () => {
    const secret = 'Zq_secret_across_the_cut';
    const r = createRedactor({ secrets: [secret] });
    for (const shift of [0, 5, 10, 20]) {
      const text = `${'x'.repeat(MAX_KEPT_BODY_CHARS - shift)}${secret}`;
      expect(r.body(text)).not.toMatch(/Zq_sec/);
      expect(JSON.stringify(r.body({ a: text }))).not.toMatch(/Zq_sec/);
    }
  });

  it('scrubs keys as well as values', () => {
    const r = createRedactor({ secrets: ['Zq_key_as_name'] });
    expect(r.body({ Zq_key_as_name: 'invalid' })).toEqual({ [REDACTED]: 'invalid' });
  });
});

describe('classification: redact, then cut (FAULTS: secrets in error bodies)', () => {
  // A token with `/` and `&`, as base64 and URL-ish tokens have. JSON may spell them `\/` and `\u0026`
  // (PHP's json_encode and Go's encoding/json do by default), so the raw bytes never hold the secret's
  // own spelling; only the decoded text does.
  const secret = 'Zq/tok&en_0123456789abcdef';
  const escaped = secret.replaceAll('/', '\\/').replaceAll('&', '\\u0026');
  /** Every 6-character piece of the secret, the bar FAULTS 6 sets. */
  const pieces = Array.from({ length: secret.length - 5 }, (_, i) => secret.slice(i, i + 6));
  const expectNoPiece = (text: string | undefined) => {
    for (const piece of pieces) expect(text ?? '').not.toContain(piece);
  };
  /** A body whose message holds the secret across character 500, where messages are cut. */
  const bodyBytes = new TextEncoder().encode(`{"message":"${'m'.repeat(490)} ${escaped} tail","code":"bad"}`);

  it('keeps no piece of a JSON-escaped secret that straddles the message cut (normalizeResponse)', () => {
    const err = normalizeResponse(genericAdapter, {
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: bodyBytes,
      url: `https://api.x.test/v1/a?api_key=${encodeURIComponent(secret)}`,
    });
    expect(err?.detail).toBe(`${'m'.repeat(490)} ${REDACTED}`.slice(0, 500));
    expectNoPiece(err?.detail);
    expectNoPiece(JSON.stringify(err?.response));
  });

  it('keeps no piece of it through the client, which reads the raw bytes once', async () => {
    const client = createClient(genericAdapter, {
      baseUrl: 'https://api.x.test',
      rateLimit: false,
      retry: { maxRetries: 0 },
      auth: { token: secret },
      fetch: (async () =>
        new Response(bodyBytes, { status: 400, headers: { 'content-type': 'application/json' } })) as typeof fetch,
    });
    const err = await client.get('/v1/a').catch((e: unknown) => e as ApiError);
    expect(err).toMatchObject({ kind: 'validation', code: 'bad' });
    expectNoPiece((err as ApiError).detail);
    expectNoPiece(JSON.stringify((err as ApiError).toJSON()));
    expectNoPiece(JSON.stringify((err as ApiError).response));
  });

  it('keeps no piece of a secret cut out of an HTML page summary', () => {
    const r = createRedactor({ secrets: [secret] });
    const html = `<html><title>${'t'.repeat(190)}${secret.replaceAll('&', '&amp;')}</title></html>`;
    const { classification } = classifyResponse(
      genericAdapter,
      { status: 503, headers: toHeaderMap({ 'content-type': 'text/html' }), body: html, method: 'GET', url: '/' },
      r,
    );
    expect(classification?.message?.startsWith('t'.repeat(190))).toBe(true);
    expectNoPiece(classification?.message);
  });

  it('keeps no piece of a secret that markup in an HTML body would split (a `<` read as a tag)', () => {
    const tagged = 'Zq<b>tagged_secret';
    const r = createRedactor({ secrets: [tagged] });
    const { classification } = classifyResponse(
      genericAdapter,
      {
        status: 400,
        headers: toHeaderMap({}),
        body: `<html><body>bad ${tagged}</body></html>`,
        method: 'GET',
        url: '/',
      },
      r,
    );
    expect(classification?.message).toBe(`bad ${REDACTED}`);
  });

  it('redacts a rate-limit scope before cutting it to 100 characters', () => {
    const r = createRedactor({ secrets: ['Zq_scope_secret_value'] });
    const { readings } = classifyResponse(
      genericAdapter,
      {
        status: 200,
        headers: toHeaderMap({ 'x-ratelimit-scope': `${'s'.repeat(95)}Zq_scope_secret_value` }),
        body: undefined,
        method: 'GET',
        url: '/',
      },
      r,
    );
    expect(readings.rateLimit?.scope).toBe(`${'s'.repeat(95)}[REDA`);
  });

  it('redacts a header value before the request id is split at its comma', () => {
    const r = createRedactor({ secrets: ['Zq_a,b_secret'] });
    const { readings } = classifyResponse(
      genericAdapter,
      {
        status: 200,
        headers: toHeaderMap({ 'x-request-id': 'Zq_a,b_secret' }),
        body: undefined,
        method: 'GET',
        url: '/',
      },
      r,
    );
    expect(readings.requestId).toBe(REDACTED);
  });
});
