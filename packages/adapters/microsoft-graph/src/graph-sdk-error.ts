import type { HeadersInput, ResponseInput } from '@rosetta/core';

/** The members `@microsoft/microsoft-graph-client`'s `GraphError` sets (src/GraphError.ts). */
interface GraphErrorShape {
  readonly statusCode: unknown;
  readonly code: unknown;
  readonly requestId: unknown;
  readonly body: unknown;
  readonly headers?: unknown;
}

/**
 * Reads `GraphError` of `@microsoft/microsoft-graph-client` (microsoftgraph/msgraph-sdk-javascript@bfb564afcd4cad6d79a2294c91427d076213d092
 * src/GraphError.ts, src/GraphErrorHandler.ts `getError`) as the answer it came from. A Graph error body gives
 * `statusCode`, `code`, `requestId`, the `headers` (a `Headers`) and as `body` its inner `error` object stringified:
 * it is read back as `{ error: {...} }`. Any other error body (a text or an object without `error`) is kept as `body`
 * with `code: null` and no headers (an unread stream, for a type the SDK does not parse, is no body). An `Error` on the way (a failed connection, a body that was not JSON) keeps its
 * `name` as `code` and its `toString()` as `body`: only the status is read then, and without one (`statusCode: -1`)
 * nothing. The error keeps no request: the adapter's base URL and GET are assumed.
 *
 * @example
 * try { await graph.api('/me').get(); } catch (err) { throw normalizeError(microsoftGraph, err); }
 */
export function readGraphSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error) || !('requestId' in error) || !((error as { date?: unknown }).date instanceof Date)) {
    return undefined;
  }
  const { statusCode: status, code, body, headers } = error as Error & GraphErrorShape;
  if (typeof status !== 'number' || status < 100) return undefined;
  const withHeaders = typeof headers === 'object' && headers !== null ? { headers: headers as HeadersInput } : {};
  // The third branch keeps what the SDK read, which is the unread stream for a type it does not parse: not a body.
  if (code === null) return { status, ...withHeaders, ...(typeof body === 'string' || isPlain(body) ? { body } : {}) };
  const inner = typeof body === 'string' ? parseObject(body) : undefined;
  return inner !== undefined && inner.code === code
    ? { status, ...withHeaders, body: { error: inner } }
    : { status, ...withHeaders };
}

/** A JSON object, as `json()` gives it (not a stream, a `Blob` or a DOM document). */
const isPlain = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** The JSON object a string holds, else undefined. */
function parseObject(text: string): Readonly<Record<string, unknown>> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
