import type { FieldError } from '../errors/types';
import { MAX_FIELD_ERRORS, collectFieldErrors } from './field-errors';
import {
  type JsonObject,
  MAX_MESSAGE_CHARS,
  codeText,
  elementMessage,
  firstUseful,
  identifier,
  isObject,
  text,
} from './json-values';

export { MAX_FIELD_ERRORS, MAX_MESSAGE_CHARS };

/** What {@link extractBodyFields} found in an error body. */
export interface BodyFields {
  /** The provider's human-readable message, at most {@link MAX_MESSAGE_CHARS} characters. */
  message?: string;
  /** The provider's error code, numbers stringified. */
  code?: string;
  /** Invalid fields, at most {@link MAX_FIELD_ERRORS}. */
  fieldErrors: FieldError[];
}

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
 * Field errors: see {@link collectFieldErrors} (RFC 9457, JSON:API, Jira, Shopify, Google,
 * Zendesk, FastAPI, Salesforce shapes). A top-level array (Salesforce) gives its field errors, and
 * message and code from its first element.
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
  const fieldErrors = collectFieldErrors(body);
  const root = Array.isArray(body) ? firstUseful(body) : body;
  let message: string | undefined;
  let code: string | undefined;
  if (typeof root === 'string') {
    message = text(root);
  } else if (isObject(root)) {
    message = findMessage(root);
    code = findCode(root);
  }
  if (message === undefined && fieldErrors.length > 0) {
    const first = fieldErrors[0] as FieldError;
    message = first.path.length > 0 ? `${first.path}: ${first.message}` : first.message;
  }
  const out: BodyFields = { fieldErrors };
  if (message !== undefined) out.message = message;
  if (code !== undefined) out.code = code;
  return out;
}

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
