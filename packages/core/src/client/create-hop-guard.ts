import type { AfterResponseHook, BeforeRequestHook } from 'ky';
import { stripCredentials } from '../transport/strip-credentials';
import { TransportFault } from '../transport/transport-fault';

/**
 * ky hooks a client runs on every hop of every attempt (`createClient(adapter, { hooks })`), between Rosetta's
 * request and the wire. Rosetta still owns the rules (docs/hooks-and-logging.md): credentials stay on their origin, redirects and retries stay Rosetta's.
 */
export interface ClientHooks {
  /**
   * ky's `beforeRequest`: gets the hop's `Request` (method, URL, headers, credentials included while the hop is on
   * the credential's origin). It may change headers, return a new `Request` for the same origin, or return a
   * `Response` (a cache, a mock) so that nothing is sent.
   */
  readonly beforeRequest?: BeforeRequestHook[];
  /**
   * ky's `afterResponse`: a `Response` it returns replaces the hop's, and is what Rosetta reads, classifies and
   * redacts; a 3xx it returns is followed (or refused) by Rosetta's redirect rules. Retries are Rosetta's:
   * `ky.retry()` fails the call (`internal_error`).
   */
  readonly afterResponse?: AfterResponseHook[];
}

/** Makes the fetch of one hop: its URL, the attempt's signal, and the headers to strip once it left the credential's origin. */
export type HopGuard = (hop: URL, signal: AbortSignal, strip: readonly string[] | undefined) => typeof fetch;

/**
 * The per-hop `fetch` of a client with hooks. The hop sender calls it with the request as the user's hooks left it, so the
 * rules hold whatever they did: only the hop's origin (else a `hook_origin` {@link TransportFault}, nothing
 * sent); on a hop that left the credential's origin, none of the `strip` headers nor the standard credential
 * headers, whoever set them; the attempt's signal (timeouts, aborts, `close()`) and `redirect: 'manual'` even on
 * a `Request` a hook built. A client without hooks never builds one.
 *
 * @example
 * const guard = createHopGuard(options.fetch);
 * send(url, { ...init, fetch: guard(url, signal, withCredentials ? undefined : credentialHeaders) });
 */
export function createHopGuard(send: typeof fetch | undefined): HopGuard {
  return (hop, signal, strip) => async (input) => {
    // The hop sender passes its Request, and no fetch-only options (Rosetta sets none). Anything else (a hook calling
    // `options.fetch` with a string) has no `url`: `new URL` throws and nothing is sent.
    const request = input as Request;
    const origin = new URL(request.url).origin;
    if (origin !== hop.origin) {
      throw new TransportFault('hook_origin', `a beforeRequest hook sent the request to ${origin}; refused`);
    }
    const headers = strip === undefined ? {} : { headers: stripCredentials(request.headers, strip) };
    // Read at call time: a fetch patched after the client was made (a test's interceptor) is honoured.
    return await (send ?? fetch)(request, { ...headers, signal, redirect: 'manual' });
  };
}
