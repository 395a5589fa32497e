import type { HeadersInput, ResponseInput } from '@rosetta/core';

/**
 * Reads `intercom-client`'s `IntercomError` and its subclasses (`NotFoundError`, `TooManyRequestsError`...;
 * intercom/intercom-node@86d57815b702f461daf32aaebe665224a64a0a1b src/errors/IntercomError.ts, src/api/errors/,
 * src/errors/handleNonStatusCodeError.ts) as the answer it carries: `statusCode`, `body` (the parsed JSON, or the
 * raw text of a body that was not JSON), and `rawResponse` (src/core/fetcher/RawResponse.ts: the response's
 * `headers` and `url`, no body). An error without `statusCode` (a failed connection, an abort) or an
 * `IntercomTimeoutError` never had an answer. The error keeps no method: GET is assumed.
 *
 * @example
 * try { await sdk.contacts.find({ contact_id: id }); } catch (err) { throw normalizeError(intercom, err); }
 */
export function readIntercomSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error) || !('rawResponse' in error)) return undefined;
  const { statusCode, body, rawResponse } = error as Error & {
    statusCode?: unknown;
    body?: unknown;
    rawResponse?: unknown;
  };
  if (typeof statusCode !== 'number') return undefined;
  const raw = (typeof rawResponse === 'object' && rawResponse !== null ? rawResponse : {}) as {
    headers?: unknown;
    url?: unknown;
  };
  const headers = raw.headers;
  return {
    status: statusCode,
    ...(typeof headers === 'object' && headers !== null ? { headers: headers as HeadersInput } : {}),
    ...(body === undefined ? {} : { body }),
    ...(typeof raw.url === 'string' && /^https:\/\//.test(raw.url) ? { url: raw.url } : {}),
  };
}
