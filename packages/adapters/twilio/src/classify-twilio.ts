// How Twilio's answers read in Rosetta's model beyond core's status table: Twilio's error code names the problem
// (not the HTTP status), 20429 is the account's concurrency cap, Verify's 429s that only clear when a verification
// ends are spent attempts, and the Email API's 500 is not to be retried. (That a POST's 500 may have sent the SMS,
// docs/api/errors/20500, is core's reading already: the client marks a non-idempotent call's 5xx possiblyProcessed.)
import type { ClassifyContext, ClassifyVerdict, ErrorKind } from '@rosetta/core';
import { readTwilioError } from './twilio-error-body';

/** The concurrency bucket's id (limits.ts): a 20429 belongs to it. */
export const CONCURRENCY_BUCKET = 'concurrency';

/**
 * Twilio error codes whose kind the status alone does not give (each code's page: twilio.com/docs/api/errors/<code>).
 * The code wins over the status, as in the error dictionary; a code not listed keeps the status reading.
 */
const CODE_KINDS: Readonly<Record<string, ErrorKind>> = {
  // "Authenticate" (401); the dictionary titles it "Permission Denied", but every listed cause is a credential.
  20003: 'authentication',
  // Test credentials on a resource they cannot reach (403).
  20008: 'permission',
  // The account lacks permission to access the API: suspended or closed.
  20403: 'permission',
  20404: 'not_found',
  // The account's REST API concurrency: "never processed and is always safe to retry".
  20429: 'rate_limited',
  20500: 'server',
  20503: 'unavailable',
  21211: 'validation',
  // "Permission to send an SMS has not been enabled for the region indicated by the 'To' number" (400): the account's
  // Messaging geo permissions forbid it, whatever the request says.
  21408: 'permission',
  // "Trial accounts cannot send messages to unverified numbers" (400): verifying the number or upgrading the
  // account clears it, no change to the request does.
  21608: 'permission',
  // Verify: max check attempts (5) and max send attempts reached, HTTP 429 both. They clear only when the
  // verification is completed or expires (10 minutes): a spent allowance, not a wait.
  60202: 'quota_exceeded',
  60203: 'quota_exceeded',
  // Verify: too many concurrent verifications for one phone number (429): a short wait.
  60212: 'rate_limited',
  // Verify: a Challenge's (60308) or a Factor's (60310) attempts are used up (429); a new one is needed.
  60308: 'quota_exceeded',
  60310: 'quota_exceeded',
  // Authorization failed: a restricted API key or OAuth app lacks the permission.
  70051: 'permission',
};

// "500 Internal Server Error: The Twilio API is experiencing server-side issues. Don't retry the request."
// (twilio.com/docs/email/api/errors, for the v1/Emails endpoint.)
const EMAILS = /^\/v1\/Emails(?:\/|$)/;

/**
 * Twilio's own reading of a response, on top of core's defaults (which already take the code, message and field
 * errors of all three error bodies); never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyTwilio });
 */
export function classifyTwilio(ctx: ClassifyContext): ClassifyVerdict | undefined {
  // Twilio documents no error inside a 2xx: an undelivered Message, an invalid number from Lookup and a wrong
  // Verify code are all successful API calls.
  if (ctx.defaults === null) return undefined;
  const code = readTwilioError(ctx.body)?.code;
  // Codes are read as integers only, so no key can reach a prototype member (`constructor`).
  const kind = code === undefined ? undefined : CODE_KINDS[code];
  const verdict: { -readonly [K in keyof ClassifyVerdict]: ClassifyVerdict[K] } = {};
  if (kind !== undefined) verdict.kind = kind;
  if (code === 20429) verdict.rateLimit = { ...ctx.readings.rateLimit, scope: CONCURRENCY_BUCKET };
  if (ctx.status === 500 && EMAILS.test(ctx.path)) verdict.retryable = false;
  return Object.keys(verdict).length === 0 ? undefined : verdict;
}
