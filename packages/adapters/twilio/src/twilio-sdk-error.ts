import type { ResponseInput } from '@rosetta/core';

/** The members twilio-node's two exceptions set (see {@link readTwilioSdkError}). */
interface TwilioExceptionShape {
  readonly status: unknown;
  readonly code?: unknown;
  readonly moreInfo?: unknown;
  readonly details?: unknown;
  readonly type?: unknown;
  readonly title?: unknown;
  readonly detail?: unknown;
  readonly instance?: unknown;
  readonly errors?: unknown;
}

/** Only the members that are set: the SDK leaves the others undefined, which a JSON body never holds. */
const defined = (entries: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));

/**
 * Reads twilio-node's errors (twilio/twilio-node@45d3d65a4ea87652f4c7973af0e0998f3af31322 src/base/Version.ts
 * `throwException`) as the body they were built from. `RestException` (src/base/RestException.ts) keeps the HTTP
 * `status` and the legacy body's `message`, `code`, `more_info` as `moreInfo` and `details`; a body that was not
 * JSON leaves only its own message, `[HTTP <status>] Failed to execute request`. `TwilioServiceException`
 * (src/base/TwilioServiceException.ts), thrown for an RFC 9457 body, keeps `type`, `title`, `status` (the body's),
 * `code`, `detail`, `instance` and `errors`. Neither keeps the response headers (no `Retry-After`) nor the request.
 * Both are plain `Error`s by name: they are told by their class name and a numeric `status`.
 *
 * @example
 * try { await sdk.messages.create({ to, from, body }); } catch (err) { throw normalizeError(twilio, err); }
 */
export function readTwilioSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & TwilioExceptionShape;
  const status = e.status;
  if (typeof status !== 'number') return undefined;
  const kind = error.constructor.name;
  if (kind === 'TwilioServiceException') {
    const { type, title, code, detail, instance, errors } = e;
    return { status, body: defined({ type, title, status, code, detail, instance, errors }) };
  }
  if (kind !== 'RestException') return undefined;
  // The SDK's own message stands for a body that was not JSON: there is no body to give.
  if (e.message === `[HTTP ${status}] Failed to execute request` && e.code === undefined) return { status };
  const { message, code, moreInfo, details } = e;
  return { status, body: defined({ code, message, more_info: moreInfo, status, details }) };
}
