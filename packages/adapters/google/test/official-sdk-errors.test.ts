// normalizeError(google, ...) on errors shaped exactly as gaxios (beneath googleapis and google-auth-library) throws
// them. gaxios is not a dependency: its GaxiosError (src/common.ts) is rebuilt here member for member.
import { normalizeError, normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { google } from '../src/index';

const GAXIOS_ERROR = Symbol.for('gaxios-gaxios-error');

/** gaxios 7's GaxiosError: the registered marker, `config` with a URL, `response` a fetch Response plus `data`. */
class GaxiosError extends Error {
  [GAXIOS_ERROR] = '7.1.1';
  status?: number;
  constructor(
    message: string,
    public config: { method: string; url: URL },
    public response?: { status: number; headers: Headers; data: unknown },
  ) {
    super(message);
    if (response) this.status = response.status;
  }
}

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

describe('normalizeError(google, GaxiosError) reads as normalizeResponse reads the response', () => {
  // gaxios rejects for a status its validateStatus refuses (anything outside 2xx); a 2xx it resolves.
  const errors = fixtures.filter((f) => f.expected !== null && f.response.status >= 300);

  it.each(errors.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const { method, path } = fixture.request;
    const url = new URL(path, google.baseUrl);
    const { status, headers = {}, body } = fixture.response;
    const thrown = new GaxiosError(
      'Request failed',
      { method, url },
      { status, headers: new Headers(headers), data: body },
    );
    const error = normalizeError(google, thrown);
    const direct = normalizeResponse(google, { ...fixture.response, method, url: url.href });
    expect(error?.kind).toBe(fixture.expected?.kind);
    expect(error?.kind).toBe(direct?.kind);
    expect(error?.code).toBe(direct?.code);
    expect(error?.status).toBe(status);
  });

  it('reads gaxios 6 errors too: plain-object headers, the name instead of the marker', () => {
    const old = Object.assign(new Error('Request failed'), {
      name: 'GaxiosError',
      config: { method: 'GET', url: 'https://www.googleapis.com/drive/v3/files' },
      response: {
        status: 429,
        headers: { 'Content-Type': 'application/json', 'Retry-After': '7' },
        data: { error: { code: 429, message: 'Rate Limit Exceeded', status: 'RESOURCE_EXHAUSTED' } },
      },
    });
    expect(normalizeError(google, old)).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7_000 });
  });

  it('reads an answer without headers, and a config without a URL (or without a parseable one)', () => {
    const bare = (config: Record<string, unknown> | undefined) =>
      Object.assign(new Error('Request failed'), {
        name: 'GaxiosError',
        config,
        response: { status: 403, data: { error: { code: 403, message: 'x', errors: [{ reason: 'domainPolicy' }] } } },
      });
    for (const config of [undefined, { method: 'GET' }, { method: 'GET', url: 'not a url' }]) {
      const error = normalizeError(google, bare(config));
      expect(error).toMatchObject({ kind: 'permission', code: 'domainPolicy', status: 403 });
      expect(error?.request?.url).not.toContain('not a url');
    }
  });

  it('is null for an error without an answer, or that is not gaxios', () => {
    expect(
      normalizeError(google, new GaxiosError('ECONNRESET', { method: 'GET', url: new URL(google.baseUrl) })),
    ).toBeNull();
    expect(normalizeError(google, new Error('GaxiosError'))).toBeNull();
    expect(normalizeError(google, undefined)).toBeNull();
  });
});

describe('the credential a GaxiosError still holds (gaxios without its errorRedactor)', () => {
  // A fake token; `Z` every few characters so that no 6-character piece occurs in Rosetta's own text.
  const TOKEN = 'ya29.ZfakeZtokenZ0123Z';
  const pieces = Array.from({ length: TOKEN.length - 5 }, (_, i) => TOKEN.slice(i, i + 6));
  const thrown = (headers: Headers | Record<string, string>) =>
    new GaxiosError(
      'Request failed',
      { method: 'GET', url: new URL('https://www.googleapis.com/drive/v3/files'), headers } as never,
      {
        status: 401,
        headers: new Headers({ 'content-type': 'application/json', 'www-authenticate': `Bearer token="${TOKEN}"` }),
        data: { error: { code: 401, message: `Invalid Credentials: ${TOKEN}`, status: 'UNAUTHENTICATED' } },
      },
    );

  it.each([
    ['a Headers (gaxios 7)', new Headers({ Authorization: `Bearer ${TOKEN}` })],
    ['a plain record (gaxios 6)', { Authorization: `Bearer ${TOKEN}` }],
    ["google-auth-library's apiKey header", { 'X-Goog-Api-Key': TOKEN }],
  ])('is scrubbed wherever the answer echoes it, read from %s', (_label, headers) => {
    const err = normalizeError(google, thrown(headers));
    expect(err).toMatchObject({ kind: 'authentication', detail: 'Invalid Credentials: [REDACTED]' });
    const everything = `${inspect(err, { depth: null, showHidden: true })} ${JSON.stringify(err)} ${err?.stack}`;
    for (const piece of pieces) expect(everything).not.toContain(piece);
  });
});
