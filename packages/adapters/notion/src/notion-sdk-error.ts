import type { ResponseInput } from '@rosetta/core';

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
    headers: headers instanceof Headers ? headers : isRecord(headers) ? stringValues(headers) : {},
    ...(typeof body === 'string' ? { body } : {}),
  };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null;
}

/** A plain header record's string values (a custom fetch may hand the SDK one). */
function stringValues(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') out[name] = value;
  return out;
}
