import type { HeadersInput, ResponseInput } from '@rosetta/core';

/** What `@linear/sdk`'s `GraphQLClientError` keeps of an answer (`LinearRawResponse`, packages/sdk/src/types.ts). */
interface RawResponse {
  readonly status?: unknown;
  readonly headers?: unknown;
  readonly data?: unknown;
  readonly errors?: unknown;
  readonly extensions?: unknown;
  /** The body's text when it was not JSON. */
  readonly error?: unknown;
}

/** The SDK's one endpoint: the error keeps no URL, and every call is a POST to it (`LinearGraphQLClient`). */
const GRAPHQL_URL = 'https://api.linear.app/graphql';

/**
 * Reads `@linear/sdk`'s errors (linear/linear@8335e09a17dd8aa351dace3d05a94a55e78dad2a packages/sdk/src/error.ts,
 * src/graphql-client.ts) as the answer they came from. `LinearError` and its subclasses (`RatelimitedLinearError`...)
 * keep the SDK's own `type`, the parsed `errors` and `status`, and as `raw` the `GraphQLClientError` they were parsed
 * from, which `LinearGraphQLClient.request` also throws as is: its `response` has the `status`, the `headers` (a
 * `Headers`), and the body's `data`, `errors` (as Linear sent them, `extensions.type` and all) and `extensions`, or
 * `error`, the text of a body that was not JSON; its `request` the `query` and `variables`. The raw answer is read,
 * not the SDK's reading of it, so the same response gets the same kind as over HTTP.
 *
 * @example
 * try { await sdk.issue('ENG-1'); } catch (err) { throw normalizeError(linear, err); }
 */
export function readLinearSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error)) return undefined;
  const raw = (error as { raw?: unknown }).raw ?? error;
  const { response, request } = raw as { response?: RawResponse; request?: { query?: unknown } };
  if (typeof response !== 'object' || response === null || typeof request?.query !== 'string') return undefined;
  const { status, headers, data, errors, extensions, error: text } = response;
  if (typeof status !== 'number') return undefined;
  const body =
    typeof text === 'string'
      ? text
      : Object.fromEntries(Object.entries({ data, errors, extensions }).filter(([, v]) => v !== undefined));
  return {
    status,
    ...(typeof headers === 'object' && headers !== null ? { headers: headers as HeadersInput } : {}),
    body,
    method: 'POST',
    url: GRAPHQL_URL,
  };
}
