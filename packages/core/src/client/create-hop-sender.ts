import type { AfterResponseHook, BeforeRequestHook, NormalizedOptions } from 'ky';
import type { ClientHooks } from './create-hop-guard';

/** What one hop is sent with: `fetch` is the hop's guard when the client has hooks. */
export type HopInit = Omit<RequestInit, 'signal'> & { readonly signal: AbortSignal; readonly fetch?: typeof fetch };

/** Sends one hop: builds its `Request`, runs the client's hooks around the fetch, resolves with the hop's `Response`. */
export type HopSender = (url: URL, init: HopInit) => Promise<Response>;

/**
 * The part of ky a client used (retry 0, no timeout, no thrown HTTP errors): ky's `beforeRequest` and
 * `afterResponse` hooks, run as ky runs them, with ky's types, without bundling ky (4.4 KB gzipped;
 * docs/decisions/ky-hooks-without-ky.md). A `beforeRequest` hook may return a `Response` (nothing is sent) or a
 * `Request` (sent instead; later `beforeRequest` hooks are skipped); each `afterResponse` hook gets a clone of the
 * response and may return one to replace it. `ky.retry()` (any object but a `Response`) fails the hop: retries are
 * Rosetta's. The fetch is read at call time, so a fetch patched after the client was made is honoured.
 *
 * @example
 * const send = createHopSender(options.fetch, options.hooks);
 * const response = await send(new URL('https://api.acme.test/v1/items'), { method: 'GET', signal, redirect: 'manual' });
 */
export function createHopSender(send: typeof fetch | undefined, hooks: ClientHooks = {}): HopSender {
  const before: readonly BeforeRequestHook[] = [...(hooks.beforeRequest ?? [])];
  const after: readonly AfterResponseHook[] = [...(hooks.afterResponse ?? [])];
  return async (url, init) => {
    // `duplex` as ky sets it: a stream body needs it on Node's Request.
    const options = { ...init, duplex: 'half', retry: NO_RETRY, timeout: false, throwHttpErrors: false, context: {} };
    let request = new Request(url, options);
    const state = { retryCount: 0 };
    // What ky hands hooks as its normalized options (frozen, without the hooks).
    const seen = Object.freeze(options) as unknown as NormalizedOptions;
    let answer: Response | undefined;
    for (const hook of before) {
      const result = await hook(request, seen, state);
      if (result instanceof Response) answer = result;
      else if (result instanceof Request) request = result;
      else continue;
      break;
    }
    // afterResponse hooks get the request as sent, body included: the fetch consumes the original.
    const sent = after.length > 0 && answer === undefined ? request.clone() : request;
    let response: Response = answer ?? (await (init.fetch ?? send ?? fetch)(request, {}));
    for (const hook of after) {
      const copy = response.clone();
      let result: unknown;
      try {
        result = await hook(sent, seen, copy, state);
        if (result !== undefined && result !== null && typeof result === 'object' && !(result instanceof Response)) {
          throw new TypeError('an afterResponse hook returned neither a Response nor nothing (ky.retry()?)');
        }
      } catch (error) {
        cancel(copy);
        cancel(response);
        throw error;
      }
      const next: Response = result instanceof Response ? result : response;
      if (copy !== next) cancel(copy);
      if (response !== next) cancel(response);
      response = next;
    }
    if (sent !== request) sent.body?.cancel().catch(ignore);
    return response;
  };
}

const NO_RETRY = Object.freeze({ limit: 0 });
const ignore = (): void => {};
const cancel = (response: Response): void => void response.body?.cancel().catch(ignore);
