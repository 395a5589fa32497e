// Jira's bodies, read by hand: zod would put 8 KB gzipped into every app bundle for these few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.

type JsonObject = Readonly<Record<string, unknown>>;

/** A JSON object, or undefined for anything else (null, an array, a scalar). */
export const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
/** The non-blank strings of a list; anything else in it is skipped, a non-list reads as none. */
export const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];

/** The members of Jira's `ErrorCollection` that classification reads (`jiraErrorCollectionSchema`). */
export interface JiraErrorCollection {
  /** "input parameter 'key' must be provided": errors not tied to one field. */
  readonly errorMessages: readonly string[];
  /** `{field: message}`: core's field-error reader turns this into `fieldErrors`. */
  readonly errors: JsonObject | undefined;
}

/**
 * `{"errorMessages": [...], "errors": {field: message}, "status"?}`, or undefined for a body with neither member
 * (a gateway's `{code, message}`, a text or HTML page).
 */
export function readErrorCollection(body: unknown): JiraErrorCollection | undefined {
  const b = object(body);
  if (b === undefined || (!Array.isArray(b.errorMessages) && object(b.errors) === undefined)) return undefined;
  return { errorMessages: strings(b.errorMessages), errors: object(b.errors) };
}

/** One failed element of a bulk answer (`POST /rest/api/3/issue/bulk`, `BulkOperationErrorResult`). */
export interface JiraBulkError {
  /** Index of the failed element in the request's list (`issueUpdates`). */
  readonly index: number | undefined;
  readonly collection: JiraErrorCollection | undefined;
}

/** The failed elements of a bulk answer (`errors` as a list), at most 50; `[]` for any other body. */
export function readBulkErrors(body: unknown): JiraBulkError[] {
  const list = object(body)?.errors;
  if (!Array.isArray(list)) return [];
  return list.slice(0, 50).map((item) => {
    const e = object(item);
    const index = typeof e?.failedElementNumber === 'number' ? e.failedElementNumber : undefined;
    return { index, collection: readErrorCollection(e?.elementErrors) };
  });
}

/** A long-running task as `GET /rest/api/3/task/{taskId}` returns it (`jiraTaskSchema`). */
export interface JiraTask {
  /** `ENQUEUED`, `RUNNING`, `COMPLETE`, `FAILED`, `CANCEL_REQUESTED`, `CANCELLED` or `DEAD`. */
  readonly status: string;
  readonly message: string | undefined;
}

/** The task in a body (a string `status` beside a numeric `progress` and `submitted`), else undefined. */
export function readTask(body: unknown): JiraTask | undefined {
  const b = object(body);
  if (typeof b?.status !== 'string' || typeof b.progress !== 'number' || typeof b.submitted !== 'number') {
    return undefined;
  }
  return { status: b.status, message: typeof b.message === 'string' ? b.message : undefined };
}

/** `errorMessages` then `field: message` pairs, joined; undefined when the collection says nothing. */
export function describe(collection: JiraErrorCollection | undefined): string | undefined {
  if (collection === undefined) return undefined;
  const parts = [...collection.errorMessages];
  for (const [field, message] of Object.entries(collection.errors ?? {})) {
    if (typeof message === 'string' && message !== '') parts.push(`${field}: ${message}`);
  }
  return parts.length === 0 ? undefined : parts.join('; ');
}
