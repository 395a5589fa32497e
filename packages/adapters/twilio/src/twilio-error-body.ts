// Twilio's three error bodies, read by hand: zod would put kilobytes into every app bundle for a few members
// (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.

type JsonObject = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const integer = (value: unknown): number | undefined => (Number.isInteger(value) ? (value as number) : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** Which of Twilio's error bodies an answer carried. */
export type TwilioErrorShape = 'problem' | 'errors' | 'legacy';

/** The members of a Twilio error that classification reads, whichever body carried them. */
export interface TwilioError {
  readonly shape: TwilioErrorShape;
  /** Twilio's error code (`20404`, `21211`, `20429`): the code, not the HTTP status, names the problem. */
  readonly code?: number | undefined;
  /** `message` (legacy, errors list), or the problem's `detail`, else its `title`. */
  readonly message?: string | undefined;
  /** The status the body states (legacy and problem bodies). */
  readonly status?: number | undefined;
}

/**
 * RFC 9457 problem details as Twilio sends them: picked, as the official SDK picks them, only when `type` and
 * `title` are strings and `status` and `code` are numbers (twilio-node src/base/TwilioServiceException.ts
 * `isRFC9457Response`).
 */
export function readTwilioProblem(body: unknown): TwilioError | undefined {
  const b = object(body);
  if (b === undefined || typeof b.type !== 'string' || typeof b.title !== 'string') return undefined;
  if (typeof b.status !== 'number' || typeof b.code !== 'number') return undefined;
  const detail = text(b.detail);
  return {
    shape: 'problem',
    code: integer(b.code),
    message: detail === undefined || detail === '' ? b.title : detail,
    status: b.status,
  };
}

/** `{errors: [{code, message, infoUrl, context}]}` (Bulk Messaging, `comms.twilio.com/v1`): the first error. */
export function readTwilioErrorList(body: unknown): TwilioError | undefined {
  const list = object(body)?.errors;
  const first = Array.isArray(list) ? object(list[0]) : undefined;
  if (first === undefined) return undefined;
  const code = integer(first.code);
  const message = text(first.message);
  if (code === undefined && message === undefined) return undefined;
  return { shape: 'errors', code, message, status: undefined };
}

/** `{code, message, more_info, status, details?}`: the 2010 API's and most v1/v2 products' body. */
export function readTwilioLegacyError(body: unknown): TwilioError | undefined {
  const b = object(body);
  const message = text(b?.message);
  if (b === undefined || message === undefined) return undefined;
  return { shape: 'legacy', code: integer(b.code), message, status: integer(b.status) };
}

/**
 * The error a Twilio body carries, in the official SDK's order (twilio-node src/base/Version.ts
 * `throwException`: problem details first, else the legacy body), with Bulk Messaging's `errors[]` list in
 * between; undefined for a body that is none of them (a success, a proxy's page).
 */
export function readTwilioError(body: unknown): TwilioError | undefined {
  return readTwilioProblem(body) ?? readTwilioErrorList(body) ?? readTwilioLegacyError(body);
}
