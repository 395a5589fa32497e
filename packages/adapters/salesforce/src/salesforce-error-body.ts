// Salesforce's bodies, read by hand: zod would put 8 KB gzipped into every app bundle for these few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.

type JsonObject = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** One Salesforce error: `{message, errorCode, fields?}` in an API error, `{statusCode, message, fields}` in a record's result. */
export interface SalesforceError {
  /** `INVALID_SESSION_ID`, `REQUEST_LIMIT_EXCEEDED`, `UNABLE_TO_LOCK_ROW`, ... (`errorCode`, else `statusCode`). */
  readonly errorCode?: string | undefined;
  readonly message?: string | undefined;
  /** The fields the error is about (`["Name"]`); empty when it names none. */
  readonly fields: readonly string[];
}

/** One error object, or undefined for an item with neither a code nor a message. */
export function readErrorItem(item: unknown): SalesforceError | undefined {
  const e = object(item);
  if (e === undefined) return undefined;
  const errorCode = text(e.errorCode) ?? text(e.statusCode);
  const message = text(e.message);
  if (errorCode === undefined && message === undefined) return undefined;
  const fields = Array.isArray(e.fields) ? e.fields.filter((f): f is string => typeof f === 'string') : [];
  return { errorCode, message, fields };
}

/** The error items of a list, skipping items of another shape. */
export function readErrorList(list: unknown): SalesforceError[] {
  const out: SalesforceError[] = [];
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    const e = readErrorItem(item);
    if (e !== undefined) out.push(e);
  }
  return out;
}

/**
 * The errors of a Salesforce error body: the REST API's JSON array `[{message, errorCode, fields?}]` (or one such
 * object alone), or a failed sObject Tree answer
 * `{hasErrors: true, results: [{referenceId, errors: [{statusCode, message, fields}]}]}`. Empty for any other body (an
 * OAuth error, an HTML page, a list of record URLs).
 */
export function readSalesforceErrors(body: unknown): SalesforceError[] {
  if (Array.isArray(body)) return readErrorList(body);
  const b = object(body);
  // A lone error object, as jsforce's getError reads it (fixture permission-recorded-scope-required-for-endpoint-401).
  if (typeof b?.errorCode === 'string') return readErrorList([b]);
  if (b?.hasErrors !== true || !Array.isArray(b.results)) return [];
  return b.results.flatMap((result) => readErrorList(object(result)?.errors));
}
