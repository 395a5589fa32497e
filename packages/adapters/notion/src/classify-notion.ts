// How Notion's answers read in Rosetta's model beyond core's status table: its error codes (the code decides, as
// in the official SDK), OAuth token errors, edge-proxy answers, and failed async tasks inside HTTP 200.
import { type ClassifyContext, type ClassifyVerdict, type ErrorKind, oauthErrorVerdict } from '@rosetta/core';
import { type NotionError, readAsyncTask, readNotionError } from './notion-error-body';

/**
 * Every error code Notion documents (developers.notion.com/reference/status-codes) and those the official SDK
 * adds (notion-sdk-js src/errors.ts `APIErrorCode`, src/api-endpoints/async-tasks.ts). The code wins over the
 * status, as in the SDK; a code not listed keeps the status reading.
 */
const NOTION_KINDS: Readonly<Record<string, ErrorKind>> = {
  invalid_json: 'validation',
  invalid_request_url: 'validation',
  // "This request is not supported." ("Unsupported request: <request name>.")
  invalid_request: 'unsupported',
  // The OAuth code or refresh token is invalid, expired or revoked: reconnect.
  invalid_grant: 'authentication',
  // A malformed `Notion-Beta` header (SDK only).
  invalid_beta: 'validation',
  // Size limits are validation errors too, not rate limits (request-limits "Size limits").
  validation_error: 'validation',
  missing_version: 'validation',
  unauthorized: 'authentication',
  restricted_resource: 'permission',
  // Also "not shared with the integration": the docs give both meanings to one code.
  object_not_found: 'not_found',
  conflict_error: 'conflict',
  // SDK async-tasks.ts types it with status 409; no further meaning is documented.
  row_limit_exceeded: 'conflict',
  rate_limited: 'rate_limited',
  internal_server_error: 'server',
  bad_gateway: 'unavailable',
  service_unavailable: 'unavailable',
  database_connection_unavailable: 'unavailable',
  gateway_timeout: 'unavailable',
  // HTTP 529: Notion as a whole is overloaded; not this connection's limit (see docs/providers/notion.md).
  service_overload: 'unavailable',
};

const kindOf = (code: string): ErrorKind | undefined =>
  Object.hasOwn(NOTION_KINDS, code) ? NOTION_KINDS[code] : undefined;

// "We also use [409] in rare cases when our File Upload third-party data storage provider has downtime and sending
// file contents failed. In this case, please retry the request later." (status-codes, conflict_error)
const FILE_UPLOAD_SEND = /^\/v1\/file_uploads\/[^/]+\/send\/?$/;

/** Notion's error object as a verdict: its code, message and request id, and which limit a 429 hit. */
function errorVerdict(e: NotionError, path: string): ClassifyVerdict {
  const storageDown = e.code === 'conflict_error' && FILE_UPLOAD_SEND.test(path);
  const kind = storageDown ? 'unavailable' : kindOf(e.code);
  const reason = e.additional_data?.rate_limit_reason;
  return {
    ...(kind === undefined ? {} : { kind }),
    code: e.code,
    ...(e.message === undefined || e.message === '' ? {} : { message: e.message }),
    // The SDK prefers the body's id to the `x-notion-request-id` header (src/errors.ts HTTPResponseError).
    ...(e.request_id === undefined || e.request_id === '' ? {} : { requestId: e.request_id }),
    // "additional_data.rate_limit_reason says which limit was exceeded" (per connection or per workspace).
    ...(typeof reason === 'string' && reason !== '' ? { rateLimit: { scope: reason } } : {}),
  };
}

/**
 * A 200 that is an error in fact: a polled async task that failed. The same GET returns the same failed task, so
 * it is never retryable; the operation has to be started again.
 */
function failedTaskVerdict(body: unknown): ClassifyVerdict | undefined {
  const task = readAsyncTask(body);
  if (task?.status !== 'failed') return undefined;
  // Without a known code the kind stays `unknown`, the base of any verdict on a 2xx.
  if (task.error === undefined) return { message: 'Notion async task failed', retryable: false };
  return { ...errorVerdict(task.error, ''), retryable: false };
}

/**
 * An answer Notion's API never saw: a `cf-ray` header without `x-notion-request-id` means Notion's edge proxy
 * (Cloudflare) answered, typically an HTML page (notion-sdk-js src/errors.ts `buildUnknownResponseMessage`).
 */
function edgeVerdict(ctx: ClassifyContext): ClassifyVerdict | undefined {
  const ray = ctx.headers['cf-ray'];
  if (ray === undefined || ctx.headers['x-notion-request-id'] !== undefined) return undefined;
  const blocked = ctx.status === 403 ? '; the request may have been blocked by a network security rule' : '';
  const note = `Answered by Notion's edge proxy before reaching the Notion API (Cloudflare Ray ID ${ray})${blocked}`;
  const said = ctx.defaults?.message;
  return { message: said === undefined || said === '' ? note : `${note}: ${said}` };
}

/**
 * Notion's own reading of a response, on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyNotion });
 */
export function classifyNotion(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) return failedTaskVerdict(ctx.body);
  const e = readNotionError(ctx.body);
  if (e !== undefined) return errorVerdict(e, ctx.path);
  // /v1/oauth/token answers RFC 6749 bodies (`{"error": "invalid_client"}`) besides Notion's own.
  return oauthErrorVerdict(ctx.body) ?? edgeVerdict(ctx);
}
