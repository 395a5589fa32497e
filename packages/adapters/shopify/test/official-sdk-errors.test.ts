import { normalizeError, normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readShopifySdkError, shopify } from '../src/index';

// `@shopify/shopify-api`'s errors as Shopify/shopify-app-js@ef2043d4a8c4ca0adb9020d76090b2fb94979dab builds them:
// packages/apps/shopify-api/lib/error.ts (`HttpResponseError.response` { code, statusText, body, headers };
// `GraphqlQueryError` { response, headers, body }), lib/clients/common.ts `throwFailedRequest` (headers through
// runtime/http/headers.ts `canonicalizeHeaders`: `X-Request-Id: ['...']`), the REST client's parsed body
// (lib/clients/admin/rest/client.ts) and the GraphQL result of packages/api-clients/graphql-client
// (src/graphql-client/graphql-client.ts `processJSONResponse`).
class HttpResponseError extends Error {
  readonly response: { code: number; statusText: string; body?: unknown; headers?: unknown };
  constructor(p: { message: string; code: number; statusText: string; body?: unknown; headers?: unknown }) {
    super(p.message);
    this.response = { code: p.code, statusText: p.statusText, body: p.body, headers: p.headers };
  }
}
class GraphqlQueryError extends Error {
  constructor(
    message: string,
    readonly response: Response,
    readonly headers: Record<string, string[]>,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

const canonical = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
const canonicalize = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [canonical(k), [v]]));

/** What the SDK throws for a fixture's answer, or undefined where it resolves. */
function thrownFor(path: string, status: number, headers: Record<string, string>, body: unknown): Error | undefined {
  const hdrs = canonicalize(headers);
  if (path.endsWith('/graphql.json')) {
    const { data, errors, extensions } = (body ?? {}) as Record<string, unknown>;
    if (status === 200 && !errors && data) return undefined;
    const response = new Response(null, { status, headers });
    const result = {
      ...(data === undefined ? {} : { data }),
      ...(extensions === undefined ? {} : { extensions }),
      headers: response.headers,
      errors: {
        networkStatusCode: status,
        message: 'GraphQL Client: An error occurred',
        ...(errors ? { graphQLErrors: errors } : {}),
        response,
      },
    };
    if (status === 200 && errors) return new GraphqlQueryError('Throttled', response, hdrs, result);
    return new HttpResponseError({ message: 'x', code: status, statusText: '', body: result, headers: hdrs });
  }
  if (status < 300) return undefined;
  return new HttpResponseError({ message: 'x', code: status, statusText: 'Error', body, headers: hdrs });
}

afterEach(() => vi.useRealTimers());

describe('errors of @shopify/shopify-api', () => {
  const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: the same kind as over HTTP', (_, f) => {
    vi.useFakeTimers({ now: f.now === undefined ? Date.UTC(2026, 10, 26) : Date.parse(f.now) });
    const { status, headers = {}, body } = f.response;
    const thrown = thrownFor(f.request.path, status, headers as Record<string, string>, body);
    if (thrown === undefined) return;
    const url = `https://{shop}.myshopify.com/admin/api/2025-10${f.request.path}`;
    const overHttp = normalizeResponse(shopify, { status, headers, body, method: f.request.method, url });
    expect(normalizeError(shopify, thrown)?.kind).toBe(overHttp?.kind);
  });

  it('reads a GraphQL 200 with errors as that answer, and a REST body whole', () => {
    const body = { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] };
    const thrown = thrownFor('/graphql.json', 200, { 'content-type': 'application/json' }, body);
    expect(readShopifySdkError(thrown)).toMatchObject({ status: 200, body, method: 'POST' });
    expect(normalizeError(shopify, thrown)).toMatchObject({ kind: 'rate_limited', code: 'THROTTLED' });
    const rest = thrownFor('/products/1.json', 404, { 'x-request-id': 'FAKE-1' }, { errors: 'Not Found' });
    expect(normalizeError(shopify, rest)).toMatchObject({ kind: 'not_found', requestId: 'FAKE-1' });
  });

  it('reads no body of Shopify’s from the GraphQL clients’ own result, and nothing from other errors', () => {
    const thrown = thrownFor('/graphql.json', 401, { 'content-type': 'application/json' }, { errors: 'Invalid' });
    expect(readShopifySdkError(thrown)).toEqual({ status: 401, headers: { 'Content-Type': ['application/json'] } });
    for (const other of [new Error('x'), Object.assign(new Error('x'), { response: { status: 500 } }), null]) {
      expect(readShopifySdkError(other)).toBeUndefined();
    }
  });
});
