// Intercom's bodies, read by hand: zod would put kilobytes into every app bundle for a few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.

type JsonObject = Readonly<Record<string, unknown>>;

/** A member of another type reads as absent: one odd member costs that member only. */
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** Errors read from one list: the first few are enough to name the failure; a huge list costs no more. */
const MAX_ITEMS = 20;

/** One item of an error list (`intercomErrorItemSchema`). */
export interface IntercomErrorItem {
  /** `unauthorized`, `parameter_invalid`, `contact_merged`, `rate_limit_exceeded`, ... */
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  /** The field or query parameter in error. */
  readonly field?: string | undefined;
}

/** The members of Intercom's error bodies that classification reads. */
export interface IntercomError {
  /** The first error's code: it qualifies the HTTP status (official SDK `Error_.ts`). */
  readonly code?: string | undefined;
  /** The messages of the list, joined: each says something the others do not. */
  readonly message?: string | undefined;
  /** The request id Intercom puts in the body (it is what Intercom support asks for). */
  readonly request_id?: string | undefined;
  readonly errors: readonly IntercomErrorItem[];
}

function readItem(value: unknown): IntercomErrorItem | undefined {
  const item = object(value);
  if (item === undefined) return undefined;
  return { code: text(item.code), message: text(item.message), field: text(item.field) };
}

/**
 * `{"type": "error.list", "request_id"?, "errors": [{code, message?, field?}]}` (intercom-node
 * src/api/types/Error_.ts), or the `{"type": "error", "request_id", "message"}` some newer endpoints answer
 * (WhatsApp status, Intercom-OpenAPI 2.16); undefined for any other body (a success, an HTML page).
 */
export function readIntercomError(body: unknown): IntercomError | undefined {
  const b = object(body);
  if (b === undefined) return undefined;
  const request_id = text(b.request_id);
  if (b.type === 'error') return { message: text(b.message), request_id, errors: [] };
  if (b.type !== 'error.list' || !Array.isArray(b.errors)) return undefined;
  const errors: IntercomErrorItem[] = [];
  for (const value of b.errors.slice(0, MAX_ITEMS)) {
    const item = readItem(value);
    if (item !== undefined) errors.push(item);
  }
  const messages = errors.map((e) => e.message).filter((m): m is string => m !== undefined);
  return {
    code: errors[0]?.code,
    message: messages.length === 0 ? undefined : messages.join('; '),
    request_id,
    errors,
  };
}

/**
 * The status of an asynchronous job a 2xx body reports: a job (`{"type": "job", "status"}`, `GET
 * /jobs/status/{id}`) or a data export (`{"job_identifier", "status"}`, `GET /export/content/data/{id}` and
 * `/export/reporting_data/{id}`); undefined for any other body.
 */
export function readJobStatus(body: unknown): string | undefined {
  const b = object(body);
  if (b === undefined || (b.type !== 'job' && text(b.job_identifier) === undefined)) return undefined;
  return text(b.status);
}
