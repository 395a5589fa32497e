// Airtable's error bodies, read by hand: zod would put kilobytes into every app bundle for a few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.

type JsonObject = Readonly<Record<string, unknown>>;

/** A member of another type reads as absent: one odd member costs that member only. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/**
 * Airtable's error types are upper snake case (`NOT_FOUND`, `RATE_LIMIT_REACHED`); RFC 6749 codes from the OAuth
 * token endpoint are lower case (`invalid_grant`). Both arrive as a string `error`, so the case tells them apart.
 */
const AIRTABLE_TYPE = /^[A-Z][A-Z0-9_]*$/;

/** The members of an Airtable error that classification reads, whichever of its three shapes carried it. */
export interface AirtableError {
  /** `AUTHENTICATION_REQUIRED`, `INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND`, `RATE_LIMIT_REACHED`, ... */
  readonly type: string;
  readonly message?: string | undefined;
}

/** `type` and `message` when `type` is a non-empty Airtable type, else undefined. */
function error(type: string | undefined, message: unknown): AirtableError | undefined {
  // A type of another case or type reads as absent, so the next shape may still carry one.
  return type !== undefined && AIRTABLE_TYPE.test(type) ? { type, message: text(message) } : undefined;
}

/**
 * The Airtable error in a parsed body, or undefined for any other body (a success, an OAuth body, an HTML page):
 *
 * - `{"error": {"type", "message"}}`, the documented shape (airtable.com/developers/web/api/errors);
 * - `{"error": "NOT_FOUND"}`, a bare type (Airtable/airtable.js test/test_helpers.js, the 404 of an unknown route);
 * - `{"errors": [{"error", "message"}]}`, a list (seen on 429s: hackclub/hackatime#299); the first element decides.
 *
 * @example
 * readAirtableError({ error: { type: 'NOT_FOUND', message: 'Could not find record' } });
 * // { type: 'NOT_FOUND', message: 'Could not find record' }
 */
export function readAirtableError(body: unknown): AirtableError | undefined {
  const b = object(body);
  if (b === undefined) return undefined;
  const wrapped = object(b.error);
  const first = Array.isArray(b.errors) ? object(b.errors[0]) : undefined;
  return (
    (wrapped === undefined ? undefined : error(text(wrapped.type), wrapped.message)) ??
    error(text(b.error), b.message) ??
    (first === undefined ? undefined : error(text(first.error), first.message))
  );
}

/**
 * The error codes of webhook payloads that report a broken webhook (`error: true`, `code` `INVALID_FILTERS`,
 * `INVALID_HOOK` or `INTERNAL_ERROR`) in a "list webhook payloads" answer (`{payloads: [...]}`), else `[]`.
 *
 * @see https://airtable.com/developers/web/api/model/webhooks-payload
 */
export function webhookPayloadErrors(body: unknown): string[] {
  const payloads = object(body)?.payloads;
  if (!Array.isArray(payloads)) return [];
  const codes: string[] = [];
  // Bounded: a page holds at most 50 payloads, but a body is never trusted to be small.
  for (const payload of payloads.slice(0, 200)) {
    const p = object(payload);
    if (p?.error === true) codes.push(text(p.code) ?? 'UNKNOWN');
  }
  return codes;
}
