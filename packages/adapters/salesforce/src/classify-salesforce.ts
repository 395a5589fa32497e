// How Salesforce's answers read in Rosetta's model beyond core's status table: error codes of the array body, the two
// limits behind REQUEST_LIMIT_EXCEEDED, sessions a refresh cannot fix, OAuth token errors, Salesforce Edge statuses,
// 300 Multiple Choices and HTML pages. A 2xx is always data, as jsforce returns it (see salesforceItemErrors).
import {
  type ClassifyContext,
  type ClassifyVerdict,
  type ErrorKind,
  type FieldError,
  oauthErrorVerdict,
} from '@rosetta/core';
import { ALLOCATION_PROBE_MS, readApiUsage } from './limits';
import { readSalesforceErrors, type SalesforceError } from './salesforce-error-body';

/**
 * Codes whose meaning the status alone does not give (errorcodes.htm; the SOAP `StatusCode` enumeration in
 * jsforce/jsforce src/api/soap/wsdl.xml). The code wins over the status: UNABLE_TO_LOCK_ROW comes as a 400 or a 500.
 */
export const CODE_KINDS: Readonly<Record<string, readonly [ErrorKind, boolean?]>> = {
  INVALID_SESSION_ID: ['authentication'],
  // 401s named here so that jsforce's error, which keeps no status, reads as over HTTP (recorded fixtures auth-recorded-*):
  // an unreadable Authorization header, and an expired password (only a reset in Salesforce helps).
  INVALID_AUTH_HEADER: ['authentication'],
  INVALID_OPERATION_WITH_EXPIRED_PASSWORD: ['authentication'],
  // The 24-hour allocation by default; classifySalesforce tells the concurrent limit apart by its message.
  REQUEST_LIMIT_EXCEEDED: ['quota_exceeded'],
  API_DISABLED_FOR_ORG: ['permission'],
  API_CURRENTLY_DISABLED: ['permission'],
  NOT_FOUND: ['not_found'],
  ENTITY_IS_DELETED: ['not_found'],
  DUPLICATE_VALUE: ['conflict'],
  DUPLICATES_DETECTED: ['conflict'],
  ENTITY_IS_LOCKED: ['conflict'],
  // Record lock contention: another transaction holds the row; it clears within moments.
  UNABLE_TO_LOCK_ROW: ['conflict', true],
  // "If a request exceeds this limit, the API returns ... a QUERY_TIMEOUT exception code (for REST API)": the same
  // query runs as long again; make it selective.
  QUERY_TIMEOUT: ['timeout', false],
  MALFORMED_QUERY: ['validation'],
  INVALID_FIELD: ['validation'],
  FIELD_CUSTOM_VALIDATION_EXCEPTION: ['validation'],
  // Salesforce's own OAuth code for an unknown consumer key.
  invalid_client_id: ['authentication'],
};

/** `INSUFFICIENT_ACCESS`, `INSUFFICIENT_ACCESS_OR_READONLY`, `INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY`. */
const INSUFFICIENT_ACCESS = /^INSUFFICIENT_ACCESS/;

/** The kind (and retryability, when it differs from the kind's) of a code, or undefined for one not listed. */
export function kindOfCode(code: string | undefined): readonly [ErrorKind, boolean?] | undefined {
  if (code === undefined) return undefined;
  if (Object.hasOwn(CODE_KINDS, code)) return CODE_KINDS[code];
  return INSUFFICIENT_ACCESS.test(code) ? ['permission'] : undefined;
}

// jsforce src/http-api.ts isSessionExpired: 401s that a token refresh does not cure (it would loop), typically a token
// without the `api` scope or a session of another kind; the credential is fine, its access is not.
// "... not valid for use with the specified REST API endpoint. One of the following scopes is required: ..." names
// the scope one endpoint lacks (fixture permission-recorded-scope-required-for-endpoint-401).
const NOT_FOR_REST =
  /This session is not valid for use with the (specified )?REST API|Connected app is not attached to Agent/;
// "TotalRequests Limit exceeded." is the 24-hour allocation; "ConcurrentPerOrgLongTxn Limit exceeded." (and
// "ConcurrentRequests ... Limit exceeded") the concurrent long-running requests, which clear as those finish.
const CONCURRENT = /Concurrent/i;

/** One field error per named field, as core reads an array body; errors that name no field add none. */
function fieldErrorsOf(errors: readonly SalesforceError[]): FieldError[] {
  return errors.flatMap((e) =>
    e.fields.map((path) => ({
      path,
      message: e.message ?? e.errorCode ?? '',
      ...(e.errorCode ? { code: e.errorCode } : {}),
    })),
  );
}

/** REQUEST_LIMIT_EXCEEDED: the spent allocation (a quota, probed again later) or the concurrent cap (not resent). */
function limitVerdict(ctx: ClassifyContext, e: SalesforceError): ClassifyVerdict {
  // The concurrent cap clears when some of the org's requests of 20 s or more end, which no answer tells (the header
  // counts the allocation): no wait is published, so it is not resent, as neither official client resends a 403
  // (jsforce src/request.ts retries 420/429/5xx only; simple-salesforce util.py raises SalesforceRefusedRequest).
  if (CONCURRENT.test(e.message ?? ''))
    return { kind: 'rate_limited', retryable: false, rateLimit: { scope: 'concurrent' } };
  const usage = readApiUsage(ctx.headers['sforce-limit-info']);
  const state = usage === undefined ? {} : { limit: usage.max };
  return {
    kind: 'quota_exceeded',
    retryable: false,
    retryAfterMs: ALLOCATION_PROBE_MS,
    rateLimit: { ...state, remaining: 0, scope: 'daily' },
  };
}

/** The verdict of an API error body: the first error decides, as jsforce's single-error case does. */
function errorVerdict(ctx: ClassifyContext, errors: readonly SalesforceError[]): ClassifyVerdict {
  const first = errors[0] as SalesforceError;
  const code = first.errorCode;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const base: ClassifyVerdict = {
    ...(code === undefined ? {} : { code }),
    ...(first.message === undefined ? {} : { message: first.message + more }),
    fieldErrors: fieldErrorsOf(errors),
  };
  if (code === 'REQUEST_LIMIT_EXCEEDED') return { ...base, ...limitVerdict(ctx, first) };
  if (code === 'INVALID_SESSION_ID' && NOT_FOR_REST.test(first.message ?? '')) return { ...base, kind: 'permission' };
  const rule = kindOfCode(code);
  if (rule === undefined) return base;
  return { ...base, kind: rule[0], ...(rule[1] === undefined ? {} : { retryable: rule[1] }) };
}

/** 300: an external id matched several records; the body lists their URLs (errorcodes.htm; jsforce MULTIPLE_CHOICES). */
function multipleChoices(body: unknown): ClassifyVerdict {
  const n = Array.isArray(body) ? body.length : 0;
  return { code: 'MULTIPLE_CHOICES', message: `The external ID matched ${n || 'several'} records` };
}

/**
 * Salesforce's own reading of a response, on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifySalesforce });
 */
export function classifySalesforce(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) return undefined;
  if (ctx.status === 300) return multipleChoices(ctx.body);
  const errors = readSalesforceErrors(ctx.body);
  if (errors.length > 0) return errorVerdict(ctx, errors);
  const oauth = oauthErrorVerdict(ctx.body);
  if (oauth !== undefined) {
    const rule = kindOfCode(oauth.code);
    return rule === undefined ? oauth : { ...oauth, kind: rule[0] };
  }
  // "420: Salesforce Edge doesn't have routing information available for this request host" (errorcodes.htm): the host
  // is not a Salesforce instance Edge knows (a wrong baseUrl), not a rate limit, and no retry changes it.
  if (ctx.status === 420) {
    return {
      kind: 'unavailable',
      retryable: false,
      message: 'Salesforce Edge has no route for this host: check baseUrl',
    };
  }
  // jsforce src/http-api.ts getError: an HTML answer means the org does not exist or cannot be reached.
  if (ctx.headers['content-type']?.includes('text/html') && ctx.defaults.message !== undefined) {
    return {
      message: `Salesforce answered an HTML page, not the API (check that the org exists and baseUrl is its instance URL): ${ctx.defaults.message}`,
    };
  }
  return undefined;
}
