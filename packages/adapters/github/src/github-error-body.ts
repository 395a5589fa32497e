// GitHub's REST error bodies, read by hand (GraphQL envelopes are read by core's `readGraphqlErrors`): zod would put 8 KB gzipped into every app bundle for these few
// members (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.
// Every member is read on its own: one odd member (a number where a string was due, a null) costs that
// member only, never the reading of the whole body.

type JsonObject = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): readonly unknown[] | undefined => (Array.isArray(value) ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** A REST error body (`githubRestErrorSchema`); `errors` items are objects or bare strings, read one by one. */
export interface GitHubRestError {
  readonly message?: string | undefined;
  readonly errors?: readonly unknown[] | undefined;
}

/** `{ message, errors? }` of a REST error body, or undefined for a body that is not an object. */
export function readRestError(body: unknown): GitHubRestError | undefined {
  const b = object(body);
  return b && { message: text(b.message), errors: list(b.errors) };
}

/** One object item of a REST 422's `errors` (`githubFieldErrorSchema`). */
export interface GitHubFieldError {
  readonly resource?: string | undefined;
  readonly field?: string | undefined;
  readonly code?: string | undefined;
  readonly message?: string | undefined;
}

/** One `errors` item read as a field error, or undefined for an item that is not an object. */
export function readFieldError(item: unknown): GitHubFieldError | undefined {
  const e = object(item);
  return e && { resource: text(e.resource), field: text(e.field), code: text(e.code), message: text(e.message) };
}
