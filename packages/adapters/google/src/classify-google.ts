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
 * errors guide, Gmail and Drive "Resolve errors" pages (developers.google.com/workspace/...; Drive's as updated
 * 2026-04-01). A reason not listed keeps the canonical code's or the status's reading (`backendError` is a 500 or 503
 * already).
 */
const LEGACY_KINDS: Readonly<Record<string, ErrorKind>> = {
  // "rateLimitExceeded errors can return either 403 or 429 error codes—currently they are functionally similar";
  // Drive: "Use exponential backoff to retry the request" for both. The only 403s Google's Python client resends
  // (googleapis/google-api-python-client googleapiclient/http.py `_should_retry_response`); gaxios resends no 403.
  rateLimitExceeded: 'rate_limited',
  userRateLimitExceeded: 'rate_limited',
  // Long-window allowances: retrying soon does not help. Drive: "the application's owner has set a quota limit to cap
  // usage" ("remove any usage caps for the Queries per day quota").
  dailyLimitExceeded: 'quota_exceeded',
  // Calendar: "Calendar usage limits exceeded." (the abuse-protection limits of the Workspace admin help).
  quotaExceeded: 'quota_exceeded',
  // Drive's caps on what an account, a folder or a drive holds (handle-errors, 403 section): "500 million items
  // created by an account", "500,000 item limit for folders, files, and shortcuts directly in a folder", a shared
  // drive's "strict item limit", the user's "storage limit". Freed by deleting items, never by waiting: core's
  // RESOURCE_QUOTA_EXCEEDED reading ("VMs per project"), code.proto's RESOURCE_EXHAUSTED ("perhaps the entire file
  // system is out of space"). Not one pauses a bucket (limits.ts): a full folder must not hold back the credential's
  // reads. (Play Games' UrlLeaseLimitExceeded, "Too many pending uploads for this snapshot", keeps the 403's reading.)
  activeItemCreationLimitExceeded: 'quota_exceeded',
  numChildrenInNonRootLimitExceeded: 'quota_exceeded',
  teamDriveFileLimitExceeded: 'quota_exceeded',
  storageQuotaExceeded: 'quota_exceeded',
  // Drive: "the user reaches a sharing limit and is often linked with an email limit"; the fix is to send fewer
  // emails, not to back off (handle-errors#sharingratelimitexceeded), so it is a spent allowance, never resent.
  sharingRateLimitExceeded: 'quota_exceeded',
  // Drive's nesting limits (100 folder levels in My Drive, in a shared drive): the parent's place in the tree, a state
  // that only reorganizing folders changes. code.proto's FAILED_PRECONDITION ("the system is not in a state required
  // for the operation's execution"), which core reads as `conflict`.
  myDriveHierarchyDepthLimitExceeded: 'conflict',
  teamDriveHierarchyTooDeep: 'conflict',
  // Calendar 410: the sync token or updatedMin is too old: "wipe the store and re-sync", not a removed endpoint.
  fullSyncRequired: 'conflict',
  updatedMinTooLongAgo: 'conflict',
  // Drive: "a shared drive item must have exactly one parent": the request asks what a shared drive never allows.
  teamDrivesParentLimit: 'validation',
  authError: 'authentication',
  insufficientPermissions: 'permission',
  insufficientFilePermissions: 'permission',
  domainPolicy: 'permission',
  forbiddenForNonOrganizer: 'permission',
  // The API is not enabled for the project (the legacy twin of ErrorInfo SERVICE_DISABLED).
  accessNotConfigured: 'permission',
  // Calendar 410 "Resource has been deleted": already gone.
  deleted: 'not_found',
};

/**
 * Gmail names the moment its per-user limit lifts in the message: "User-rate limit exceeded.  Retry after <ISO>". The
 * pattern is loose (a word ending in the UTC `Z`); Date.parse judges.
 */
const RETRY_AFTER_TIME = /Retry after (\S+Z)/;

/**
 * Billing off, as answers older than ErrorInfo `BILLING_DISABLED` say it only in words: Compute's 403 forbidden "This
 * API method requires billing to be enabled", Cloud KMS's 400 failedPrecondition "Billing is disabled for project",
 * Service Usage's 400 failedPrecondition "Billing must be enabled for activation of service(s)".
 */
const BILLING_OFF = /billing (is dis|\w+ be en)abled/i;

/** Google's envelope as a verdict, with the legacy reasons, old billing answers and Gmail's retry time added. */
function envelopeVerdict(ctx: ClassifyContext): ClassifyVerdict | undefined {
  const status = readGoogleRpcStatus(ctx.body);
  if (status === undefined) return undefined;
  const read = googleRpcStatusVerdict(status, { legacyReasons: LEGACY_KINDS });
  const verdict: ClassifyVerdict = BILLING_OFF.test(status.message as string)
    ? { ...read, kind: 'payment_required' }
    : read;
  // `exec` reads a missing message as "undefined", and Date.parse a missing time: NaN. Core keeps a verdict's
  // retryAfterMs only when finite and >= 0 (classify-response.ts `merge`): no time, or one passed, adds nothing.
  const ms = Date.parse(RETRY_AFTER_TIME.exec(status.message as string)?.[1] as string) - ctx.now;
  const throttled = verdict.kind === 'rate_limited' || verdict.kind === 'quota_exceeded';
  // `RetryInfo`, spread over it, wins.
  return throttled ? { retryAfterMs: Math.ceil(ms), ...verdict } : verdict;
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

/**
 * Google's own reading of a response, on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyGoogle });
 */
export function classifyGoogle(ctx: ClassifyContext): ClassifyVerdict | null | undefined {
  if (ctx.defaults === null) return failedOperationVerdict(ctx.body);
  // Resumable uploads answer a status check or a partial chunk with "308 Resume Incomplete" (and a `Range` of what
  // arrived): the upload goes on; it is not a redirect. Drive and Cloud Storage upload under `/upload/`.
  if (ctx.status === 308 && ctx.path.startsWith('/upload/')) return null;
  // oauth2.googleapis.com/token answers RFC 6749 bodies (`{"error": "invalid_grant"}`), a string `error`.
  return envelopeVerdict(ctx) ?? oauthErrorVerdict(ctx.body);
}
