import type { ResponseInput } from '@rosetta/core';

/**
 * The status errorcodes.htm gives the codes whose reading depends on it (test/fixtures cite each); jsforce keeps no
 * status, so any other code reads as 400, "the request couldn't be understood".
 */
const CODE_STATUS: Readonly<Record<string, number>> = {
  INVALID_SESSION_ID: 401,
  REQUEST_LIMIT_EXCEEDED: 403,
  API_DISABLED_FOR_ORG: 403,
  NOT_FOUND: 404,
  ENTITY_IS_DELETED: 404,
  SERVER_UNAVAILABLE: 503,
};

/**
 * Reads jsforce's `HttpApiError` (jsforce/jsforce@e744dad915492226c7838a9513697ed75b7ff998 src/http-api.ts `getError`)
 * as the answer it was built from. The error keeps no status, headers nor request: its `name` and `errorCode` are the
 * body's `errorCode`, and `data` the error object (`{message, errorCode, fields}`), every error of the array
 * (`MULTIPLE_API_ERRORS`), or the record URLs of a 300 (`MULTIPLE_CHOICES`). A body jsforce could not read gives
 * `ERROR_HTTP_<status>` with the text (`data.message`, or `data` itself for a `text/html` page): the status is then
 * exact. Otherwise it is the status Salesforce documents for the code (`CODE_STATUS`), else 400. The OAuth errors of
 * src/oauth2.ts (token, refresh, revoke) are read as their `{error, error_description}` body. None holds a credential.
 *
 * @example
 * try { await conn.sobject('Account').retrieve(id); } catch (err) { throw normalizeError(salesforce, err); }
 */
export function readSalesforceSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error)) return undefined;
  const { errorCode, data } = error as Error & { errorCode?: unknown; data: unknown };
  // src/oauth2.ts `_postParams`, `revokeToken`: an anonymous `class extends Error` named after the OAuth `error`, its
  // `error_description` as the message (`ERROR_HTTP_<status>` and the text for a body that was not OAuth's).
  if (error.constructor.name === '' && errorCode === undefined) {
    const http = /^ERROR_HTTP_(\d{3})$/.exec(error.name);
    if (http !== null) return { status: Number(http[1]), body: error.message };
    // OAuth codes are lower-case words (`invalid_grant`); RFC 6749 §5.2 sends them as a 400 unless said otherwise.
    if (/^[a-z_]+$/.test(error.name))
      return { status: 400, body: { error: error.name, error_description: error.message } };
  }
  if (typeof errorCode !== 'string' || error.name !== errorCode || !('data' in error)) return undefined;
  const http = /^ERROR_HTTP_(\d{3})$/.exec(errorCode);
  if (http !== null) {
    const text = typeof data === 'string' ? data : (data as { message?: unknown } | null)?.message;
    const html = error.message.startsWith('HTTP response contains html content');
    return {
      status: Number(http[1]),
      ...(html ? { headers: { 'content-type': 'text/html' } } : {}),
      ...(typeof text === 'string' ? { body: text } : {}),
    };
  }
  if (errorCode === 'MULTIPLE_CHOICES') return { status: 300, body: data };
  const body = Array.isArray(data) ? data : [data];
  const code = (body[0] as { errorCode?: unknown } | null)?.errorCode;
  const status = typeof code === 'string' && Object.hasOwn(CODE_STATUS, code) ? CODE_STATUS[code] : 400;
  return { status: status ?? 400, body };
}
