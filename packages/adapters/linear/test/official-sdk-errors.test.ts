import { normalizeError, normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { linear, readLinearSdkError } from '../src/index';

// `@linear/sdk`'s errors, built as linear/linear@8335e09a17dd8aa351dace3d05a94a55e78dad2a builds them:
// packages/sdk/src/graphql-client.ts (`getResult`: JSON only for an `application/json` type, else the text;
// `GraphQLClientError` with `{ ...result or { error: text }, status, headers }` and `{ query, variables }`) and
// packages/sdk/src/error.ts (`LinearError` keeps `type`, `errors`, `status`, `data`, `query`, `variables` and `raw`).
class GraphQLClientError extends Error {
  constructor(
    public response: Record<string, unknown>,
    public request: { query: string; variables?: Record<string, unknown> },
  ) {
    super(`GraphQL Error (Code: ${String(response.status)})`);
  }
}
class RatelimitedLinearError extends Error {
  type = 'Ratelimited';
  errors: unknown[];
  status: unknown;
  data: unknown;
  raw: GraphQLClientError;
  constructor(raw: GraphQLClientError) {
    super('Rate limit exceeded');
    this.raw = raw;
    this.errors = [];
    this.status = raw.response.status;
    this.data = raw.response.data;
  }
}

const QUERY = { query: 'query { viewer { id } }', variables: {} };

/** What the SDK throws for an answer, or undefined where it resolves (`response.ok && !errors && data`). */
function sdkError(status: number, headers: Record<string, string>, body: unknown) {
  const json = headers['content-type']?.startsWith('application/json') === true;
  // `getResult` parses a JSON answer (`response.json()`): a recording keeps that answer as its text.
  const parsed = json && typeof body === 'string' ? (JSON.parse(body) as unknown) : body;
  const result = json ? (parsed as Record<string, unknown>) : { error: typeof body === 'string' ? body : '' };
  if (status < 300 && result.errors === undefined && result.data) return undefined;
  return new GraphQLClientError({ ...result, status, headers: new Headers(headers) }, QUERY);
}

afterEach(() => vi.useRealTimers());

describe('errors of @linear/sdk', () => {
  const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

  it('throws for every error fixture (the SDK resolves only a 2xx with data and no errors)', () => {
    const thrown = fixtures.filter((f) => sdkError(f.response.status, { ...f.response.headers }, f.response.body));
    expect(thrown.length).toBeGreaterThanOrEqual(fixtures.filter((f) => f.expected !== null).length);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: the same reading as over HTTP', (_, f) => {
    vi.useFakeTimers({ now: f.now === undefined ? Date.UTC(2026, 10, 26) : Date.parse(f.now) });
    const { status, headers = {}, body } = f.response;
    const thrown = sdkError(status, headers as Record<string, string>, body);
    if (thrown === undefined) return void expect(status).toBeLessThan(300);
    const url = 'https://api.linear.app/graphql';
    const overHttp = normalizeResponse(linear, { status, headers, body, method: 'POST', url });
    expect(normalizeError(linear, thrown)).toEqual(overHttp);
    expect(normalizeError(linear, new RatelimitedLinearError(thrown))).toEqual(overHttp);
  });

  it('reads the raw answer of a rate limit, not the SDK reading', () => {
    const body = { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] };
    const raw = sdkError(400, { 'content-type': 'application/json', 'retry-after': '7' }, body);
    expect(raw).toBeDefined();
    const err = normalizeError(linear, new RatelimitedLinearError(raw as GraphQLClientError));
    expect(err).toMatchObject({ kind: 'rate_limited', code: 'RATELIMITED', retryAfterMs: 7000, status: 400 });
    expect(
      readLinearSdkError(sdkError(502, { 'content-type': 'text/html' }, '<html>Bad gateway</html>')),
    ).toMatchObject({
      status: 502,
      body: '<html>Bad gateway</html>',
      method: 'POST',
    });
  });

  it('reads nothing from other errors', () => {
    const noQuery = Object.assign(new Error('x'), { response: { status: 500 }, request: {} });
    for (const other of [new Error('x'), noQuery, { raw: { response: { status: 500 } } }, null, 'x']) {
      expect(readLinearSdkError(other)).toBeUndefined();
    }
  });
});
