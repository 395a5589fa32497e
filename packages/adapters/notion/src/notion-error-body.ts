// Notion's bodies, read by hand: zod would put 8 KB gzipped into every app bundle for these few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.

type JsonObject = Readonly<Record<string, unknown>>;

/** A member of another type reads as absent: one odd member costs that member only. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** The members of Notion's error object that classification reads (`notionErrorSchema`). */
export interface NotionError {
  /** `validation_error`, `object_not_found`, `rate_limited`, ... */
  readonly code: string;
  readonly message?: string | undefined;
  /** The HTTP status Notion meant; inside a failed async task it is the only status there is. */
  readonly status?: number | undefined;
  readonly request_id?: string | undefined;
  /** Extra context: `rate_limit_reason` on a 429, `error_type` and `minimum_api_version` on some 400s. */
  readonly additional_data?: JsonObject | undefined;
}

/**
 * `{"object": "error", "status", "code", "message", "request_id"?, "additional_data"?}`, or undefined for a body
 * without a string `code` (an OAuth body, an edge proxy's page). `object` is not required: the SDK does not
 * require it either (notion-sdk-js src/errors.ts `parseAPIErrorResponseBody`).
 */
export function readNotionError(body: unknown): NotionError | undefined {
  const b = object(body);
  const code = text(b?.code);
  if (b === undefined || code === undefined || code === '') return undefined;
  return {
    code,
    message: text(b.message),
    status: typeof b.status === 'number' ? b.status : undefined,
    request_id: text(b.request_id),
    additional_data: object(b.additional_data),
  };
}

/** An async task (`GET /v1/async_tasks/{id}`, `notionAsyncTaskSchema`): its status and, once failed, its error. */
export interface NotionAsyncTask {
  /** `queued`, `running`, `retrying`, `succeeded` or `failed`. */
  readonly status?: string | undefined;
  readonly error?: NotionError | undefined;
}

/** The async task in a body (`"object": "async_task"`), or undefined for any other body. */
export function readAsyncTask(body: unknown): NotionAsyncTask | undefined {
  const b = object(body);
  if (b?.object !== 'async_task') return undefined;
  return { status: text(b.status), error: readNotionError(b.error) };
}

/** Why a list or query result was cut short (`request_status.incomplete_reason`), or undefined when it was not. */
export function incompleteReason(body: unknown): string | undefined {
  const status = object(object(body)?.request_status);
  if (status?.type !== 'incomplete') return undefined;
  return text(status.incomplete_reason) ?? 'incomplete';
}
