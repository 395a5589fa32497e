// How QuickBooks Online's answers read in Rosetta's model beyond core's status table: the Fault's code (its `type` is
// not reliable), the two casings and the XML of a Fault, Faults inside HTTP 200 (the body's own, or every item of a
// batch), and a 429 without Retry-After.
import type { ClassifyContext, ClassifyVerdict, ErrorKind, FieldError } from '@rosetta/core';
import { type QuickbooksFault, readBatchFaults, readQuickbooksFault } from './quickbooks-error-body';

/**
 * Fault codes whose meaning the status hides (handling-common-errors; the 2017 "top errors" post; error-codes).
 * Most arrive as 400 ValidationFault.
 */
const CODE_KINDS: Readonly<Record<string, ErrorKind>> = {
  // "Object Not Found": the id does not exist, or the object was made inactive or deleted.
  '610': 'not_found',
  // "Stale Object Error": the SyncToken is old; the same request fails until the object is read anew.
  '5010': 'conflict',
  // "Duplicate Name Exists Error" and "Duplicate Doc Num": the record exists already.
  '6240': 'conflict',
  '6140': 'conflict',
  // "Invalid Company Status": the subscription ended or was cancelled, or a billing problem.
  '6190': 'payment_required',
  // "Authorization Failure ... You do not have access to use QuickBooks Online" (sent as 401): the user who
  // connected the company lost access to it; a new token does not help.
  '120': 'permission',
  // Gateway codes: "ApplicationAuthorizationFailed" (403) and "AuthenticationFailed" (401, expired or revoked token).
  '3100': 'permission',
  '3200': 'authentication',
  // "ThrottleExceeded": the gateway's code for a 429.
  '3001': 'rate_limited',
  // "An application error has occurred while processing your request" (SystemFault, 500).
  '10000': 'server',
};

/**
 * A Fault `type`'s kind, for Faults inside HTTP 200 only (there the status says nothing). The SDKs accept both
 * `Validation` and `ValidationFault`, the Java enum spells `AuthorizatonFault`, the gateway says `AUTHENTICATION`.
 */
const TYPE_KINDS: Readonly<Record<string, ErrorKind>> = {
  validation: 'validation',
  authentication: 'authentication',
  authorization: 'permission',
  authorizaton: 'permission',
  system: 'server',
};

/** "Wait 60 seconds before retrying the request" (limits-and-throttles): a 429 carries no Retry-After. */
export const THROTTLE_WAIT_MS = 60_000;

const kindOfCode = (code: string | undefined): ErrorKind | undefined =>
  code !== undefined && Object.hasOwn(CODE_KINDS, code) ? CODE_KINDS[code] : undefined;

function kindOfType(type: string | undefined): ErrorKind | undefined {
  const key = type?.toLowerCase().replace(/fault$/, '');
  return key !== undefined && Object.hasOwn(TYPE_KINDS, key) ? TYPE_KINDS[key] : undefined;
}

/** "Message: Detail", or the Detail alone when it repeats the Message ("Object Not Found: Something you're ..."). */
function messageOf(message: string | undefined, detail: string | undefined): string | undefined {
  if (message === undefined || detail === undefined) return detail ?? message;
  return detail.startsWith(message) ? detail : `${message}: ${detail}`;
}

/** What a Fault says: the first error's code and message, and a field error for each error naming an `element`. */
function faultVerdict(fault: QuickbooksFault, inSuccess: boolean): ClassifyVerdict {
  const first = fault.errors[0];
  const code = first?.code;
  const message = messageOf(first?.message, first?.detail);
  const fieldErrors: FieldError[] = [];
  for (const e of fault.errors) {
    const text = messageOf(e.message, e.detail);
    if (e.element === undefined || text === undefined) continue;
    fieldErrors.push(
      e.code === undefined ? { path: e.element, message: text } : { path: e.element, message: text, code: e.code },
    );
  }
  const kind = kindOfCode(code) ?? (inSuccess ? kindOfType(fault.type) : undefined);
  return {
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
    ...(fieldErrors.length === 0 ? {} : { fieldErrors }),
    ...(kind === undefined ? {} : { kind }),
  };
}

/** A 429, or a throttle Fault under any status: a wait of the Retry-After, else the documented 60 seconds. */
function throttleVerdict(ctx: ClassifyContext, verdict: ClassifyVerdict): ClassifyVerdict {
  return {
    ...verdict,
    kind: 'rate_limited',
    retryable: true,
    retryAfterMs: ctx.readings.retryAfterMs ?? THROTTLE_WAIT_MS,
  };
}

/**
 * A 200 that is an error: a Fault in place of the entity ("200 OK: the response body may contain a <Fault>
 * element"), or a batch answer whose every item is a Fault (nothing was done; a partly failed batch stays a success,
 * its failed items are warnings: the others were committed and their results must reach the caller).
 */
function successFault(body: unknown): ClassifyVerdict | undefined {
  const fault = readQuickbooksFault(body);
  if (fault !== undefined) return { kind: 'unknown', ...faultVerdict(fault, true) };
  const batch = readBatchFaults(body);
  const first = batch?.faults[0];
  if (batch === undefined || first === undefined || batch.faults.length < batch.items) return undefined;
  const verdict = { kind: 'unknown' as ErrorKind, ...faultVerdict(first.fault, true) };
  const message = `every batch item failed (${batch.items}); first: ${verdict.message ?? verdict.code ?? 'Fault'}`;
  return { ...verdict, message };
}

/**
 * QuickBooks Online's own reading of a response, on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyQuickbooks });
 */
export function classifyQuickbooks(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) {
    const verdict = successFault(ctx.body);
    return verdict?.kind === 'rate_limited' ? throttleVerdict(ctx, verdict) : verdict;
  }
  const fault = readQuickbooksFault(ctx.body);
  const verdict = fault === undefined ? {} : faultVerdict(fault, false);
  if (ctx.status === 429 || verdict.kind === 'rate_limited') return throttleVerdict(ctx, verdict);
  // error-codes, 500: "A server error occurred while processing the request. Resubmit the request once."
  if (ctx.status === 500) return { ...verdict, maxRetries: 1 };
  if (fault !== undefined) return verdict;
  // The token endpoint's refused grant or client means "re-authorize" or "fix the client credentials" (oauth-jsclient
  // README, Common OAuth2 Errors), not a malformed request; core already reads the `error` as the code.
  const oauth = (ctx.body as { error?: unknown } | null)?.error;
  return typeof oauth === 'string' && /^invalid_(grant|client)$/.test(oauth) ? { kind: 'authentication' } : undefined;
}
