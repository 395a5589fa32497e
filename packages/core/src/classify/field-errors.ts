import type { FieldError } from '../errors/types';
import { type JsonObject, MAX_SCAN, codeText, elementMessage, identifier, isObject, text } from './json-values';

/** Most field errors kept from one body. */
export const MAX_FIELD_ERRORS = 50;
const MAX_PATH_CHARS = 200;
/** How deep `error: { error: ... }` wrappers are followed. */
const MAX_WRAPPERS = 3;

/** Where a field error element names its field. */
const ELEMENT_PATH_KEYS = ['field', 'pointer', 'param', 'parameter', 'property', 'propertyPath', 'loc'] as const;
/** The same on the body itself or an `error` wrapper, where looser keys (`path`, `name`) mean other things. */
const ROOT_PATH_KEYS = ['field', 'pointer', 'param', 'parameter'] as const;

/**
 * Where an element sits: `root` is the body or an `error` wrapper (Spring's `path` is the URL
 * there); `params` is an RFC 9457 `invalid-params` list, whose elements name the field `name`.
 */
type Where = 'root' | 'list' | 'params';

/**
 * Collects field errors from the common shapes of JSON error bodies: `errors[]`
 * (`{field|pointer|source.pointer|param|loc, message|detail|..., code}`), `errors: {field: message |
 * messages[]}` (Jira, Shopify, Rails), `invalid-params[{name, reason}]` (RFC 9457),
 * `details[].fieldViolations[{field, description}]` (Google BadRequest), `details: {field:
 * [{description, error}]}` (Zendesk), `detail[{loc, msg, type}]` (FastAPI), `fields` (a map, or
 * Salesforce's `fields: [names]`), `fieldErrors`, `validationErrors`, the body's own `field` /
 * `param` (Stripe), and the same inside `error` wrappers. A top-level array is a list of elements.
 * JSON pointers become dotted paths (`/a/b/0` -> `a.b.0`).
 *
 * @returns at most {@link MAX_FIELD_ERRORS} errors, messages cut at 500 characters.
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
    const path = key;
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

/** A field path: a string, or an array of segments (`["input", "email"]`, FastAPI `loc`). */
function pathText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed.length === 0 ? undefined : trimmed;
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
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
  let p = pointer.trim();
  if (p.startsWith('#')) p = p.slice(1);
  if (!p.startsWith('/')) return pathText(p);
  const segments = p.slice(1).split('/', MAX_SCAN);
  for (let i = 0; i < segments.length; i++) {
    segments[i] = (segments[i] as string).replaceAll('~1', '/').replaceAll('~0', '~');
  }
  return pathText(segments.join('.'));
}
