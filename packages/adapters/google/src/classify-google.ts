// How Google's answers read in Rosetta's model beyond core's status table: core's shared google.rpc.Status reader
// (AIP-193 and its details), the Workspace legacy reasons (403 rate limits!), Gmail's "Retry after <time>" message,
// failed long-running operations inside a 200, resumable-upload 308s, and OAuth bodies from the token endpoint.
import {
  type ClassifyContext,
  type ClassifyVerdict,
  type ErrorKind,
  googleRpcStatusVerdict,
  oauthErrorVerdict,
  readGoogleRpcStatus,
} from '@rosetta/core';

/**
 * Legacy `errors[].reason`s (Drive, Calendar, Gmail) whose meaning the status does not carry. Sources: Calendar
 * errors guide, Gmail and Drive "Resolve errors" pages (developers.google.com/workspace/...). A reason not listed keeps
 * the canonical code's or the status's reading (`backendError` is a 500 or 503 already).
 */
const LEGACY_KINDS: Readonly<Record<string, ErrorKind>> = {
  // "rateLimitExceeded errors can return either 403 or 429 error codes—currently they are functionally similar".
  rateLimitExceeded: 'rate_limited',
  userRateLimitExceeded: 'rate_limited',
  // Long-window allowances: retrying soon does not help.
  dailyLimitExceeded: 'quota_exceeded',
  // Calendar: "Calendar usage limits exceeded." (the abuse-protection limits of the Workspace admin help).
  quotaExceeded: 'quota_exceeded',
  storageQuotaExceeded: 'quota_exceeded',
  // Drive: "the user reaches a sharing limit and is often linked with an email limit"; the fix is to send fewer
  // emails, not to back off (handle-errors#sharingratelimitexceeded), so it is a spent allowance, never resent.
  sharingRateLimitExceeded: 'quota_exceeded',
  authError: 'authentication',
  insufficientPermissions: 'permission',
  insufficientFilePermissions: 'permission',
  domainPolicy: 'permission',
  forbiddenForNonOrganizer: 'permission',
  // The API is not enabled for the project (the legacy twin of ErrorInfo SERVICE_DISABLED).
  accessNotConfigured: 'permission',
  // Calendar 410: the sync token or updatedMin is too old: "wipe the store and re-sync", not a removed endpoint.
  fullSyncRequired: 'conflict',
  updatedMinTooLongAgo: 'conflict',
  // Calendar 410 "Resource has been deleted": already gone.
  deleted: 'not_found',
};

/** Gmail names the moment its per-user limit lifts in the message: "User-rate limit exceeded.  Retry after <ISO>". */
const RETRY_AFTER_TIME = /\bRetry after (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)/;

function retryAfterInMessage(message: string | undefined, now: number): number | undefined {
  const at = message === undefined ? undefined : RETRY_AFTER_TIME.exec(message)?.[1];
  const ms = at === undefined ? Number.NaN : Date.parse(at) - now;
  return ms > 0 ? Math.ceil(ms) : undefined;
}

/** Google's envelope as a verdict, with the legacy reasons and Gmail's retry time added. */
function envelopeVerdict(ctx: ClassifyContext): ClassifyVerdict | undefined {
  const status = readGoogleRpcStatus(ctx.body);
  if (status === undefined) return undefined;
  const verdict = googleRpcStatusVerdict(status, { legacyReasons: LEGACY_KINDS });
  const throttled = verdict.kind === 'rate_limited' || verdict.kind === 'quota_exceeded';
  const wait =
    throttled && verdict.retryAfterMs === undefined ? retryAfterInMessage(status.message, ctx.now) : undefined;
  return wait === undefined ? verdict : { ...verdict, retryAfterMs: wait };
}

/**
 * A 200 that is an error in fact: a long-running operation that finished with an `error` (google.rpc.Status with the
 * canonical code's number, google/longrunning/operations.proto). Polling it again returns the same failure, so it is
 * never retryable. `done: false`, or `done: true` with a `response`, is a success.
 */
function failedOperationVerdict(body: unknown): ClassifyVerdict | undefined {
  if ((body as { done?: unknown } | null)?.done !== true) return undefined;
  const status = readGoogleRpcStatus(body);
  return status === undefined ? undefined : { ...googleRpcStatusVerdict(status), retryable: false };
}

// Resumable uploads answer a status check or a partial chunk with "308 Resume Incomplete" (and a `Range` of what
// arrived): the upload goes on; it is not a redirect. Drive and Cloud Storage upload under `/upload/`.
const UPLOAD_PATH = /^\/upload\//;

/**
 * Google's own reading of a response, on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyGoogle });
 */
export function classifyGoogle(ctx: ClassifyContext): ClassifyVerdict | null | undefined {
  if (ctx.defaults === null) return failedOperationVerdict(ctx.body);
  if (ctx.status === 308 && UPLOAD_PATH.test(ctx.path)) return null;
  // oauth2.googleapis.com/token answers RFC 6749 bodies (`{"error": "invalid_grant"}`), a string `error`.
  return envelopeVerdict(ctx) ?? oauthErrorVerdict(ctx.body);
}
