// Zendesk's error bodies, read by hand: zod would put 8 KB gzipped into every app bundle for these few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.
// A member of another type reads as absent: one odd member costs that member only.

type JsonObject = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** A Zendesk error name (`RecordNotFound`, `TooManyJobs`), not a sentence (`Couldn't authenticate you`). */
const ERROR_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** One field error of a `RecordInvalid` body: `details: { email: [{ description, error }] }`. */
export interface ZendeskFieldError {
  readonly field: string;
  /** `DuplicateValue`, `InvalidValue`, `BlankValue`, ... */
  readonly error?: string | undefined;
  readonly description?: string | undefined;
}

/** The members of a Zendesk error body that classification reads, whichever of its shapes it came in. */
export interface ZendeskError {
  /** The error's name: a named `error` string, else the first `errors[].code`. */
  readonly code?: string | undefined;
  /** `description`, `error.message`, `errors[0].detail`/`title`, or an `error` string that is a sentence. */
  readonly message?: string | undefined;
  /** `error.title` of the wrapped shape (`Forbidden`). */
  readonly title?: string | undefined;
  readonly details: readonly ZendeskFieldError[];
}

function fieldErrors(value: unknown): ZendeskFieldError[] {
  const map = object(value);
  if (map === undefined) return [];
  const out: ZendeskFieldError[] = [];
  for (const field of Object.keys(map)) {
    const list = map[field];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const e = object(item);
      if (e !== undefined) out.push({ field, error: text(e.error), description: text(e.description) });
    }
  }
  return out;
}

/**
 * A Zendesk error body, or undefined for a body in none of its shapes (text, HTML, a success):
 *
 * - `{ error: 'RecordNotFound', description: 'Not found' }` (and `InvalidEndpoint`, `TooManyJobs`, ...);
 * - `{ error: "Couldn't authenticate you" }`: a sentence in `error`, read as the message;
 * - `{ error: { title: 'Forbidden', message } }`;
 * - `{ error: 'RecordInvalid', description, details: { field: [{ description, error }] } }`;
 * - `{ errors: [{ code, title, detail? }] }` (autocomplete, newer endpoints).
 */
export function readZendeskError(body: unknown): ZendeskError | undefined {
  const b = object(body);
  if (b === undefined) return undefined;
  const error = b.error;
  const named = text(error);
  const wrapped = object(error);
  const first = Array.isArray(b.errors) ? object(b.errors[0]) : undefined;
  if (named === undefined && wrapped === undefined && first === undefined) return undefined;
  const isName = named !== undefined && ERROR_NAME.test(named);
  return {
    code: isName ? named : text(first?.code),
    message:
      text(b.description) ??
      text(wrapped?.message) ??
      text(first?.detail) ??
      text(first?.title) ??
      (isName ? undefined : named),
    title: text(wrapped?.title),
    details: fieldErrors(b.details),
  };
}

/** A background job as `GET /api/v2/job_statuses/{id}` returns it: `{ job_status: { id, status, message } }`. */
export interface ZendeskJobStatus {
  /** `queued`, `working`, `completed`, `failed` or `killed`. */
  readonly status?: string | undefined;
  readonly message?: string | undefined;
}

/** The job status in a body, or undefined for any other body. */
export function readJobStatus(body: unknown): ZendeskJobStatus | undefined {
  const job = object(object(body)?.job_status);
  return job && { status: text(job.status), message: text(job.message) };
}

/** One `zendesk-ratelimit-<name>` header: `total=100; remaining=99; resets=41` (resets in seconds). */
export interface ZendeskEndpointLimit {
  readonly total?: number | undefined;
  readonly remaining?: number | undefined;
  readonly resets?: number | undefined;
}

/** Parses `total=100; remaining=99; resets=41` (order and spacing free); undefined when no member is a count. */
export function readEndpointLimit(value: string | undefined): ZendeskEndpointLimit | undefined {
  if (value === undefined || value.length > 200) return undefined;
  const out: { total?: number; remaining?: number; resets?: number } = {};
  for (const part of value.split(';')) {
    const match = /^\s*(total|remaining|resets)\s*=\s*(\d{1,9})\s*$/.exec(part);
    if (match?.[1] !== undefined) out[match[1] as 'total' | 'remaining' | 'resets'] = Number(match[2]);
  }
  return Object.keys(out).length === 0 ? undefined : out;
}
