// OData error bodies (OData JSON Format v4.01 §21 "Error Response"; v2/v3 verbose JSON), read once for every adapter
// whose API speaks OData: Microsoft Graph, SharePoint REST, Dynamics 365, Azure Table storage, SAP. Pure and lenient:
// one odd member costs that member only, and nesting and lists are read to a bound, so a hostile body costs no more
// than a small one. Plain code: zod would cost every bundle 8 KB (docs/decisions/zod-at-runtime.md).
import type { FieldError } from '../../errors/types';
import type { ClassifyVerdict } from '../types';

type JsonObject = Readonly<Record<string, unknown>>;

/** `innererror` objects followed at most: real services nest two or three. */
const MAX_DEPTH = 8;
/** Items of `details` read at most. */
const MAX_DETAILS = 50;

const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
/** A non-empty string, or a number as text (`"code": 429`); anything else reads as absent. */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? (value === '' ? undefined : value) : Number.isFinite(value) ? String(value) : undefined;

/** One item of an OData error's `details`; `target` is what it is about (a property name or path). */
export interface ODataErrorDetail {
  readonly code: string | undefined;
  readonly message: string | undefined;
  readonly target: string | undefined;
}

/**
 * An OData error body, as {@link readODataError} reads it. `codes` lists every code from `error.code` down the nested
 * `innererror` chain, outermost first: services put the more specific codes deeper ("use the most detailed one that
 * they understand", Microsoft Graph's errors page). `requestId`, `clientRequestId` (the client's id, echoed) and
 * `date` (as sent: Graph's has no zone) come from the first `innererror` that has them.
 */
export interface ODataError {
  /** `error.code` (`itemNotFound`, `Request_ResourceNotFound`); absent when empty. */
  readonly code: string | undefined;
  /** `error.message`: a string, or the `value` of a v2/v3 `{lang, value}` message. */
  readonly message: string | undefined;
  readonly target: string | undefined;
  /** The object items of `error.details`, at most 50. */
  readonly details: readonly ODataErrorDetail[];
  readonly codes: readonly string[];
  readonly requestId: string | undefined;
  readonly clientRequestId: string | undefined;
  readonly date: string | undefined;
  /** The outermost `innererror` as sent, for members a service adds (`status`, `resyncLink`, ...). */
  readonly innerError: JsonObject | undefined;
}

/**
 * Reads an OData error body: `{"error": {code, message, target?, details?, innererror?}}` (v4; `innerError` as
 * Microsoft Graph spells it is read too) or `{"odata.error": {code, message: {lang, value}}}` (v2/v3 verbose JSON).
 * Undefined for any other body, including an `error` that is a string (OAuth 2.0) or has neither code nor message.
 * Never throws on JSON.
 *
 * @example
 * const e = readODataError({ error: { code: 'resyncRequired', innerError: { code: 'resyncApplyDifferences' } } });
 * e?.codes; // ['resyncRequired', 'resyncApplyDifferences']
 */
export function readODataError(body: unknown): ODataError | undefined {
  const root = object(body);
  const error = object(root?.error) ?? object(root?.['odata.error']);
  if (error === undefined) return undefined;
  const code = text(error.code);
  const message = text(error.message) ?? text(object(error.message)?.value);
  if (code === undefined && message === undefined) return undefined;
  const codes: string[] = code === undefined ? [] : [code];
  let requestId: string | undefined;
  let clientRequestId: string | undefined;
  let date: string | undefined;
  const first = innerOf(error);
  let inner = first;
  for (let depth = 0; inner !== undefined && depth < MAX_DEPTH; depth++) {
    const innerCode = text(inner.code);
    if (innerCode !== undefined) codes.push(innerCode);
    requestId ??= text(inner['request-id']);
    clientRequestId ??= text(inner['client-request-id']);
    date ??= text(inner.date);
    inner = innerOf(inner);
  }
  return {
    code,
    message,
    target: text(error.target),
    details: readDetails(error.details),
    codes,
    requestId,
    clientRequestId,
    date,
    innerError: first,
  };
}

/** The spec's `innererror`, or Microsoft Graph's `innerError` (its docs use both spellings). */
function innerOf(error: JsonObject): JsonObject | undefined {
  return object(error.innererror) ?? object(error.innerError);
}

function readDetails(value: unknown): ODataErrorDetail[] {
  const out: ODataErrorDetail[] = [];
  for (const item of Array.isArray(value) ? value : []) {
    const o = object(item);
    if (o !== undefined) out.push({ code: text(o.code), message: text(o.message), target: text(o.target) });
    if (out.length >= MAX_DETAILS) break;
  }
  return out;
}

/**
 * A `classify` verdict for an OData error body, without kinds (they are each service's own): the basic code, the
 * message, the body's request id, and `details` that name a `target` as field errors. Undefined for any other body,
 * so an adapter can map codes to kinds on top of it.
 *
 * @example
 * classify: (ctx) => { const v = odataErrorVerdict(ctx.body); return v && { ...v, kind: kindOf(v.code) }; },
 */
export function odataErrorVerdict(body: unknown): ClassifyVerdict | undefined {
  const e = readODataError(body);
  if (e === undefined) return undefined;
  const fieldErrors: FieldError[] = [];
  for (const d of e.details) {
    const message = d.message ?? d.code;
    if (d.target === undefined || message === undefined) continue;
    fieldErrors.push(d.code === undefined ? { path: d.target, message } : { path: d.target, message, code: d.code });
  }
  return {
    ...(e.code === undefined ? {} : { code: e.code }),
    ...(e.message === undefined ? {} : { message: e.message }),
    ...(e.requestId === undefined ? {} : { requestId: e.requestId }),
    ...(fieldErrors.length === 0 ? {} : { fieldErrors }),
  };
}
