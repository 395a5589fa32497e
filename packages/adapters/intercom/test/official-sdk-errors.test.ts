import { normalizeError, normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { intercom, readIntercomSdkError } from '../src/index';

// `IntercomError` as intercom/intercom-node@86d57815b702f461daf32aaebe665224a64a0a1b builds it:
// src/errors/IntercomError.ts (`statusCode`, `body`, `rawResponse`), thrown by the generated clients
// (src/api/resources/*/client/Client.ts: the parsed body for a "status-code" error) and by
// src/errors/handleNonStatusCodeError.ts ("non-json": the raw text; "body-is-null": no body; "unknown": no status),
// with src/core/fetcher/RawResponse.ts `toRawResponse` (headers, redirected, status, statusText, type, url).
class IntercomError extends Error {
  readonly statusCode?: number | undefined;
  readonly body?: unknown;
  readonly rawResponse?: Record<string, unknown> | undefined;
  constructor(p: { message?: string; statusCode?: number; body?: unknown; rawResponse?: Record<string, unknown> }) {
    super(p.message ?? `Status code: ${p.statusCode}`);
    this.statusCode = p.statusCode;
    this.body = p.body;
    this.rawResponse = p.rawResponse;
  }
}

const BASE = 'https://api.intercom.io';
const rawResponse = (status: number, headers: Record<string, string>, url: string) => ({
  headers: new Headers(headers),
  redirected: false,
  status,
  statusText: '',
  type: 'basic',
  url,
});

afterEach(() => vi.useRealTimers());

describe('errors of intercom-client', () => {
  const fixtures = loadFixtures(new URL('./fixtures', import.meta.url)).filter((f) => f.response.status >= 400);

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: the same reading as over HTTP', (_, f) => {
    vi.useFakeTimers({ now: f.now === undefined ? Date.UTC(2026, 10, 26) : Date.parse(f.now) });
    const { status, headers = {}, body } = f.response;
    const url = `${BASE}${f.request.path}`;
    const raw = rawResponse(status, headers as Record<string, string>, url);
    const thrown = new IntercomError({ statusCode: status, ...(body === undefined ? {} : { body }), rawResponse: raw });
    const overHttp = normalizeResponse(intercom, { status, headers, body, url });
    expect(normalizeError(intercom, thrown)).toEqual(overHttp);
  });

  it('reads nothing without a status: a failed connection, an abort, other errors', () => {
    const unknown = new IntercomError({ message: 'fetch failed', rawResponse: rawResponse(0, {}, '') });
    expect(readIntercomSdkError(unknown)).toBeUndefined();
    for (const other of [new Error('x'), Object.assign(new Error('x'), { statusCode: 500 }), null, 'x']) {
      expect(readIntercomSdkError(other)).toBeUndefined();
    }
    const text = new IntercomError({
      statusCode: 502,
      body: '<html>Bad Gateway</html>',
      rawResponse: rawResponse(502, {}, ''),
    });
    expect(readIntercomSdkError(text)).toMatchObject({ status: 502, body: '<html>Bad Gateway</html>' });
    expect(normalizeError(intercom, text)?.kind).toBe('unavailable');
  });
});
