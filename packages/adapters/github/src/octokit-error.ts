import type { ResponseInput } from '@rosetta/core';

const BASE = 'https://api.github.com';

/** `@octokit/request-error` `RequestError` (name `HttpError`): `status`, `request`, and `response` when one came. */
interface RequestErrorShape {
  readonly status: number;
  readonly request?: { readonly method?: string; readonly url?: string };
  readonly response?: { readonly headers?: Readonly<Record<string, string>>; readonly data?: unknown };
}

/** `@octokit/graphql` `GraphqlResponseError`: a 200 whose body has `errors`, with its headers. */
interface GraphqlErrorShape {
  readonly headers?: Readonly<Record<string, string>>;
  readonly response?: unknown;
}

/**
 * Reads Octokit's errors as the responses they carry: a `RequestError` (`@octokit/request-error` src/index.ts; thrown
 * by `@octokit/request` fetch-wrapper for every status >= 400 and 304) with its `status`, `response.headers` and
 * `response.data`; a `GraphqlResponseError` (`@octokit/graphql` src/error.ts) as the HTTP 200 it was, with its
 * `headers` and the whole body (`data` and `errors`). A `RequestError` without `response` is a failed fetch: no
 * response to read.
 */
export function readOctokitError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'HttpError') {
    const { status, request, response } = error as Error & Partial<RequestErrorShape>;
    if (typeof status !== 'number' || response === undefined) return undefined;
    // A binary error body arrives as an ArrayBuffer (fetch-wrapper getResponseData).
    const data = response.data instanceof ArrayBuffer ? new Uint8Array(response.data) : response.data;
    return { status, headers: response.headers ?? {}, body: data, ...requestOf(request) };
  }
  if (error.name === 'GraphqlResponseError') {
    // Its `request` holds the query and variables only: the answer was a POST to the GraphQL endpoint.
    const { headers, response } = error as Error & GraphqlErrorShape;
    return { status: 200, headers: headers ?? {}, body: response, method: 'POST', url: `${BASE}/graphql` };
  }
  return undefined;
}

/** The request's method and absolute URL (its path decides some readings). */
function requestOf(request: { readonly method?: string; readonly url?: string } | undefined) {
  return {
    ...(typeof request?.method === 'string' ? { method: request.method } : {}),
    ...(typeof request?.url === 'string' && URL.canParse(request.url, BASE)
      ? { url: new URL(request.url, BASE).href }
      : {}),
  };
}
