// Readers shared by the body heuristics: each takes an unknown JSON value and gives a bounded,
// trimmed string or undefined, so that no caller has to check types or lengths itself.

/** A JSON object as the heuristics see it. */
export type JsonObject = Record<string, unknown>;

/** Longest message (overall or per field) kept, in characters. */
export const MAX_MESSAGE_CHARS = 500;
/** Elements or keys looked at per collection, so that a huge array costs no more than a small one. */
export const MAX_SCAN = 200;

/** An identifier-like code: `invalid_grant`, `RATE_LIMITED`, `error.list`, `20404`. No spaces, no URIs. */
const IDENTIFIER = /^[\w.-]{1,100}$/;

/** Where an error element keeps its message, most specific first. */
const ELEMENT_MESSAGE_KEYS = [
  'message',
  'detail',
  'description',
  'msg',
  'reason',
  'defaultMessage',
  'userPresentableMessage',
  'Message',
  'title',
] as const;

/** Is `value` a JSON object (not null, not an array)? */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A non-blank string, trimmed. Not cut: texts are cut only after they are redacted (classifyResponse),
 * since a cut through a secret leaves a piece no redactor recognizes.
 */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length === 0 ? undefined : trimmed;
}

/** A code: any non-blank string, or a finite number stringified. Not cut, like {@link text}. */
export function codeText(value: unknown): string | undefined {
  return typeof value === 'number' ? (Number.isFinite(value) ? String(value) : undefined) : text(value);
}

/** A string that looks like an identifier (so not a sentence, not a URI). */
export function identifier(value: unknown): string | undefined {
  return typeof value === 'string' && IDENTIFIER.test(value) ? value : undefined;
}

/** The message of one error element (`message`, `detail`, `description`, `msg`, `reason`, ...). */
export function elementMessage(element: JsonObject): string | undefined {
  for (const key of ELEMENT_MESSAGE_KEYS) {
    const value = text(element[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The first object or non-blank string among the first {@link MAX_SCAN} elements. */
export function firstUseful(list: readonly unknown[]): unknown {
  const n = Math.min(list.length, MAX_SCAN);
  for (let i = 0; i < n; i++) {
    const item = list[i];
    if (isObject(item) || (typeof item === 'string' && item.trim().length > 0)) return item;
  }
  return undefined;
}

/** `value` cut to at most `max` characters. */
export function cut(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}
