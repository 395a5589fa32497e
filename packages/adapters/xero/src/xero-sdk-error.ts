import type { ResponseInput } from '@rosetta/core';

/** What xero-node's `ApiError.generateError()` gives (XeroAPI/xero-node src/model/ApiError.ts), as read here. */
interface XeroErrorResponse {
  readonly statusCode?: unknown;
  readonly body?: unknown;
  readonly headers?: unknown;
  readonly request?: {
    readonly url?: { readonly protocol?: unknown; readonly host?: unknown; readonly path?: unknown };
    readonly headers?: unknown;
    readonly method?: unknown;
  };
}

/**
 * Reads the rejection of xero-node (v5+, XeroAPI/xero-node@cfc658ff72e9d8c1b223a0f7ef5d00dcdb4bbf40
 * src/gen/api/accountingApi.ts: `reject(JSON.stringify(new ApiError(error).generateError()))`, src/model/ApiError.ts)
 * as the response it carries: `response.statusCode` (0 when no answer came), `response.headers`, `response.body` and
 * the request's `method` and `url` (`protocol`, `host`, `path`). It is a JSON string, or the object a caller parsed
 * from it.
 *
 * The rejection also holds the request's headers (`request.getHeaders()`), with `authorization: Bearer <token>`:
 * only that value is read, and handed over as `secrets`, so that `normalizeResponse` scrubs the token wherever the
 * answer echoes it (body, headers, message; raw, URL- or JSON-escaped), as a client scrubs its own.
 *
 * @example
 * try { await xeroClient.accountingApi.getInvoices(tenantId); } catch (err) { throw normalizeError(xero, err); }
 */
export function readXeroSdkError(error: unknown): ResponseInput | undefined {
  let parsed: unknown = error;
  if (typeof error === 'string') {
    try {
      parsed = JSON.parse(error);
    } catch {
      return undefined;
    }
  }
  const response = (parsed as { response?: XeroErrorResponse } | null)?.response;
  if (typeof response !== 'object' || response === null) return undefined;
  const { statusCode, headers, request } = response;
  // Status 0 is xero-node's mark for an axios error without a response (a failed connection): nothing to read.
  if (typeof statusCode !== 'number' || statusCode < 100) return undefined;
  const auth = (request?.headers as Readonly<Record<string, unknown>> | undefined)?.authorization;
  const body = response.body;
  const { protocol, host, path } = request?.url ?? {};
  const method = request?.method;
  return {
    status: statusCode,
    ...(typeof headers === 'object' && headers !== null ? { headers: stringHeaders(headers) } : {}),
    ...(body === undefined || body === null ? {} : { body }),
    ...(typeof method === 'string' ? { method } : {}),
    ...(protocol === 'https:' && typeof host === 'string' && typeof path === 'string'
      ? { url: `https://${host}${path}` }
      : {}),
    ...(typeof auth === 'string' ? { secrets: [auth] } : {}),
  };
}

/** Response headers as strings: axios keeps a repeated header (`set-cookie`) as an array. */
function stringHeaders(headers: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string' || typeof value === 'number') out[name] = String(value);
    else if (Array.isArray(value)) out[name] = value.join(', ');
  }
  return out;
}
