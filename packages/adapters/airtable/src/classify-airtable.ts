// How Airtable's answers read in Rosetta's model beyond core's status table: the error type (any of its three body
// shapes) decides the kind, a 429 is told apart as "wait" (rate limit, then a 30-second penalty) or "quota spent"
// (the billing plan's monthly calls), the field named inside a 422 message, OAuth token errors, and a 2xx whose body
// is not an object.
import {
  type ClassifyContext,
  type ClassifyVerdict,
  type ErrorKind,
  type FieldError,
  oauthErrorVerdict,
} from '@rosetta/core';
import { type AirtableError, readAirtableError } from './airtable-error-body';

/**
 * After a 429, "you ... must wait 30 seconds before subsequent requests will succeed"; Airtable sends no
 * Retry-After, so this is the wait when none is given (support.airtable.com managing-api-call-limits-in-airtable;
 * airtable.com/developers/web/api/errors, 429).
 */
export const AIRTABLE_PENALTY_MS = 30_000;

/**
 * The types Airtable documents (airtable.com/developers/web/api/errors; support.airtable.com
 * airtable-api-common-troubleshooting) and those the official client names (Airtable/airtable.js src/base.ts
 * `_checkStatusForError`). The type wins over the status; a type not listed keeps the status reading.
 */
const AIRTABLE_KINDS: Readonly<Record<string, ErrorKind>> = {
  // Missing, malformed, expired and revoked tokens all answer this one type.
  AUTHENTICATION_REQUIRED: 'authentication',
  // "You don't have the right permission for the resource, or the resource was not found": Airtable merges the two
  // on purpose, so an unknown base or table reads as a permission error, as Airtable says it.
  INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND: 'permission',
  INVALID_PERMISSIONS: 'permission',
  NOT_AUTHORIZED: 'permission',
  NOT_FOUND: 'not_found',
  REQUEST_TOO_LARGE: 'validation',
  INVALID_REQUEST_UNKNOWN: 'validation',
  UNKNOWN_FIELD_NAME: 'validation',
  INVALID_VALUE_FOR_COLUMN: 'validation',
  // "Insufficient permissions to create new select option": a value outside the field's choices, not an access error.
  INVALID_MULTIPLE_CHOICE_OPTIONS: 'validation',
  // The list's `offset` expired ("It may then restart iteration from the beginning"): resending it never works.
  LIST_RECORDS_ITERATOR_NOT_AVAILABLE: 'conflict',
  RATE_LIMIT_REACHED: 'rate_limited',
  TOO_MANY_REQUESTS: 'rate_limited',
  // The workspace spent its plan's monthly API calls (Free and Team plans): no wait of ours brings them back.
  PUBLIC_API_BILLING_LIMIT_EXCEEDED: 'quota_exceeded',
  SERVER_ERROR: 'server',
  SERVICE_UNAVAILABLE: 'unavailable',
};

const JSON_TYPE = /\bjson\b/i;

const kindOf = (type: string): ErrorKind | undefined =>
  Object.hasOwn(AIRTABLE_KINDS, type) ? AIRTABLE_KINDS[type] : undefined;

/** 422 messages carry the field's name only in their text: `Unknown field name: "X"`, `Field "X" cannot accept ...`. */
const FIELD_IN_MESSAGE = [/^Unknown field name: "(.+)"$/, /^Field "(.+?)" cannot accept/];

function fieldErrors(e: AirtableError): FieldError[] {
  const message = e.message;
  if (message === undefined) return [];
  for (const pattern of FIELD_IN_MESSAGE) {
    const field = pattern.exec(message)?.[1];
    if (field !== undefined) return [{ path: field, message, code: e.type }];
  }
  return [];
}

/** Airtable's error as a verdict: the kind of its type and, on a throttle, the documented 30-second wait. */
function errorVerdict(e: AirtableError, ctx: ClassifyContext): ClassifyVerdict {
  const kind = kindOf(e.type) ?? ctx.defaults?.kind;
  const fields = fieldErrors(e);
  return {
    ...(kind === undefined ? {} : { kind }),
    code: e.type,
    ...(e.message === undefined || e.message === '' ? {} : { message: e.message }),
    ...(fields.length === 0 ? {} : { fieldErrors: fields }),
    ...(kind === 'rate_limited' ? { retryAfterMs: ctx.readings.retryAfterMs ?? AIRTABLE_PENALTY_MS } : {}),
  };
}

/**
 * Airtable's own reading of a response, on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyAirtable });
 */
export function classifyAirtable(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) {
    // The official client rejects any 2xx body that is not an object (src/base.ts `_getErrorForNonObjectBody`): the
    // Web API answers objects only, so a JSON array or scalar is not Airtable's answer. Text read raw is data.
    const b = ctx.body;
    if (!JSON_TYPE.test(ctx.headers['content-type'] ?? '')) return undefined;
    if (b === undefined || (typeof b === 'object' && b !== null && !Array.isArray(b))) return undefined;
    return { kind: 'invalid_response', code: 'non_object_body', message: 'expected a JSON object from Airtable' };
  }
  const e = readAirtableError(ctx.body);
  if (e !== undefined) return errorVerdict(e, ctx);
  // airtable.com/oauth2/v1/token answers RFC 6749 bodies (`{"error": "invalid_grant"}`).
  const oauth = oauthErrorVerdict(ctx.body);
  if (oauth !== undefined) return oauth;
  // A 429 without a readable type (an empty body): the rate limit, whose penalty is 30 seconds.
  return ctx.status === 429 ? { retryAfterMs: ctx.readings.retryAfterMs ?? AIRTABLE_PENALTY_MS } : undefined;
}
