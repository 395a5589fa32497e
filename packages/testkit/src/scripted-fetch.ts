import { genericAdapter, normalizeResponse } from '@rosetta/core';

/** One scripted answer: a response to return, or an error to throw (a reset, a DNS failure). */
export type ScriptedStep =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: unknown }
  | { readonly error: Error };

/** A fake `fetch` that answers from a script and logs every attempt. */
export interface ScriptedFetch {
  /** Pass as `createClient(adapter, { fetch })`. */
  readonly fetch: typeof fetch;
  /**
   * `START <METHOD> <path+query>` per request, in order; assert on it exactly. A credential in the query shows as
   * `[REDACTED]` (as in Rosetta's errors), since a failing assertion prints the log into CI output.
   */
  readonly log: string[];
  /** The requests as received (headers lower-cased), credentials included, for assertions on keys and credentials. */
  readonly requests: Array<{ method: string; url: string; headers: Record<string, string>; body: string | undefined }>;
  /** Steps not consumed yet. */
  readonly remaining: number;
}

/**
 * Creates a scripted fake transport (the Octokit testing pattern): each request takes the next step of
 * the script; the last step repeats when the script runs out. No sockets and no timers, so it is exact
 * under `vi.useFakeTimers()`.
 *
 * @example
 * const t = createScriptedFetch([{ status: 503 }, { status: 200, body: { ok: true } }]);
 * const client = createClient(acme, { fetch: t.fetch });
 * await client.get('/x');
 * expect(t.log).toEqual(['START GET /x', 'START GET /x']);
 */
export function createScriptedFetch(script: readonly ScriptedStep[]): ScriptedFetch {
  if (script.length === 0) throw new Error('createScriptedFetch needs at least one step');
  const log: string[] = [];
  const requests: ScriptedFetch['requests'] = [];
  let next = 0;
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    log.push(`START ${request.method} ${logTarget(url)}`);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = request.body === null ? undefined : await request.text();
    requests.push({ method: request.method, url: request.url, headers, body });
    if (request.signal.aborted) throw request.signal.reason;
    const step = script[Math.min(next, script.length - 1)] as ScriptedStep;
    next += 1;
    if ('error' in step) throw step.error;
    const text = step.body === undefined ? null : typeof step.body === 'string' ? step.body : JSON.stringify(step.body);
    const contentType =
      typeof step.body === 'object' && step.body !== null ? { 'content-type': 'application/json' } : {};
    return new Response(step.status === 204 || step.status === 205 || step.status === 304 ? null : text, {
      status: step.status,
      headers: { ...contentType, ...step.headers },
    });
  };
  return {
    fetch: fake as typeof fetch,
    log,
    requests,
    get remaining() {
      return Math.max(0, script.length - next);
    },
  };
}

/**
 * Path and query of `url` for the log: core's own redaction (a failed call's `request.url`), so the log hides what
 * Rosetta's errors hide and this package keeps no second list of credential names; the query as sent otherwise.
 */
function logTarget(url: URL): string {
  const sent = `${url.pathname}${url.search}`;
  if (url.search === '') return sent;
  const redacted = normalizeResponse(genericAdapter, { status: 500, method: 'GET', url: url.href })?.request?.url;
  return redacted?.includes('[REDACTED]') ? redacted.slice(url.origin.length) : sent;
}
