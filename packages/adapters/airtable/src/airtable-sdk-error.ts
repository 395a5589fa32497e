import type { ResponseInput } from '@rosetta/core';

/** airtable.js's message for a body it could not read as a JSON object (src/base.ts `_getErrorForNonObjectBody`). */
const INVALID_JSON = 'The response from Airtable was invalid JSON. Please try again soon.';

/**
 * Reads airtable.js's `AirtableError` (Airtable/airtable.js@55cc755fa4f54e20927579a954c161ac2fe81135
 * src/airtable_error.ts: `error`, `message`, `statusCode`; a plain class, not an `Error`) as the body it stands for,
 * `{ error: { type, message } }`. The SDK keeps no headers and no body (src/base.ts `_checkStatusForError`): it names
 * 401, 403, 413, 429, 500 and 503 with types of its own (`TOO_MANY_REQUESTS`, which the classifier reads as the
 * rate limit, with Airtable's 30-second penalty), so a 429 of the spent billing plan is not told apart. A
 * `CONNECTION_ERROR` (`statusCode: null`) never had an answer; the invalid-JSON error of a 2xx is not read either,
 * and of an error status it is the status alone.
 *
 * @example
 * try { await base('Tasks').find('recFAKE'); } catch (err) { throw normalizeError(airtable, err); }
 */
export function readAirtableSdkError(error: unknown): ResponseInput | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { error: type, message, statusCode: status } = error as Record<string, unknown>;
  if (typeof type !== 'string' || typeof message !== 'string' || typeof status !== 'number') return undefined;
  if (message === INVALID_JSON) return status < 400 ? undefined : { status };
  return { status, headers: { 'content-type': 'application/json' }, body: { error: { type, message } } };
}
