import type { HeadersInput, ResponseInput } from '@rosetta/core';

/** `HttpResponseError.response` (`HttpResponseData`): the headers are canonicalized, each a list of values. */
interface HttpResponseData {
  readonly code?: unknown;
  readonly statusText?: unknown;
  readonly body?: unknown;
  readonly headers?: unknown;
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null;

/** Where the SDK's GraphQL calls go when its `Response` keeps no URL: the path decides a 200's reading. */
const GRAPHQL_URL = 'https://{shop}.myshopify.com/admin/api/2025-10/graphql.json';

/**
 * Reads `@shopify/shopify-api`'s errors (Shopify/shopify-app-js@ef2043d4a8c4ca0adb9020d76090b2fb94979dab
 * packages/apps/shopify-api/lib/error.ts; thrown by lib/clients/common.ts `throwFailedRequest`) as the answer they
 * carry. `HttpResponseError` (and `HttpThrottlingError`, `HttpInternalError`) keeps `response.code` (the status),
 * `statusText`, `headers` and `body`: the REST client's parsed body, or the GraphQL clients' own result
 * (`{ errors: { networkStatusCode, message, response } }`, from `@shopify/admin-api-client`), which holds no body of
 * Shopify's: only the status and headers are read then. `GraphqlQueryError` (a 200 with GraphQL errors) keeps the
 * fetch `response`, the `headers` and that result as `body`, whose `errors.graphQLErrors` are the answer's `errors`.
 *
 * @example
 * try { await client.request(query); } catch (err) { throw normalizeError(shopify, err); }
 */
export function readShopifySdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error)) return undefined;
  const { response, headers, body } = error as Error & { response?: unknown; headers?: unknown; body?: unknown };
  if (!isObject(response)) return undefined;
  const r = response as HttpResponseData & { status?: unknown; url?: unknown };
  if (typeof r.code === 'number' && typeof r.statusText === 'string') {
    const client = isObject(r.body) && isObject(r.body.errors) && 'networkStatusCode' in r.body.errors;
    return {
      status: r.code,
      ...(isObject(r.headers) ? { headers: r.headers as HeadersInput } : {}),
      ...(client || r.body === undefined ? {} : { body: r.body }),
    };
  }
  const errors = isObject(body) && isObject(body.errors) ? body.errors.graphQLErrors : undefined;
  if (typeof r.status !== 'number' || !Array.isArray(errors) || !isObject(body)) return undefined;
  const { data, extensions } = body;
  return {
    status: r.status,
    ...(isObject(headers) ? { headers: headers as HeadersInput } : {}),
    body: { ...(data === undefined ? {} : { data }), errors, ...(extensions === undefined ? {} : { extensions }) },
    method: 'POST',
    url: typeof r.url === 'string' && /\/graphql\.json$/.test(r.url) ? r.url : GRAPHQL_URL,
  };
}
