// Asana's bodies, read by hand: zod would put kilobytes into every app bundle for a few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.

type JsonObject = Readonly<Record<string, unknown>>;

/** A member of another type reads as absent: one odd member costs that member only. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** One entry of Asana's `errors` array (`asanaErrorSchema`). */
export interface AsanaError {
  /** `"workspace: Missing input"`: on a 400 the parameter comes first. */
  readonly message?: string | undefined;
  /** 500s only: `"6 sad squid snuggle softly"`, what Asana support needs to find the occurrence. */
  readonly phrase?: string | undefined;
}

/**
 * The entries of `{"errors": [{message, help?, phrase?}, ...]}` (`help`, a link to the errors page, is not read), or undefined for a body without an `errors` array
 * (a success, a 412's `{message, sync}`, an HTML page). Entries that are not objects are skipped.
 */
export function readAsanaErrors(body: unknown): AsanaError[] | undefined {
  const errors = object(body)?.errors;
  if (!Array.isArray(errors)) return undefined;
  return errors.flatMap((entry: unknown) => {
    const e = object(entry);
    return e === undefined ? [] : [{ message: text(e.message), phrase: text(e.phrase) }];
  });
}

/** A body's top-level `message` (the 412 answer of `/events` carries one beside `sync`). */
export const topMessage = (body: unknown): string | undefined => text(object(body)?.message);

/**
 * The sync token of an `/events` answer: the next one on a 200, a fresh one on the 412 that answers a first call or
 * an expired token. Pure; undefined when the body has none.
 *
 * @example
 * catch (err) { if (isApiError(err) && err.status === 412) sync = readSyncToken(err.response?.body); }
 */
export function readSyncToken(body: unknown): string | undefined {
  const sync = text(object(body)?.sync);
  return sync === '' ? undefined : sync;
}

/** A job (`GET /jobs/{job_gid}`, `asanaJobSchema`): its gid, subtype and status. */
export interface AsanaJob {
  readonly gid?: string | undefined;
  readonly resource_subtype?: string | undefined;
  /** `not_started`, `in_progress`, `succeeded` or `failed`. */
  readonly status?: string | undefined;
}

/** The job in `{"data": {"resource_type": "job", ...}}`, or undefined for any other body. */
export function readJob(body: unknown): AsanaJob | undefined {
  const data = object(object(body)?.data);
  if (data?.resource_type !== 'job') return undefined;
  return { gid: text(data.gid), resource_subtype: text(data.resource_subtype), status: text(data.status) };
}
