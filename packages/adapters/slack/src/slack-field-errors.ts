import type { FieldError } from '@rosetta/core';

// "[ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]"
const MESSAGE = /^\s*(?:\[(ERROR|WARN)\]\s*)?(.*?)\s*(?:\[json-pointer:([^\]]*)\])?\s*$/s;
const MAX_FIELD_ERRORS = 50;

/**
 * Turns `response_metadata.messages` into field errors: every `[ERROR]` (or unprefixed) entry
 * becomes one, its `[json-pointer:/blocks/0/text]` suffix a dotted path (`blocks.0.text`); an
 * entry without a pointer gets the path `''`. `[WARN]` entries are warnings, not field errors.
 *
 * @example
 * slackFieldErrors(['[ERROR] missing required field: title [json-pointer:/view]']);
 * // [{ path: 'view', message: 'missing required field: title' }]
 */
export function slackFieldErrors(messages: readonly unknown[]): FieldError[] {
  const out: FieldError[] = [];
  for (const entry of messages) {
    if (typeof entry !== 'string' || out.length >= MAX_FIELD_ERRORS) continue;
    const match = MESSAGE.exec(entry);
    if (match === null || match[1] === 'WARN') continue;
    const message = match[2] ?? '';
    if (message === '') continue;
    out.push({ path: pointerToPath(match[3] ?? ''), message });
  }
  return out;
}

/** RFC 6901 pointer to the dotted path FieldError uses: `/blocks/0/a~1b` -> `blocks.0.a/b`. */
function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}
