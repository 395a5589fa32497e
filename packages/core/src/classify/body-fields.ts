// Generic heuristics that pull a message, a code and field errors out of any JSON error body: what works
// when nothing is known about the provider; adapters refine it. Texts are trimmed but NOT cut here: they
// are cut only after redaction (classifyResponse), since a cut through a secret leaves a piece no redactor
// recognizes. Every collection is scanned to a bound, so a huge body costs no more than a small one.
import type { Classification, FieldError } from '../errors/types';

/** A JSON object as the heuristics see it. */
export type JsonObject = Record<string, unknown>;

/** What {@link extractBodyFields} found in an error body: numeric codes stringified, at most {@link MAX_FIELD_ERRORS}. */
type BodyFields = Pick<Classification, 'message' | 'code' | 'fieldErrors'>;

/** Longest message (overall or per field) kept once redacted, in characters. */
export const MAX_MESSAGE_CHARS = 500;
/** Most field errors kept from one body. */
export const MAX_FIELD_ERRORS = 50;
/** Elements or keys looked at per collection. */
const MAX_SCAN = 200;
const MAX_PATH_CHARS = 200;
/** How deep `error: { error: ... }` wrappers are followed. */
const MAX_WRAPPERS = 3;
/** An identifier-like code: `invalid_grant`, `RATE_LIMITED`, `error.list`, `20404`. No spaces, no URIs. */
const IDENTIFIER = /^[\w.-]{1,100}$/;

// Key lists, most specific first.
const ELEMENT_MESSAGE =
  'message detail description msg reason defaultMessage userPresentableMessage Message title'.split(' ');
const WRAPPER_MESSAGE = 'message error_description detail description title Message'.split(' ');
// `Detail`: RFC 9457's member as ASP.NET's PascalCase serializers write it (Xero's 401/403).
const ROOT_MESSAGE = 'detail Detail errorMessage error_message Message msg title'.split(' ');
const FAULT_MESSAGE = 'faultstring message Message'.split(' ');
const ELEMENT_PATH = 'field pointer param parameter property propertyPath loc'.split(' ');
/** On the body itself or an `error` wrapper, looser keys (`path`, `name`) mean other things (Spring's `path` is the URL). */
const ROOT_PATH = 'field pointer param parameter'.split(' ');

/**
 * Message, code and field errors of any JSON error body, the first found in the order `findMessage` and `findCode`
 * try them (OAuth's `error_description`, `message`, an `error` or `problem` wrapper's, RFC 9457's `detail`, `errors`,
 * FastAPI's `detail[0].msg`, Jira's `errorMessages`, SOAP-style faults, ..., the first field error, a string
 * `error`). A top-level array (Salesforce) gives its field errors, and message and code from its first element.
 * Never throws.
 *
 * @example
 * extractBodyFields({ error: 'invalid_grant', error_description: 'Token expired' });
 * // { message: 'Token expired', code: 'invalid_grant', fieldErrors: [] }
 */
export function extractBodyFields(body: unknown): BodyFields {
  try {
    const fieldErrors = collectFieldErrors(body);
    const root = Array.isArray(body) ? firstUseful(body) : body;
    let message = typeof root === 'string' ? text(root) : isObject(root) ? findMessage(root) : undefined;
    const first = fieldErrors[0];
    if (message === undefined && first !== undefined) {
      message = first.path.length > 0 ? `${first.path}: ${first.message}` : first.message;
    }
    return { message, code: isObject(root) ? findCode(root) : undefined, fieldErrors };
  } catch {
    // Only reachable through exotic values (throwing getters, proxies); JSON never gets here.
    return { fieldErrors: [] };
  }
}

function findMessage(root: JsonObject): string | undefined {
  // Xero Payroll wraps problem details in `problem` (`{ id, ..., problem: { title, detail } }`).
  const error = root.error ?? root.problem;
  return (
    text(root.error_description) ??
    text(root.message) ??
    (isObject(error) ? (firstOf(error, WRAPPER_MESSAGE) ?? listMessage(error.errors)) : undefined) ??
    firstOf(root, ROOT_MESSAGE) ??
    listMessage(root.errors) ??
    listMessage(root.detail) ??
    listMessage(root.errorMessages) ??
    faultMessage(root.fault ?? root.Fault) ??
    text(root.description) ??
    text(root.error)
  );
}

/** `errors: "msg"`, `errors: ["msg"]`, `errors: [{message}]`. */
function listMessage(value: unknown): string | undefined {
  const first = Array.isArray(value) ? firstUseful(value) : value;
  return typeof first === 'string'
    ? text(first)
    : isObject(first) && value !== first
      ? elementMessage(first)
      : undefined;
}

function faultMessage(fault: unknown): string | undefined {
  if (!isObject(fault)) return text(fault);
  return (
    firstOf(fault, FAULT_MESSAGE) ?? listMessage(fault.Error) ?? listMessage(fault.error) ?? listMessage(fault.errors)
  );
}

function findCode(root: JsonObject): string | undefined {
  const error = root.error;
  return (
    codeText(root.code) ??
    (isObject(error) ? wrapperCode(error) : undefined) ??
    codeText(root.errorCode) ??
    codeText(root.error_code) ??
    identifier(error) ??
    listCode(root.errors) ??
    faultCode(root.fault ?? root.Fault) ??
    identifier(root.type)
  );
}

function wrapperCode(error: JsonObject): string | undefined {
  const status = identifier(error.status);
  if (typeof error.code === 'number' && error.code >= 100 && error.code <= 599) {
    // Google sends the HTTP status as `code`; the gRPC name in `status` (or the legacy `errors[0].reason`)
    // is what tells errors apart.
    return status ?? listCode(error.errors) ?? identifier(error.type) ?? String(error.code);
  }
  return (
    codeText(error.code) ??
    identifier(error.type) ??
    codeText(error.errorCode) ??
    codeText(error.error_code) ??
    status ??
    listCode(error.errors)
  );
}

function listCode(value: unknown): string | undefined {
  const first = Array.isArray(value) ? firstUseful(value) : undefined;
  if (!isObject(first)) return undefined;
  const extensions = first.extensions;
  return (
    codeText(first.code) ??
    codeText(first.errorCode) ??
    identifier(first.reason) ??
    (isObject(extensions) ? codeText(extensions.code) : undefined)
  );
}

function faultCode(fault: unknown): string | undefined {
  if (!isObject(fault)) return undefined;
  const detail = fault.detail;
  return (
    (isObject(detail) ? codeText(detail.errorcode) : undefined) ??
    codeText(fault.faultcode) ??
    listCode(fault.Error) ??
    listCode(fault.error) ??
    identifier(fault.type)
  );
}

/**
 * Where an element sits: `root` is the body or an `error` wrapper; `params` is an RFC 9457
 * `invalid-params` list, whose elements name the field `name`.
 */
type Where = 'root' | 'list' | 'params';

/**
 * Field errors from the common shapes of JSON error bodies: `errors[]` or `errors: {field: messages}` (JSON:API,
 * Jira, Shopify, Rails), RFC 9457 `invalid-params` (Xero's `invalidFields`), Google's `details[].fieldViolations`,
 * Zendesk's `details` map, FastAPI's `detail[]`, `fields` (a map, or Salesforce's list of names), the body's own
 * `field`/`param` (Stripe), and the same inside `error`/`problem` wrappers. JSON pointers become dotted paths
 * (`/a/b/0` -> `a.b.0`). At most {@link MAX_FIELD_ERRORS}.
 *
 * @example
 * collectFieldErrors({ errors: { title: ["can't be blank"] } }); // [{ path: 'title', message: "can't be blank" }]
 */
export function collectFieldErrors(body: unknown): FieldError[] {
  const out: FieldError[] = [];
  if (Array.isArray(body)) collectList(body, out, 'list');
  else if (isObject(body)) collectShapes(body, out, 0);
  return out;
}

function collectShapes(root: JsonObject, out: FieldError[], depth: number): void {
  collectElement(root, out, 'root');
  // Named reads, not a loop over key names: keyed reads across every body's shape are several times slower.
  collectAny(root.errors, out, 'list');
  collectAny(root['invalid-params'], out, 'params');
  collectAny(root.invalid_params, out, 'params');
  collectAny(root.invalidParams, out, 'params');
  // Xero Payroll's name for RFC 9457 `invalid-params`: `[{ name, reason }]`.
  collectAny(root.invalidFields, out, 'params');
  collectAny(root.fieldErrors, out, 'list');
  collectAny(root.field_errors, out, 'list');
  collectAny(root.validationErrors, out, 'list');
  collectAny(root.validation_errors, out, 'list');
  if (Array.isArray(root.detail)) collectList(root.detail, out, 'list');
  const details = root.details;
  if (Array.isArray(details)) {
    for (const entry of details.slice(0, MAX_SCAN)) {
      if (!isObject(entry)) continue;
      if (Array.isArray(entry.fieldViolations)) collectList(entry.fieldViolations, out, 'list');
      else collectElement(entry, out, 'list');
    }
  } else if (isObject(details)) {
    if (Array.isArray(details.fieldViolations)) collectList(details.fieldViolations, out, 'list');
    else collectMap(details, out, false);
  }
  if (isObject(root.fields)) collectMap(root.fields, out, true);
  const error = root.error ?? root.problem;
  if (isObject(error) && depth < MAX_WRAPPERS) collectShapes(error, out, depth + 1);
}

/** An array of field-error elements or a `{field: message}` map. */
function collectAny(value: unknown, out: FieldError[], where: Where): void {
  if (Array.isArray(value)) collectList(value, out, where);
  else if (isObject(value)) collectMap(value, out, true);
}

function collectList(list: readonly unknown[], out: FieldError[], where: Where): void {
  for (const element of list.slice(0, MAX_SCAN)) if (isObject(element)) collectElement(element, out, where);
}

/** One element that names its field(s): `{field, message, code}`, `{pointer, detail}`, `{fields: [...], message}`. */
function collectElement(element: JsonObject, out: FieldError[], where: Where): void {
  const code = codeText(element.code) ?? codeText(element.errorCode) ?? identifier(element.type);
  const fields = element.fields;
  if (Array.isArray(fields)) {
    // Salesforce: one message for several fields.
    const message = elementMessage(element) ?? code;
    if (message === undefined) return;
    for (const field of fields.slice(0, MAX_SCAN)) {
      const path = pathText(field);
      if (path !== undefined) push(out, path, message, code);
    }
    return;
  }
  const path = elementPath(element, where);
  if (path !== undefined) push(out, path, elementMessage(element) ?? code ?? 'Invalid value', code);
}

function elementPath(element: JsonObject, where: Where): string | undefined {
  for (const key of where === 'root' ? ROOT_PATH : ELEMENT_PATH) {
    const value = element[key];
    const path = key === 'pointer' && typeof value === 'string' ? pointerPath(value) : pathText(value);
    if (path !== undefined) return path;
  }
  const source = element.source;
  if (isObject(source)) {
    const path = typeof source.pointer === 'string' ? pointerPath(source.pointer) : pathText(source.parameter);
    if (path !== undefined || typeof source.pointer === 'string') return path;
  }
  if (where === 'root') return undefined;
  // A GraphQL error's `path` is where in the *response* it happened, not an input field.
  const path = element.locations === undefined ? pathText(element.path) : undefined;
  if (path !== undefined) return path;
  // Google's legacy format names a bad parameter in `location`; other location types are headers.
  const location = element.locationType === 'parameter' ? pathText(element.location) : undefined;
  return location ?? (where === 'params' ? pathText(element.name) : undefined);
}

/** `{field: "msg"}`, `{field: ["msg", ...]}`, `{field: [{description, error}]}`, `{field: {message}}`. */
function collectMap(map: JsonObject, out: FieldError[], allowStrings: boolean): void {
  let seen = 0;
  for (const path in map) {
    if (seen++ >= MAX_SCAN || out.length >= MAX_FIELD_ERRORS) return;
    if (!Object.hasOwn(map, path)) continue;
    const value = map[path];
    const list = Array.isArray(value);
    for (const item of list ? value.slice(0, MAX_SCAN) : [value]) {
      const message = typeof item === 'string' ? text(item) : undefined;
      // A bare string is a message in a list, or in a map that holds messages (not Zendesk's `details`).
      if (message !== undefined && (allowStrings || list)) push(out, path, message, undefined);
      else if (isObject(item)) {
        const code = codeText(item.code) ?? identifier(item.error) ?? identifier(item.type);
        const described = elementMessage(item) ?? code;
        if (described !== undefined) push(out, path, described, code);
      }
    }
  }
}

function push(out: FieldError[], path: string, message: string, code: string | undefined): void {
  if (out.length < MAX_FIELD_ERRORS) out.push(code === undefined ? { path, message } : { path, message, code });
}

/** A field path: a string, or an array of segments (`["input", "email"]`, FastAPI `loc`). */
function pathText(value: unknown): string | undefined {
  if (!Array.isArray(value)) return text(value);
  let path = '';
  const n = Math.min(value.length, MAX_SCAN);
  for (let i = 0; i < n && path.length <= MAX_PATH_CHARS; i++) {
    const segment = value[i];
    if (typeof segment !== 'string' && typeof segment !== 'number') return undefined;
    path = i === 0 ? String(segment) : `${path}.${segment}`;
  }
  return path.length === 0 ? undefined : path;
}

/** RFC 6901 JSON pointer (also in `#/...` fragment form) to a dotted path: `/a/b~1c/0` -> `a.b/c.0`. */
function pointerPath(pointer: string): string | undefined {
  const p = pointer.trim().replace(/^#/, '');
  if (!p.startsWith('/')) return pathText(p);
  const segments = p.slice(1).split('/', MAX_SCAN);
  return pathText(segments.map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~')).join('.'));
}

/** Is `value` a JSON object (not null, not an array)? */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string, trimmed (not cut). */
export function text(value: unknown): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed.length === 0 ? undefined : trimmed;
}

/** A code: any non-blank string, or a finite number stringified. */
export function codeText(value: unknown): string | undefined {
  return typeof value === 'number' ? (Number.isFinite(value) ? String(value) : undefined) : text(value);
}

/** A string that looks like an identifier (so not a sentence, not a URI). */
export function identifier(value: unknown): string | undefined {
  return typeof value === 'string' && IDENTIFIER.test(value) ? value : undefined;
}

/** The message of one error element (`message`, `detail`, `description`, `msg`, `reason`, ...). */
export function elementMessage(element: JsonObject): string | undefined {
  return firstOf(element, ELEMENT_MESSAGE);
}

/** The first object or non-blank string among the first {@link MAX_SCAN} elements. */
export function firstUseful(list: readonly unknown[]): unknown {
  return list.slice(0, MAX_SCAN).find((item) => isObject(item) || text(item) !== undefined);
}

/** `value` cut to at most `max` characters. */
export function cut(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

/** The first of `names` that holds a non-blank string, trimmed. */
function firstOf(o: JsonObject, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = text(o[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}
