import type { FieldError } from '../errors/types';

/** What {@link extractBodyFields} found in an error body. */
export interface BodyFields {
  /** The provider's human-readable message, at most {@link MAX_MESSAGE_CHARS} characters. */
  message?: string;
  /** The provider's error code, numbers stringified. */
  code?: string;
  /** Invalid fields, at most {@link MAX_FIELD_ERRORS}. */
  fieldErrors: FieldError[];
}

/** Most field errors kept from one body. */
export const MAX_FIELD_ERRORS = 50;
/** Longest message (overall or per field) kept, in characters. */
export const MAX_MESSAGE_CHARS = 500;
const MAX_CODE_CHARS = 200;
const MAX_PATH_CHARS = 200;
/** Elements or keys looked at per collection, so that a huge array costs no more than a small one. */
const MAX_SCAN = 200;
/** How deep `error: { error: ... }` wrappers are followed. */
const MAX_WRAPPERS = 3;

/** An identifier-like code: `invalid_grant`, `RATE_LIMITED`, `error.list`, `20404`. No spaces, no URIs. */
const IDENTIFIER = /^[\w.-]{1,100}$/;

/** Where a field error element keeps its message, most specific first. */
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
/** Where a field error element names its field. */
const ELEMENT_PATH_KEYS = ['field', 'pointer', 'param', 'parameter', 'property', 'propertyPath', 'loc'] as const;
/** The same on the body itself or an `error` wrapper, where looser keys (`path`, `name`) mean other things. */
const ROOT_PATH_KEYS = ['field', 'pointer', 'param', 'parameter'] as const;

/**
 * Where an element sits: `root` is the body or an `error` wrapper (Spring's `path` is the URL
 * there); `params` is an RFC 9457 `invalid-params` list, whose elements name the field `name`.
 */
type Where = 'root' | 'list' | 'params';

type JsonObject = Record<string, unknown>;

/**
 * Generic heuristics that pull a message, a code and field errors out of any JSON error body.
 * Adapters refine the result; this is what works when nothing is known about the provider.
 *
 * Message, first found: `error_description` (OAuth), `message`, `error.message` (and the wrapper's
 * `detail`/`description`/`title`/`errors[0]`), `detail`, `errorMessage`, `error_message`, `Message`,
 * `msg`, `title`, `errors` (a string, or its first element's message), `detail[0].msg` (FastAPI),
 * `errorMessages[0]` (Jira), `fault`/`Fault` (Apigee, QuickBooks), `description`, the first field
 * error, and last a string `error`.
 *
 * Code, first found: `code`, `error.status` (when `error.code` is just the HTTP status, as Google
 * sends), `error.code`, `error.type`, `errorCode`, `error_code`, `error` (an identifier string such as
 * `invalid_grant`), `errors[0].code`/`errorCode`/`extensions.code`, fault codes, and `type` unless it
 * is an RFC 9457 URI (`https://...`, `about:blank`). Numbers are stringified.
 *
 * Field errors from: `errors[]` (`{field|pointer|source.pointer|param|loc, message|detail|...,
 * code}`), `errors: {field: message | messages[]}` (Jira, Shopify, Rails), `invalid-params[{name,
 * reason}]` (RFC 9457), `details[].fieldViolations[{field, description}]` (Google BadRequest),
 * `details: {field: [{description, error}]}` (Zendesk), `detail[{loc, msg, type}]` (FastAPI),
 * `fields` (Salesforce `fields: [names]`), `fieldErrors`, `validationErrors`, and the same inside an
 * `error` wrapper. JSON pointers become dotted paths (`/a/b/0` -> `a.b.0`). A top-level array
 * (Salesforce) gives its field errors, and message and code from its first element.
 *
 * At most {@link MAX_FIELD_ERRORS} field errors; messages cut at {@link MAX_MESSAGE_CHARS}.
 * Never throws.
 *
 * @param body - a parsed JSON value (a string counts as the message).
 * @example
 * extractBodyFields({ error: 'invalid_grant', error_description: 'Token expired' });
 * // { message: 'Token expired', code: 'invalid_grant', fieldErrors: [] }
 */
export function extractBodyFields(body: unknown): BodyFields {
  try {
    return extract(body);
  } catch {
    // Only reachable through exotic values (throwing getters, proxies); JSON never gets here.
    return { fieldErrors: [] };
  }
}

function extract(body: unknown): BodyFields {
  const fieldErrors: FieldError[] = [];
  let root = body;
  if (Array.isArray(body)) {
    collectList(body, fieldErrors, 'list');
    root = firstUseful(body);
  }
  let message: string | undefined;
  let code: string | undefined;
  if (typeof root === 'string') {
    message = text(root);
  } else if (isObject(root)) {
    if (!Array.isArray(body)) collectShapes(root, fieldErrors, 0);
    message = findMessage(root);
    code = findCode(root);
  }
  if (message === undefined && fieldErrors.length > 0) {
    const first = fieldErrors[0] as FieldError;
    message = first.path.length > 0 ? cut(`${first.path}: ${first.message}`, MAX_MESSAGE_CHARS) : first.message;
  }
  const out: BodyFields = { fieldErrors };
  if (message !== undefined) out.message = message;
  if (code !== undefined) out.code = code;
  return out;
}

function firstUseful(list: readonly unknown[]): unknown {
  const n = Math.min(list.length, MAX_SCAN);
  for (let i = 0; i < n; i++) {
    const item = list[i];
    if (isObject(item) || (typeof item === 'string' && item.trim().length > 0)) return item;
  }
  return undefined;
}

// ---------------------------------------------------------------- message

function findMessage(root: JsonObject): string | undefined {
  const error = root.error;
  const wrapper = isObject(error) ? error : undefined;
  return (
    text(root.error_description) ??
    text(root.message) ??
    (wrapper === undefined ? undefined : wrapperMessage(wrapper)) ??
    text(root.detail) ??
    text(root.errorMessage) ??
    text(root.error_message) ??
    text(root.Message) ??
    text(root.msg) ??
    text(root.title) ??
    listMessage(root.errors) ??
    listMessage(root.detail) ??
    listMessage(root.errorMessages) ??
    faultMessage(root.fault ?? root.Fault) ??
    text(root.description) ??
    text(error)
  );
}

function wrapperMessage(error: JsonObject): string | undefined {
  return (
    text(error.message) ??
    text(error.error_description) ??
    text(error.detail) ??
    text(error.description) ??
    text(error.title) ??
    text(error.Message) ??
    listMessage(error.errors)
  );
}

/** `errors: "msg"`, `errors: ["msg"]`, `errors: [{message}]`. */
function listMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  if (!Array.isArray(value)) return undefined;
  const first = firstUseful(value);
  if (typeof first === 'string') return text(first);
  return isObject(first) ? elementMessage(first) : undefined;
}

function faultMessage(fault: unknown): string | undefined {
  if (typeof fault === 'string') return text(fault);
  if (!isObject(fault)) return undefined;
  return (
    text(fault.faultstring) ??
    text(fault.message) ??
    text(fault.Message) ??
    listMessage(fault.Error) ??
    listMessage(fault.error) ??
    listMessage(fault.errors)
  );
}

function elementMessage(element: JsonObject): string | undefined {
  for (const key of ELEMENT_MESSAGE_KEYS) {
    const value = text(element[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

// ---------------------------------------------------------------- code

function findCode(root: JsonObject): string | undefined {
  const error = root.error;
  const wrapper = isObject(error) ? error : undefined;
  return (
    codeText(root.code) ??
    (wrapper === undefined ? undefined : wrapperCode(wrapper)) ??
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
    // Google sends the HTTP status as `code`; the gRPC name in `status` (or the legacy
    // `errors[0].reason`) is what tells errors apart.
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
  if (!Array.isArray(value)) return undefined;
  const first = firstUseful(value);
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

// ---------------------------------------------------------------- field errors

function collectShapes(root: JsonObject, out: FieldError[], depth: number): void {
  collectElement(root, out, 'root');
  collectAny(root.errors, out, 'list');
  collectAny(root['invalid-params'], out, 'params');
  collectAny(root.invalid_params, out, 'params');
  collectAny(root.invalidParams, out, 'params');
  collectAny(root.fieldErrors, out, 'list');
  collectAny(root.field_errors, out, 'list');
  collectAny(root.validationErrors, out, 'list');
  collectAny(root.validation_errors, out, 'list');
  if (Array.isArray(root.detail)) collectList(root.detail, out, 'list');
  const details = root.details;
  if (Array.isArray(details)) {
    const n = Math.min(details.length, MAX_SCAN);
    for (let i = 0; i < n && out.length < MAX_FIELD_ERRORS; i++) {
      const entry = details[i];
      if (!isObject(entry)) continue;
      if (Array.isArray(entry.fieldViolations)) collectList(entry.fieldViolations, out, 'list');
      else collectElement(entry, out, 'list');
    }
  } else if (isObject(details)) {
    if (Array.isArray(details.fieldViolations)) collectList(details.fieldViolations, out, 'list');
    else collectMap(details, out, false);
  }
  if (isObject(root.fields)) collectMap(root.fields, out, true);
  const error = root.error;
  if (isObject(error) && depth < MAX_WRAPPERS) collectShapes(error, out, depth + 1);
}

/** An array of field-error elements or a `{field: message}` map. */
function collectAny(value: unknown, out: FieldError[], where: Where): void {
  if (Array.isArray(value)) collectList(value, out, where);
  else if (isObject(value)) collectMap(value, out, true);
}

function collectList(list: readonly unknown[], out: FieldError[], where: Where): void {
  const n = Math.min(list.length, MAX_SCAN);
  for (let i = 0; i < n && out.length < MAX_FIELD_ERRORS; i++) {
    const element = list[i];
    if (isObject(element)) collectElement(element, out, where);
  }
}

/** One element that names its field(s): `{field, message, code}`, `{pointer, detail}`, `{fields: [...], message}`. */
function collectElement(element: JsonObject, out: FieldError[], where: Where): void {
  const code = codeText(element.code) ?? codeText(element.errorCode) ?? identifier(element.type);
  const fields = element.fields;
  if (Array.isArray(fields)) {
    // Salesforce: one message for several fields.
    const message = elementMessage(element) ?? code;
    if (message === undefined) return;
    const n = Math.min(fields.length, MAX_SCAN);
    for (let i = 0; i < n && out.length < MAX_FIELD_ERRORS; i++) {
      const path = pathText(fields[i]);
      if (path !== undefined) push(out, path, message, code);
    }
    return;
  }
  const path = elementPath(element, where);
  if (path === undefined) return;
  const message = elementMessage(element) ?? code ?? 'Invalid value';
  push(out, path, message, code);
}

function elementPath(element: JsonObject, where: Where): string | undefined {
  for (const key of where === 'root' ? ROOT_PATH_KEYS : ELEMENT_PATH_KEYS) {
    const value = element[key];
    if (value === undefined) continue;
    const path = key === 'pointer' && typeof value === 'string' ? pointerPath(value) : pathText(value);
    if (path !== undefined) return path;
  }
  const source = element.source;
  if (isObject(source)) {
    if (typeof source.pointer === 'string') return pointerPath(source.pointer);
    const parameter = pathText(source.parameter);
    if (parameter !== undefined) return parameter;
  }
  if (where === 'root') return undefined;
  // A GraphQL error's `path` is where in the *response* it happened, not an input field.
  if (element.locations === undefined && element.path !== undefined) {
    const path = pathText(element.path);
    if (path !== undefined) return path;
  }
  // Google's legacy format names a bad parameter in `location`; other location types are headers.
  if (element.locationType === 'parameter') {
    const location = pathText(element.location);
    if (location !== undefined) return location;
  }
  return where === 'params' ? pathText(element.name) : undefined;
}

/** `{field: "msg"}`, `{field: ["msg", ...]}`, `{field: [{description, error}]}`, `{field: {message}}`. */
function collectMap(map: JsonObject, out: FieldError[], allowStrings: boolean): void {
  let seen = 0;
  for (const key in map) {
    if (seen++ >= MAX_SCAN || out.length >= MAX_FIELD_ERRORS) return;
    if (!Object.hasOwn(map, key)) continue;
    const path = cut(key, MAX_PATH_CHARS);
    const value = map[key];
    if (typeof value === 'string') {
      const message = text(value);
      if (allowStrings && message !== undefined) push(out, path, message, undefined);
    } else if (Array.isArray(value)) {
      const n = Math.min(value.length, MAX_SCAN);
      for (let i = 0; i < n && out.length < MAX_FIELD_ERRORS; i++) {
        const item = value[i];
        if (typeof item === 'string') {
          const message = text(item);
          if (message !== undefined) push(out, path, message, undefined);
        } else if (isObject(item)) {
          pushMapObject(out, path, item);
        }
      }
    } else if (isObject(value)) {
      pushMapObject(out, path, value);
    }
  }
}

function pushMapObject(out: FieldError[], path: string, item: JsonObject): void {
  const code = codeText(item.code) ?? identifier(item.error) ?? identifier(item.type);
  const message = elementMessage(item) ?? code;
  if (message !== undefined) push(out, path, message, code);
}

function push(out: FieldError[], path: string, message: string, code: string | undefined): void {
  if (out.length >= MAX_FIELD_ERRORS) return;
  out.push(code === undefined ? { path, message } : { path, message, code });
}

// ---------------------------------------------------------------- values

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string, trimmed and cut to {@link MAX_MESSAGE_CHARS}. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length === 0 ? undefined : cut(trimmed, MAX_MESSAGE_CHARS);
}

/** A code: any non-blank string, or a finite number stringified. */
function codeText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length === 0 ? undefined : cut(trimmed, MAX_CODE_CHARS);
}

/** A string that looks like an identifier (so not a sentence, not a URI). */
function identifier(value: unknown): string | undefined {
  return typeof value === 'string' && IDENTIFIER.test(value) ? value : undefined;
}

/** A field path: a string, or an array of segments (`["input", "email"]`, FastAPI `loc`). */
function pathText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed.length === 0 ? undefined : cut(trimmed, MAX_PATH_CHARS);
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  let path = '';
  const n = Math.min(value.length, MAX_SCAN);
  for (let i = 0; i < n && path.length <= MAX_PATH_CHARS; i++) {
    const segment = value[i];
    if (typeof segment !== 'string' && typeof segment !== 'number') return undefined;
    path = i === 0 ? String(segment) : `${path}.${segment}`;
  }
  return path.length === 0 ? undefined : cut(path, MAX_PATH_CHARS);
}

/** RFC 6901 JSON pointer (also in `#/...` fragment form) to a dotted path: `/a/b~1c/0` -> `a.b/c.0`. */
function pointerPath(pointer: string): string | undefined {
  let p = pointer.trim();
  if (p.startsWith('#')) p = p.slice(1);
  if (!p.startsWith('/')) return pathText(p);
  const segments = p.slice(1).split('/', MAX_SCAN);
  for (let i = 0; i < segments.length; i++) {
    segments[i] = (segments[i] as string).replaceAll('~1', '/').replaceAll('~0', '~');
  }
  return pathText(segments.join('.'));
}

function cut(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}
