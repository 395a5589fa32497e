import { normalizeError, normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { microsoftGraph, readGraphSdkError } from '../src/index';

// `GraphError` as microsoftgraph/msgraph-sdk-javascript@bfb564afcd4cad6d79a2294c91427d076213d092 builds it:
// src/GraphError.ts (`statusCode`, `code`, `requestId`, `date`, `headers`, `body`) and src/GraphErrorHandler.ts
// `getError`, given what src/GraphResponseHandler.ts threw for a non-2xx (the parsed JSON for a JSON type, else the
// text) and the raw `Response`. The constructor and the three branches, copied.
class GraphError extends Error {
  statusCode: number;
  code: string | null = null;
  requestId: string | null = null;
  date = new Date();
  headers?: Headers;
  body: unknown = null;
  constructor(statusCode = -1, message?: string, baseError?: Error) {
    super(message || baseError?.message);
    this.statusCode = statusCode;
  }
}

function getError(error: unknown, statusCode?: number, rawResponse?: { headers: Headers }): GraphError {
  const graph = error as { error?: { code: string; message: string; innerError?: Record<string, string> } } | null;
  if (graph?.error) {
    const inner = graph.error;
    const g = new GraphError(statusCode, inner.message);
    g.code = inner.code;
    if (inner.innerError !== undefined) {
      g.requestId = inner.innerError['request-id'] ?? null;
      g.date = new Date(inner.innerError.date ?? '');
    }
    g.body = JSON.stringify(inner);
    if (rawResponse) g.headers = rawResponse.headers;
    return g;
  }
  if (error instanceof Error) {
    const g = new GraphError(statusCode, '', error);
    g.code = error.name;
    g.body = error.toString();
    if (rawResponse) g.headers = rawResponse.headers;
    return g;
  }
  const g = new GraphError(statusCode);
  g.body = error;
  return g;
}

/**
 * What src/GraphResponseHandler.ts `convertResponse` throws for a non-2xx: `json()` for `application/json` (a
 * `SyntaxError` for an empty or broken body), `text()` for `text/plain`, else the unread stream (`rawResponse.body`).
 */
function thrownFor(status: number, headers: Record<string, string>, body: unknown): GraphError {
  const mime = (headers['content-type'] ?? '').split(';')[0];
  const raw = { headers: new Headers(headers) };
  if (mime === 'application/json') {
    const parsed = typeof body === 'object' && body !== null ? body : new SyntaxError('Unexpected end of JSON input');
    return getError(parsed, status, raw);
  }
  if (mime === 'text/plain') return getError(typeof body === 'string' ? body : '', status, raw);
  return getError(new ReadableStream(), status, raw);
}

afterEach(() => vi.useRealTimers());

describe('errors of @microsoft/microsoft-graph-client', () => {
  const fixtures = loadFixtures(new URL('./fixtures', import.meta.url)).filter((f) => f.response.status >= 400);

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: the same kind as over HTTP', (_, f) => {
    vi.useFakeTimers({ now: f.now === undefined ? Date.UTC(2026, 10, 26) : Date.parse(f.now) });
    const { status, headers = {}, body } = f.response;
    const thrown = thrownFor(status, headers as Record<string, string>, body);
    const overHttp = normalizeResponse(microsoftGraph, { status, headers, body, method: f.request.method });
    const err = normalizeError(microsoftGraph, thrown);
    expect(err?.kind).toBe(overHttp?.kind);
    // A Graph error body comes back whole, headers and all: the very same reading.
    if (typeof body === 'object' && body !== null && 'error' in body && f.request.method === 'GET') {
      expect(err).toEqual(overHttp);
    }
  });

  it('reads the status alone after an Error on the way, and nothing without a status', () => {
    const parse = getError(new SyntaxError('Unexpected token < in JSON'), 502, { headers: new Headers() });
    expect(readGraphSdkError(parse)).toEqual({ status: 502, headers: parse.headers });
    expect(readGraphSdkError(getError(new TypeError('fetch failed')))).toBeUndefined();
    for (const other of [new Error('x'), Object.assign(new Error('x'), { statusCode: 500, requestId: null }), null]) {
      expect(readGraphSdkError(other)).toBeUndefined();
    }
  });
});
