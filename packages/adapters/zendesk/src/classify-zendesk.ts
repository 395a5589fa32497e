// How Zendesk's answers read in Rosetta's model beyond core's status table: its error names, duplicates, the two
// kinds of 409, which limit a 429 hit, the job limit, the two kinds of 503, and failed jobs inside HTTP 200.
import type { ClassifyContext, ClassifyVerdict, ErrorKind } from '@rosetta/core';
import { readEndpointLimit, readJobStatus, readZendeskError, type ZendeskError } from './zendesk-error-body';

/** Error names whose meaning the status alone does not carry (requests docs; rate-limits "Job limit"). */
const NAME_KINDS: Readonly<Record<string, ErrorKind>> = {
  RecordNotFound: 'not_found',
  // The path names no endpoint, or not one this account has: no retry finds it.
  InvalidEndpoint: 'not_found',
  RecordInvalid: 'validation',
  // "Too many ... jobs are currently queued or running. Try again later.": a wait, not a fault.
  TooManyJobs: 'rate_limited',
  // `{ errors: [{ code }] }` bodies (autocomplete): 400, 429 and 500.
  QueryError: 'validation',
  TooManyRequests: 'rate_limited',
  Unavailable: 'unavailable',
};

const kindOf = (code: string | undefined): ErrorKind | undefined =>
  code !== undefined && Object.hasOwn(NAME_KINDS, code) ? NAME_KINDS[code] : undefined;

const ENDPOINT_HEADER = 'zendesk-ratelimit-';
/** The job-limit header; its `resets` says when a `TooManyJobs` answer may be retried. */
export const JOBS_HEADER = `${ENDPOINT_HEADER}inflight-jobs`;

/**
 * Which limit a throttling answer hit: the name of a `zendesk-ratelimit-<name>` header with nothing remaining
 * (`tickets-index`, `inflight-jobs`), else `account` when `X-Rate-Limit-Remaining` is 0; undefined when no header
 * says (an endpoint limit without a header of its own, such as Update Ticket's per-ticket one).
 */
function throttledLimit(ctx: ClassifyContext): { scope: string; resetsMs?: number } | undefined {
  for (const name of Object.keys(ctx.headers)) {
    if (!name.startsWith(ENDPOINT_HEADER)) continue;
    const limit = readEndpointLimit(ctx.headers[name]);
    if (limit?.remaining !== 0) continue;
    const scope = name.slice(ENDPOINT_HEADER.length);
    return limit.resets === undefined ? { scope } : { scope, resetsMs: limit.resets * 1_000 };
  }
  return ctx.readings.rateLimit?.remaining === 0 ? { scope: 'account' } : undefined;
}

/**
 * A PUT to one user (`/users/42`) or organization (`/organizations/42`): Update User allows 5 requests per minute per
 * user (rate-limits), Update Organization 5 a minute (its 2022 announcement). Update User's 429 carries no
 * Retry-After, so a throttled update with none waits out the minute. Groups: the resource, its id.
 */
export const RECORD_PUT = /\/(users|organizations)\/(\d+)(?:\.json)?$/;

function throttleVerdict(ctx: ClassifyContext, code: string | undefined): ClassifyVerdict {
  // A `TooManyJobs` answer belongs to the job limit whatever its headers say.
  const hit = code === 'TooManyJobs' ? { scope: 'inflight-jobs', ...jobsReset(ctx) } : throttledLimit(ctx);
  const minute = ctx.method === 'PUT' && RECORD_PUT.test(ctx.path) ? 60_000 : undefined;
  const wait = ctx.readings.retryAfterMs ?? hit?.resetsMs ?? minute;
  return {
    kind: 'rate_limited',
    retryable: true,
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
    ...(hit === undefined ? {} : { rateLimit: { ...ctx.readings.rateLimit, scope: hit.scope } }),
  };
}

function jobsReset(ctx: ClassifyContext): { resetsMs?: number } {
  const resets = readEndpointLimit(ctx.headers[JOBS_HEADER])?.resets;
  return resets === undefined ? {} : { resetsMs: resets * 1_000 };
}

/**
 * A 409, a refused write. Zendesk: it "often indicates a uniqueness constraint error in our database due to the
 * attempted simultaneous creation of a resource. Try your API call again.": the database refused the creation, so it
 * is resent even without a key. A PUT's 409 is a safe-update collision (`safe_update` with a stale `updated_stamp`,
 * the update refused): the same request fails again until the ticket is read anew.
 */
function conflictVerdict(method: string): ClassifyVerdict {
  return { kind: 'conflict', retryable: !/^(PUT|PATCH)$/i.test(method), notProcessed: true };
}

/** A `RecordInvalid` whose every field error is `DuplicateValue`: the record exists already. */
function duplicateVerdict(e: ZendeskError): ClassifyVerdict | undefined {
  if (e.details.length === 0 || !e.details.every((d) => d.error === 'DuplicateValue')) return undefined;
  return { kind: 'conflict', retryable: false, code: 'DuplicateValue' };
}

/**
 * A 503. "A 503 response with a Retry-After header indicates a database timeout or deadlock. You can retry your
 * request after the number of seconds specified"; without one, "Zendesk Support may be experiencing internal
 * issues or undergoing scheduled maintenance". Both are worth a retry; the message says which it was.
 */
function unavailableMessage(ctx: ClassifyContext): string {
  return ctx.readings.retryAfterMs === undefined
    ? 'Zendesk Support may be experiencing internal issues or undergoing scheduled maintenance'
    : 'Zendesk database timeout or deadlock; retry after the Retry-After interval';
}

/** A 200 that is an error in fact: a polled background job that `failed` or was `killed`. Never retryable. */
function failedJobVerdict(body: unknown): ClassifyVerdict | undefined {
  const job = readJobStatus(body);
  if (job?.status !== 'failed' && job?.status !== 'killed') return undefined;
  return { code: job.status, message: job.message ?? `Zendesk job ${job.status}`, retryable: false };
}

/**
 * Zendesk's own reading of a response, on top of core's defaults; never throws. Field errors of `RecordInvalid`
 * (`details: { email: [{ description, error }] }`) are core's reading already.
 *
 * @example
 * defineAdapter({ ..., classify: classifyZendesk });
 */
export function classifyZendesk(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) return failedJobVerdict(ctx.body);
  const e = readZendeskError(ctx.body);
  const code = e?.code;
  const named: ClassifyVerdict = {
    ...(code === undefined ? {} : { code }),
    ...(e?.message === undefined ? {} : { message: e.title === undefined ? e.message : `${e.title}: ${e.message}` }),
  };
  const kind = kindOf(code);
  if (kind === 'rate_limited' || ctx.status === 429) return { ...named, ...throttleVerdict(ctx, code) };
  const duplicate = e === undefined ? undefined : duplicateVerdict(e);
  if (duplicate !== undefined) return { ...named, ...duplicate };
  if (ctx.status === 409) return { ...named, ...conflictVerdict(ctx.method) };
  if (ctx.status === 503 && named.message === undefined) return { message: unavailableMessage(ctx) };
  return kind === undefined ? named : { ...named, kind, retryable: kind === 'unavailable' };
}
