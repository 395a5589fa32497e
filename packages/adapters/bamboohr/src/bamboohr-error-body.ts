// BambooHR's error bodies and message header, read by hand: zod would put kilobytes into every app bundle for a few
// members (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.
import type { FieldError } from '@rosetta/core';

/** A member of another type reads as absent: one odd member costs that member only. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The members of a BambooHR error body that classification reads. */
export interface BamboohrError {
  /** A problem's `code` (a string); the wrapped form's numeric code is only the HTTP status again. */
  readonly code: string | undefined;
  /** A problem's `detail`, else its `title`; the wrapped form's `error.message`. */
  readonly message: string | undefined;
  /** A problem's `fields` map, as field errors. */
  readonly fieldErrors: readonly FieldError[];
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A problem-details body (`bamboohrProblemSchema`: one of `detail`, `title`, `code`, `fields`) or the wrapped form
 * (`bamboohrWrappedErrorSchema`); undefined for anything else (a success, an empty or text body).
 */
export function readBamboohrError(body: unknown): BamboohrError | undefined {
  if (!isObject(body)) return undefined;
  if (isObject(body.error)) return { code: undefined, message: text(body.error.message), fieldErrors: [] };
  const fields = isObject(body.fields) ? body.fields : {};
  const fieldErrors: FieldError[] = [];
  for (const [path, message] of Object.entries(fields))
    if (typeof message === 'string') fieldErrors.push({ path, message });
  const code = text(body.code);
  const message = text(body.detail) ?? text(body.title);
  if (code === undefined && message === undefined && fieldErrors.length === 0) return undefined;
  return { code, message, fieldErrors };
}

/**
 * The error message BambooHR puts in a header, under its documented name and the misspelled one its help centre
 * warns of ("X-BambooHR-Error-Messsage", "the extra s in the message will be there"). Some answers repeat one
 * message, comma-joined: each is kept once.
 */
export function readHeaderMessage(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const raw = headers['x-bamboohr-error-message'] || headers['x-bamboohr-error-messsage'];
  if (!raw) return undefined;
  return [...new Set(raw.split(/,\s*/))].join(', ');
}
