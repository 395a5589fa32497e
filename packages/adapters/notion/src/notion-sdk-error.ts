import type { HeadersInput, ResponseInput } from '@rosetta/core';

/**
 * The members of `@notionhq/client`'s `HTTPResponseError` read here (src/errors.ts): the answer's status, its
 * `headers` as the `fetch` returned them, and `body`, the raw body text (`rawBodyText`), unparsed.
 */
interface NotionErrorShape {
  readonly status: number;
  readonly headers?: unknown;
  readonly body?: unknown;
}

/** The `HTTPResponseError` subclasses `buildRequestError` throws for every answer that is not ok (src/errors.ts). */
const RESPONSE_ERRORS = new Set(['APIResponseError', 'UnknownHTTPResponseError']);

/**
 * Reads `@notionhq/client` errors as the responses they carry: an `APIResponseError` (a body with a known `code`)
 * or an `UnknownHTTPResponseError` (anything else, e.g. an edge-proxy HTML page) with its `status`, `headers` and
 * raw `body` text, read again by the adapter exactly as a response would be. A `RequestTimeoutError` or an
 * `InvalidPathParameterError` never reached Notion: no response to read.
 */
export function readNotionSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error) || !RESPONSE_ERRORS.has(error.name)) return undefined;
  const { status, headers, body } = error as Error & Partial<NotionErrorShape>;
  if (typeof status !== 'number') return undefined;
  return {
    status,
    // A `Headers`, or the plain record a custom fetch may hand the SDK: core's reading of a `ResponseInput`
    // lower-cases the names and turns every value into a string, as for any response.
    headers: typeof headers === 'object' && headers !== null ? (headers as HeadersInput) : {},
    ...(typeof body === 'string' ? { body } : {}),
  };
}
