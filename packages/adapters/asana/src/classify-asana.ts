// How Asana's answers read in Rosetta's model beyond core's status table. Asana's errors carry no codes: the status
// decides, and the body gives the message, a 400's parameter and a 500's support phrase.
import type { ClassifyContext, ClassifyVerdict, FieldError } from '@rosetta/core';
import { type AsanaError, readAsanaErrors, readJob, readSyncToken, topMessage } from './asana-error-body';

/**
 * Statuses Asana gives another meaning than the HTTP registry (developer-docs defs/asana_oas.yaml, `responses`):
 * 424 is its `TooManyRequests` answer ("You have exceeded one of the enforced rate limits"), not a failed
 * dependency; 501 is its `BadGateway` answer ("an issue between the load balancers and Asana's API"), a transient
 * fault, not an unimplemented method.
 */
const STATUS_VERDICTS: Readonly<Record<number, ClassifyVerdict>> = {
  424: { kind: 'rate_limited', retryable: true },
  501: { kind: 'unavailable', retryable: true },
};

/**
 * A 504 is "This request took too long to complete" (spec `GatewayTimeout`): the request ran, so a write that got
 * one may have been applied. Reads can be repeated freely.
 */
const ranTooLong = (ctx: ClassifyContext): ClassifyVerdict | undefined =>
  ctx.status === 504 && !['GET', 'HEAD', 'OPTIONS'].includes(ctx.method) ? { possiblyProcessed: true } : undefined;

// "workspace: Missing input", "data.name: ...": a 400's message names the parameter first (errors docs).
const PARAM_MESSAGE = /^([A-Za-z_][\w.[\]]*): (.+)$/s;

/** A 400's "<param>: <problem>" messages as field errors; other messages name no field. */
function fieldErrors(errors: readonly AsanaError[]): FieldError[] {
  return errors.flatMap((e) => {
    const match = e.message === undefined ? null : PARAM_MESSAGE.exec(e.message);
    return match === null ? [] : [{ path: match[1] as string, message: match[2] as string }];
  });
}

/** Every entry's message, in order, as the official Python SDK joins them (asana/error.py `AsanaError`). */
function joinedMessage(errors: readonly AsanaError[]): string | undefined {
  const parts = errors.flatMap((e) => (e.message === undefined || e.message === '' ? [] : [e.message]));
  return parts.length === 0 ? undefined : parts.join('; ');
}

/** The `errors` array as a verdict: message, a 400's field errors, a 500's phrase as the id support asks for. */
function errorsVerdict(errors: readonly AsanaError[], ctx: ClassifyContext): ClassifyVerdict {
  const message = joinedMessage(errors);
  const phrase = errors.find((e) => e.phrase !== undefined && e.phrase !== '')?.phrase;
  const fields = ctx.status === 400 ? fieldErrors(errors) : [];
  return {
    ...(message === undefined ? {} : { message }),
    ...(phrase === undefined ? {} : { requestId: phrase }),
    ...(fields.length === 0 ? {} : { fieldErrors: fields }),
  };
}

/**
 * `/events` answers a first call (no sync token) and an expired or invalid token with 412 and a fresh `sync`: part of
 * the protocol, not a fault. Resending the same request gets the same answer, so it stays a non-retryable conflict;
 * the caller takes the token (`readSyncToken(err.response?.body)`) and re-crawls if it was keeping data in sync.
 */
function syncVerdict(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.status !== 412 || readSyncToken(ctx.body) === undefined) return undefined;
  const said = topMessage(ctx.body) ?? 'Sync token invalid or too old';
  return { kind: 'conflict', retryable: false, message: `${said} (a fresh sync token is in the body's \`sync\`)` };
}

/**
 * A 200 that is an error in fact: a polled job (`GET /jobs/{job_gid}`) that failed. The same GET returns the same
 * failed job, so it is never retryable; Asana gives no reason, and the work has to be started again.
 */
function failedJobVerdict(body: unknown): ClassifyVerdict | undefined {
  const job = readJob(body);
  if (job?.status !== 'failed') return undefined;
  const what = [job.resource_subtype, job.gid].filter((s) => s !== undefined).join(' ');
  return { kind: 'server', retryable: false, message: `Asana job failed${what === '' ? '' : `: ${what}`}` };
}

/**
 * Asana's own reading of a response, on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyAsana });
 */
export function classifyAsana(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) return failedJobVerdict(ctx.body);
  const errors = readAsanaErrors(ctx.body);
  const fromBody = errors === undefined ? undefined : errorsVerdict(errors, ctx);
  const fromStatus = Object.hasOwn(STATUS_VERDICTS, ctx.status) ? STATUS_VERDICTS[ctx.status] : undefined;
  const sync = syncVerdict(ctx);
  const ran = ranTooLong(ctx);
  if (fromBody === undefined && fromStatus === undefined && sync === undefined && ran === undefined) return undefined;
  return { ...fromBody, ...fromStatus, ...sync, ...ran };
}
