// How Intercom's answers read in Rosetta's model beyond core's status table: the error list's code (which
// "further qualifies the HTTP response code"), the request id in the body, merged contacts (410 with a Link),
// the app's 10-second window versus the export-job limit on a 429, and failed jobs inside HTTP 200.
import type { ClassifyContext, ClassifyVerdict, ErrorKind, FieldError } from '@rosetta/core';
import { type IntercomError, readIntercomError, readJobStatus } from './intercom-error-body';

/**
 * Codes whose kind the status alone does not give (developers.intercom.com/docs/references/2.17/rest-api/errors/
 * error-codes). A code not listed, and not `*_not_found`, keeps the status reading.
 */
const CODE_KINDS: Readonly<Record<string, ErrorKind>> = {
  unauthorized: 'authentication',
  missing_authorization: 'authentication',
  token_not_found: 'authentication',
  token_expired: 'authentication',
  token_revoked: 'authentication',
  token_blocked: 'authentication',
  // "The token or API Key is not allowed to access the resource": a 401, but a new token of the same app will not
  // be allowed either; the app needs the permission (scope).
  token_unauthorized: 'permission',
  forbidden: 'permission',
  action_forbidden: 'permission',
  // "The API or feature is not available on this App's Plan or workspace" ("Active subscription needed.").
  api_plan_restricted: 'permission',
  // "A required parameter was not supplied": a malformed request, although it ends in `_not_found`.
  parameter_not_found: 'validation',
  parameter_missing: 'validation',
  missing_parameter: 'validation',
  parameter_invalid: 'validation',
  type_mismatch: 'validation',
  data_invalid: 'validation',
  unprocessable_entity: 'validation',
  bad_request: 'validation',
  // "Requested resource is not available in current API version." (a 400): the `Intercom-Version` sent lacks it.
  intercom_version_invalid: 'unsupported',
  unsupported: 'unsupported',
  conflict: 'conflict',
  resource_conflict: 'conflict',
  rate_limit_exceeded: 'rate_limited',
  too_many_requests: 'rate_limited',
  retry_after: 'rate_limited',
  request_timeout: 'timeout',
  service_unavailable: 'unavailable',
  server_error: 'server',
};

const kindOf = (code: string | undefined): ErrorKind | undefined => {
  if (code === undefined) return undefined;
  if (Object.hasOwn(CODE_KINDS, code)) return CODE_KINDS[code];
  // `company_not_found`, `tag_not_found`, `admin_not_found`, `job_not_found`, ...: a missing record.
  return code.endsWith('_not_found') ? 'not_found' : undefined;
};

/**
 * "You will receive a HTTP status code of 429 with the message Exceeded rate limit of 1 pending message data export
 * jobs" (and "of 5 pending reporting dataset export jobs"): the same code as the app's window, but the wait is for
 * a job to finish, which no header tells. The bucket of that name owns it, so the app's window is not paused.
 */
export const EXPORT_JOBS = 'export-jobs';
/**
 * `too_many_requests`: "The server is receiving too many requests for this resource; retry later" (error codes), as
 * against `rate_limit_exceeded`, "The rate limit for the App has been exceeded". Its bucket (one key per token and
 * path) takes the pause, so one busy resource does not hold the app's other calls.
 */
export const RESOURCE = 'resource';
const PENDING_JOBS = /\bpending\b.*\bjobs?\b/i;

function throttleVerdict(ctx: ClassifyContext, e: IntercomError | undefined): ClassifyVerdict {
  if (e?.message !== undefined && PENDING_JOBS.test(e.message)) {
    // Retrying after the window's reset would be refused again: the caller waits for a job (or cancels one).
    return { kind: 'rate_limited', retryable: false, rateLimit: { ...ctx.readings.rateLimit, scope: EXPORT_JOBS } };
  }
  // "Exceeded rate limit of 167 in 10_seconds": the X-RateLimit-Reset (epoch seconds) of the 429 says when the
  // window opens again; core reads it as the wait when Retry-After is absent.
  return {
    kind: 'rate_limited',
    retryable: true,
    ...(e?.code === 'too_many_requests' ? { rateLimit: { ...ctx.readings.rateLimit, scope: RESOURCE } } : {}),
  };
}

/** `Link: </contacts/{id}>; rel="canonical"`: the path of the contact a merged one now lives in. */
const CANONICAL = /<([^>]{1,300})>\s*;\s*rel="?canonical"?/i;

/**
 * A 410 `contact_merged`: the contact was merged into another and its id no longer names a record. Not an endpoint
 * removed (core's reading of 410): the record is missing at this id, and the message says where it went.
 */
function mergedVerdict(ctx: ClassifyContext, message: string | undefined): ClassifyVerdict {
  const target = CANONICAL.exec(ctx.headers.link ?? '')?.[1];
  const said = message ?? 'This contact has been merged';
  return {
    kind: 'not_found',
    retryable: false,
    message: target === undefined ? said : `${said} (canonical contact: ${target})`,
  };
}

const fieldErrorsOf = (e: IntercomError): FieldError[] =>
  e.errors.flatMap((item) =>
    item.field === undefined
      ? []
      : [
          {
            path: item.field,
            message: item.message ?? item.code ?? 'invalid',
            ...(item.code ? { code: item.code } : {}),
          },
        ],
  );

/** A 200 that is an error in fact: a polled job or data export that `failed`. Polling again returns the same. */
function failedJobVerdict(body: unknown): ClassifyVerdict | undefined {
  if (readJobStatus(body) !== 'failed') return undefined;
  return { code: 'failed', message: 'Intercom job failed', retryable: false };
}

/**
 * Intercom's own reading of a response, on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyIntercom });
 */
export function classifyIntercom(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) return failedJobVerdict(ctx.body);
  const e = readIntercomError(ctx.body);
  const fieldErrors = e === undefined ? [] : fieldErrorsOf(e);
  const said: ClassifyVerdict = {
    ...(e?.code === undefined ? {} : { code: e.code }),
    ...(e?.message === undefined ? {} : { message: e.message }),
    // The body's id: Intercom documents no request-id header.
    ...(e?.request_id === undefined ? {} : { requestId: e.request_id }),
    ...(fieldErrors.length === 0 ? {} : { fieldErrors }),
  };
  if (e?.code === 'contact_merged') return { ...said, ...mergedVerdict(ctx, e.message) };
  const kind = kindOf(e?.code);
  if (kind === 'rate_limited' || ctx.status === 429) return { ...said, ...throttleVerdict(ctx, e) };
  return kind === undefined ? said : { ...said, kind };
}
