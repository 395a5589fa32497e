import type { ResponseInput } from '@rosetta/core';

// The message `client.request` rethrows: "Request processing failed: Zendesk Error (429): Too Many Requests", then
// " - {title}: {message}" of an `{error: {title, message}}` body. Its fail messages hold no dash.
const WRAPPED = /^Request processing failed: Zendesk Error \((\d{3})\): [^-]+(?: - ([\s\S]+))?$/;
// The error `createError` builds: thrown for a status of `failCodes`, returned for an answer with Retry-After.
const ORIGINAL = /^Zendesk (?:Error \(\d{3}\)|rate limits)/;

/**
 * Reads node-zendesk's errors (blakmatrix/node-zendesk@3b354cfdf7f78741eda190e41be9679758edde97 src/clients/helpers.js
 * `createError`, `checkRequestResponse`; src/clients/client.js `request`) as the answer they came from. By default
 * `client.request` rethrows a plain `Error` whose message alone holds the status and, for an `{error: {title,
 * message}}` body, its title and message: read as the status and that text. With `throwOriginalException: true` it
 * throws `createError`'s: `statusCode` and `result`, the JSON body (`{}` when the answer was not JSON). Neither keeps
 * headers (no Retry-After, no rate-limit state, no request id) nor the request.
 *
 * @example
 * try { await client.tickets.show(42); } catch (err) { throw normalizeError(zendesk, err); }
 */
export function readZendeskSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error)) return undefined;
  const wrapped = WRAPPED.exec(error.message);
  if (wrapped !== null)
    return { status: Number(wrapped[1]), ...(wrapped[2] === undefined ? {} : { body: wrapped[2] }) };
  const { statusCode, result } = error as Error & { statusCode?: unknown; result?: unknown };
  if (typeof statusCode !== 'number' || !ORIGINAL.test(error.message)) return undefined;
  const empty = typeof result !== 'object' || result === null || Object.keys(result).length === 0;
  return { status: statusCode, ...(empty ? {} : { body: result }) };
}
