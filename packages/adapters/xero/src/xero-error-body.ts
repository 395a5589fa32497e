// Xero's own body shapes, read by hand: zod would put kilobytes into every app bundle for a few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources; test/body-schemas.test.ts
// holds every fixture to both. RFC 9457 problem details (flat, PascalCase, or in Payroll's `problem` wrapper) are core's
// reading (classify/body-fields.ts): only what core cannot know is read here. A member of another type reads as absent.

type JsonObject = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** Elements and messages looked at per body: a huge batch costs no more than a small one. */
const MAX_SCAN = 200;

/** The Accounting API's `ApiException`: `{ ErrorNumber, Type, Message, Elements: [{ ..., ValidationErrors }] }`. */
export interface XeroApiException {
  /** `ValidationException` (10), `PostDataInvalidException` (14), ... */
  readonly type?: string | undefined;
  readonly errorNumber?: number | undefined;
  readonly message?: string | undefined;
  /** Every element's `ValidationErrors[].Message`, in order (Xero names no field, only the message). */
  readonly validationErrors: readonly string[];
}

/** `ValidationErrors[].Message` of one element. */
function messagesOf(element: JsonObject | undefined, out: string[]): void {
  const list = element?.ValidationErrors;
  if (!Array.isArray(list)) return;
  for (const item of list.slice(0, MAX_SCAN)) {
    const message = text(object(item)?.Message);
    if (message !== undefined && out.length < MAX_SCAN) out.push(message);
  }
}

/**
 * An Accounting `ApiException` body, or undefined for any other body (a body needs a string `Type` or a numeric
 * `ErrorNumber`). Never throws on JSON.
 *
 * @example
 * readApiException({ ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred',
 *   Elements: [{ ValidationErrors: [{ Message: 'Please enter a unique Name.' }] }] })?.validationErrors;
 * // ['Please enter a unique Name.']
 */
export function readApiException(body: unknown): XeroApiException | undefined {
  const b = object(body);
  const type = text(b?.Type);
  const errorNumber = typeof b?.ErrorNumber === 'number' ? b.ErrorNumber : undefined;
  if (b === undefined || (type === undefined && errorNumber === undefined)) return undefined;
  const validationErrors: string[] = [];
  if (Array.isArray(b.Elements)) for (const e of b.Elements.slice(0, MAX_SCAN)) messagesOf(object(e), validationErrors);
  return { type, errorNumber, message: text(b.Message), validationErrors };
}

/**
 * The code a problem-details body puts first in its detail: `TokenExpired` of `"Detail": "TokenExpired: token
 * expired at ..."`, `AuthenticationUnsuccessful`. Read from `Detail` or `detail`; undefined for a sentence.
 */
export function problemCode(body: unknown): string | undefined {
  const b = object(body);
  const detail = text(b?.Detail) ?? text(b?.detail);
  return detail === undefined ? undefined : /^([A-Z][A-Za-z]{2,60})(?::|$)/.exec(detail)?.[1];
}

/** What a `summarizeErrors=false` batch answer says: elements sent back, elements refused, their first messages. */
export interface XeroBatchOutcome {
  readonly total: number;
  readonly failed: number;
  readonly messages: readonly string[];
}

/**
 * A batch answer's per-element outcome: the first array member of the body whose elements carry
 * `StatusAttributeString` (`OK`, `WARNING`, `ERROR`); undefined for a body without one.
 */
export function readBatchOutcome(body: unknown): XeroBatchOutcome | undefined {
  const b = object(body);
  if (b === undefined) return undefined;
  for (const key of Object.keys(b).slice(0, MAX_SCAN)) {
    const list = b[key];
    if (!Array.isArray(list) || !list.some((e) => text(object(e)?.StatusAttributeString) !== undefined)) continue;
    const messages: string[] = [];
    let failed = 0;
    const elements = list.slice(0, MAX_SCAN);
    for (const item of elements) {
      const e = object(item);
      if (e?.StatusAttributeString !== 'ERROR' && e?.HasErrors !== true) continue;
      failed++;
      messagesOf(e, messages);
    }
    return { total: elements.length, failed, messages };
  }
  return undefined;
}
