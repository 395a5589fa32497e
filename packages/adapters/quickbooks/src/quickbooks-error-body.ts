// QuickBooks Online's Fault bodies, read by hand: zod would put kilobytes into every app bundle for a few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.
// A member of another type reads as absent: one odd member costs that member only.
import { readXmlBatch, readXmlFault } from './quickbooks-xml-fault';

type JsonObject = Readonly<Record<string, unknown>>;

const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** A string member; a number counts (a `code` of 3200). Empty reads as absent. */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/**
 * `Message` or `message`: the API spells members capitalized (`Fault.Error[].Message`), the gateway in front of it
 * lower-case (`fault.error[].message`). An own property only, so `constructor` never reads through a prototype.
 */
function member(o: JsonObject | undefined, name: string): unknown {
  if (o === undefined) return undefined;
  if (Object.hasOwn(o, name)) return o[name];
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  return Object.hasOwn(o, lower) ? o[lower] : undefined;
}

/** One `Error` of a Fault: `code` (leading zeros dropped: "003200" is 3200), its `Message`, `Detail` and `element`. */
export interface QuickbooksFaultError {
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  readonly detail?: string | undefined;
  /** The request field the error is about (`Line.Amount`), when the API names one. */
  readonly element?: string | undefined;
}

/** A Fault: its `type` (not a reliable classifier, see docs/providers/quickbooks.md) and its errors, in order. */
export interface QuickbooksFault {
  readonly type?: string | undefined;
  readonly errors: readonly QuickbooksFaultError[];
}

/** `003200` -> `3200`; a code that is not digits stays as it is. */
export const normalizeCode = (code: string): string => (/^\d+$/.test(code) ? code.replace(/^0+(?=\d)/, '') : code);

/** The gateway puts the code in the message too: `message=AuthenticationFailed; errorCode=003200; statusCode=401`. */
const MESSAGE_CODE = /errorCode=(\d{1,9})/;

/** Builds one error from its members, whichever format carried them; shared with the XML reader. */
export function faultError(code: string | undefined, message?: string, detail?: string, element?: string) {
  const raw = code ?? (message === undefined ? undefined : MESSAGE_CODE.exec(message)?.[1]);
  return { code: raw === undefined ? undefined : normalizeCode(raw), message, detail, element };
}

function jsonFault(value: unknown): QuickbooksFault | undefined {
  const fault = object(value);
  if (fault === undefined) return undefined;
  const list = member(fault, 'Error');
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  const errors: QuickbooksFaultError[] = [];
  for (const item of items) {
    const e = object(item);
    if (e === undefined) continue;
    errors.push(faultError(text(e.code), text(member(e, 'Message')), text(member(e, 'Detail')), text(e.element)));
  }
  return { type: text(fault.type), errors };
}

/**
 * The Fault of a body, or undefined for a body without one:
 *
 * - `{ Fault: { Error: [{ Message, Detail, code, element }], type }, time }`, the API's own;
 * - `{ fault: { error: [{ message, detail, code }], type } }`, the gateway's (expired tokens, 3100/3200);
 * - `{ QueryResponse: { Fault } }`, a query's;
 * - the XML of either, `<IntuitResponse><Fault type><Error code element><Message/><Detail/></Error></Fault>`, as text.
 *
 * Faults of batch items are not the body's: see {@link readBatchFaults}.
 */
export function readQuickbooksFault(body: unknown): QuickbooksFault | undefined {
  if (typeof body === 'string') return readXmlFault(body);
  const b = object(body);
  if (b === undefined) return undefined;
  return jsonFault(member(b, 'Fault')) ?? jsonFault(member(object(b.QueryResponse), 'Fault'));
}

/** One failed item of a batch (or a multi-file upload) answer: its `bId` when it has one, and its Fault. */
export interface QuickbooksItemFault {
  readonly bId?: string | undefined;
  readonly fault: QuickbooksFault;
}

/** The items of a batch answer and those of them that failed. */
export interface QuickbooksBatchFaults {
  readonly items: number;
  readonly faults: readonly QuickbooksItemFault[];
}

/**
 * The per-item Faults of a `BatchItemResponse` (batch) or `AttachableResponse` (upload) answer, which QuickBooks
 * sends with HTTP 200 whatever each item's fate; undefined for any other body.
 */
export function readBatchFaults(body: unknown): QuickbooksBatchFaults | undefined {
  if (typeof body === 'string') return readXmlBatch(body);
  const b = object(body);
  const list = b === undefined ? undefined : (b.BatchItemResponse ?? b.AttachableResponse);
  if (!Array.isArray(list)) return undefined;
  const faults: QuickbooksItemFault[] = [];
  for (const item of list) {
    const fault = jsonFault(object(item)?.Fault);
    if (fault !== undefined) faults.push({ bId: text(object(item)?.bId), fault });
  }
  return { items: list.length, faults };
}
