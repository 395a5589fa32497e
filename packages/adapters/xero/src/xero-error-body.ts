// Xero's error body, read by hand: zod would put kilobytes into every app bundle for a few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shape, with its source;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.

/** A member of another type reads as absent: one odd member costs that member only. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The members of Xero's error body that classification reads (`xeroErrorSchema`). */
export interface XeroError {
  readonly code: string;
  readonly message?: string | undefined;
}

/** `{"code", "message"?}`, or undefined for a body without a string `code` (a success, an HTML page). */
export function readXeroError(body: unknown): XeroError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const members = body as Readonly<Record<string, unknown>>;
  const code = text(members.code);
  return code === undefined ? undefined : { code, message: text(members.message) };
}
