import type { HeadersInput, ResponseInput } from '@rosetta/core';

/**
 * The members of superagent's `Response` read here: node-asana v3 (`src/ApiClient.js` `callApi`) rejects with
 * superagent's error, whose `response` (ladjs/superagent v6 src/node/response.js `Response`) keeps the status, the
 * headers, the parsed `body` (`{}` when the body was not JSON) and the raw `text`, and `request` its method and URL.
 */
interface SuperagentResponse {
  readonly status: number;
  readonly headers?: HeadersInput;
  readonly body?: unknown;
  readonly text?: unknown;
  /**
   * superagent's `Request`: its method, URL, and the headers node-asana set (src/ApiClient.js `applyAuthToRequest`:
   * `request.set({'Authorization': 'Bearer ' + auth.accessToken})`), lower-cased in `_header` (src/request-base.js
   * `set`).
   */
  readonly request?: { readonly method?: unknown; readonly url?: unknown; readonly _header?: unknown };
}

const isEmptyObject = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/**
 * Reads an error thrown by the official Node SDK (`asana` on npm, v3) as the response it came from: superagent sets
 * `err.status` and `err.response` on every non-2xx answer (ladjs/superagent v6 src/node/index.js, "Unsuccessful HTTP
 * response"); node-asana's README reads `error.response.body`. Errors without a response (network, timeout) give
 * undefined.
 *
 * @example
 * try { await tasksApi.getTask(gid, {}); } catch (err) { throw normalizeError(asana, err); }
 */
export function readAsanaSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error)) return undefined;
  const response = (error as { response?: unknown }).response;
  if (typeof response !== 'object' || response === null) return undefined;
  const r = response as Partial<SuperagentResponse>;
  if (typeof r.status !== 'number' || !('body' in r || 'text' in r)) return undefined;
  // superagent parses JSON into `body` and leaves it `{}` for a text or HTML answer: the text is the body then.
  // Node's response headers are lower-cased (http.IncomingMessage `headers`).
  const type = (r.headers as Readonly<Record<string, unknown>> | undefined)?.['content-type'];
  const json = typeof type === 'string' && /json/i.test(type);
  const text = typeof r.text === 'string' && r.text !== '' ? r.text : undefined;
  const body = !json && isEmptyObject(r.body) && text !== undefined ? text : r.body;
  const method = r.request?.method;
  const url = r.request?.url;
  // The token the SDK sent: handed over so that an answer echoing it is scrubbed, never read for anything else.
  const auth = (r.request?._header as Readonly<Record<string, unknown>> | undefined)?.authorization;
  return {
    status: r.status,
    ...(r.headers === undefined ? {} : { headers: r.headers }),
    ...(body === undefined ? {} : { body }),
    ...(typeof method === 'string' ? { method } : {}),
    ...(typeof url === 'string' && /^https?:\/\//.test(url) ? { url } : {}),
    ...(typeof auth === 'string' ? { secrets: [auth] } : {}),
  };
}
