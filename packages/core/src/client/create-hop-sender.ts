import type { AfterResponseHook, BeforeRequestHook, NormalizedOptions } from 'ky';
import { stripCredentials } from '../transport/strip-credentials';
import { addCredential, type Redactor } from '../errors/redact';
import { cancelBody, raceSignal } from '../transport/race-signal';
import { TransportFault } from '../transport/transport-fault';

/**
 * ky hooks a client runs on every hop of every attempt (`createClient(adapter, { hooks })`), between Rosetta's
 * request and the wire. Rosetta still owns the rules (docs/hooks-and-logging.md): credentials stay on their origin,
 * redirects and retries stay Rosetta's.
 */
export interface ClientHooks {
  /**
   * ky's `beforeRequest`: gets the hop's `Request` (credentials included while the hop is on the credential's
   * origin). It may change headers, return a new `Request` for the same origin, or return a `Response` (a cache,
   * a mock) so that nothing is sent.
   */
  readonly beforeRequest?: BeforeRequestHook[];
  /**
   * ky's `afterResponse`: a `Response` it returns replaces the hop's, and is what Rosetta reads, classifies and
   * redacts; a 3xx it returns is followed (or refused) by Rosetta's redirect rules. `ky.retry()` fails the call
   * (`internal_error`): retries are Rosetta's.
   */
  readonly afterResponse?: AfterResponseHook[];
}

/** Sends one hop with the attempt's signal; `strip` names the headers to drop off the credential's origin. */
export type HopSender = (
  url: URL,
  init: RequestInit & { readonly signal: AbortSignal },
  strip: readonly string[] | undefined,
) => Promise<Response>;

/**
 * The hops of a client with hooks or a fetch of its own: ky's hooks run as ky runs them, without bundling ky
 * (docs/decisions/ky-hooks-without-ky.md). Whatever the hooks did, the request sent keeps the hop's origin (else a
 * `hook_origin` {@link TransportFault}), loses the `strip` headers off the credential's origin, and gets the
 * attempt's signal and `redirect: 'manual'`. The fetch is read at call time: one patched later is honoured. With a
 * `redactor`, the credentials the `beforeRequest` hooks set are registered with it before the hop is sent.
 */
export function createHopSender(
  send: typeof fetch | undefined,
  hooks: ClientHooks = {},
  redactor?: Redactor,
): HopSender {
  const before: readonly BeforeRequestHook[] = [...(hooks.beforeRequest ?? [])];
  const after: readonly AfterResponseHook[] = [...(hooks.afterResponse ?? [])];
  return async (url, init, strip) => {
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
    // The credentials a `beforeRequest` hook set (a signer, a token it fetched): Rosetta never saw them, yet a
    // provider may echo them. Redacting the URL registers its userinfo and its secret-named parameters' values.
    if (redactor !== undefined && before.length > 0) {
      request.headers.forEach((value, name) => {
        if (redactor.isSecretHeader(name)) addCredential(value, redactor, name);
      });
      redactor.url(request.url);
    }
    // afterResponse hooks get the request as sent, body included: the fetch consumes the original.
    const sent = after.length > 0 && answer === undefined ? request.clone() : request;
    if (answer === undefined) {
      // A hook that settled after its attempt ended (the deadline, an abort, close()): a fetch deaf to the signal
      // would still send the request.
      init.signal.throwIfAborted();
      const origin = new URL(request.url).origin;
      if (origin !== url.origin) {
        throw new TransportFault('hook_origin', `a beforeRequest hook sent the request to ${origin}; refused`);
      }
      const headers = strip === undefined ? {} : { headers: stripCredentials(request.headers, strip) };
      answer = await (send ?? fetch)(request, { ...headers, signal: init.signal, redirect: 'manual' });
    }
    let response = answer;
    for (const hook of after) {
      const copy = response.clone();
      let result: unknown;
      try {
        // The attempt may have ended while a fetch deaf to its signal was answering, or end while a hook never
        // settles: nobody will read the response then, and its body keeps its socket until cancelled.
        init.signal.throwIfAborted();
        result = await raceSignal(hook(sent, seen, copy, state), init.signal, discard);
        if (typeof result === 'object' && result !== null && !(result instanceof Response)) {
          throw new TypeError('an afterResponse hook must return a Response or nothing (no ky.retry())');
        }
      } catch (error) {
        cancelBody(copy);
        cancelBody(response);
        throw error;
      }
      const next: Response = result instanceof Response ? result : response;
      if (copy !== next) cancelBody(copy);
      if (response !== next) cancelBody(response);
      response = next;
    }
    if (sent !== request) cancelBody(sent);
    return response;
  };
}

const NO_RETRY = Object.freeze({ limit: 0 });
/** A hook's late answer, after its attempt ended. */
const discard = (late: unknown): void => {
  if (late instanceof Response) cancelBody(late);
};
