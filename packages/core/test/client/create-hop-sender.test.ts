// The hop sender runs ky's beforeRequest/afterResponse hooks as ky runs them, without ky in the bundle
// (docs/decisions/ky-hooks-without-ky.md): the ky semantics a hook author relies on, one test each.
import ky, { type AfterResponseHook, type BeforeRequestHook } from 'ky';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import { createHopSender } from '../../src/client/create-hop-sender';

const URL_ = new URL('https://api.acme.test/v1/items');
const init = () =>
  ({ method: 'POST', body: '{"a":1}', signal: new AbortController().signal, redirect: 'manual' }) as const;
/** A fetch that reads the request's body, as a real one does (`bodies`), and answers `body` as JSON. */
const answer = (body: unknown = { ok: true }) => {
  const bodies: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    bodies.push(input instanceof Request ? await input.text() : '');
    return Response.json(body);
  });
  return Object.assign(fetch, { bodies });
};
afterEach(() => vi.unstubAllGlobals());

describe('createHopSender', () => {
  it('sends a Request built from the URL and init through the client fetch', async () => {
    const client = answer({ from: 'client' });
    const send = createHopSender(client);
    await expect((await send(URL_, init(), undefined)).json()).resolves.toEqual({ from: 'client' });
    const request = client.mock.calls[0]?.[0] as Request;
    expect(request).toBeInstanceOf(Request);
    expect([request.method, request.url, request.redirect, client.bodies[0]]).toEqual([
      'POST',
      URL_.href,
      'manual',
      '{"a":1}',
    ]);
  });

  it('without a fetch of its own, uses the global fetch as it is at call time (a test interceptor patched later)', async () => {
    const send = createHopSender(undefined);
    const patched = answer({ patched: true });
    vi.stubGlobal('fetch', patched);
    await expect((await send(URL_, init(), undefined)).json()).resolves.toEqual({ patched: true });
  });

  it('hooks get ky’s options (frozen, retryCount 0) and state', async () => {
    const seen: unknown[] = [];
    const before: BeforeRequestHook = (_request, options, state) => {
      seen.push(Object.isFrozen(options), options.method, options.retry.limit, options.context, state.retryCount);
    };
    await createHopSender(answer(), { beforeRequest: [before] })(URL_, init(), undefined);
    expect(seen).toEqual([true, 'POST', 0, {}, 0]);
  });

  it('a Request a beforeRequest hook returns is sent, and the hooks after it do not run (as in ky)', async () => {
    const fetch = answer();
    const later = vi.fn();
    const swap: BeforeRequestHook = (request) => new Request('https://api.acme.test/v2/items', request);
    await createHopSender(fetch, { beforeRequest: [swap, later] })(URL_, init(), undefined);
    expect(fetch.mock.calls[0]?.[0]).toMatchObject({ url: 'https://api.acme.test/v2/items' });
    expect(later).not.toHaveBeenCalled();
  });

  it('a Response a beforeRequest hook returns is the answer (nothing sent), and afterResponse hooks still see it', async () => {
    const fetch = answer();
    const statuses: number[] = [];
    const after: AfterResponseHook = (_request, _options, response) => void statuses.push(response.status);
    const send = createHopSender(fetch, {
      beforeRequest: [() => new Response(null, { status: 204 })],
      afterResponse: [after],
    });
    expect((await send(URL_, init(), undefined)).status).toBe(204);
    expect(fetch).not.toHaveBeenCalled();
    expect(statuses).toEqual([204]);
  });

  it('afterResponse hooks read the request as sent, body included, and each gets its own copy of the response', async () => {
    const reads: string[] = [];
    const first: AfterResponseHook = async (request, _options, response) => {
      reads.push(await request.text(), JSON.stringify(await response.json()));
    };
    const second: AfterResponseHook = async (_request, _options, response) => {
      reads.push(JSON.stringify(await response.json()));
      return Response.json({ replaced: true });
    };
    const third: AfterResponseHook = async (_request, _options, response) => {
      reads.push(JSON.stringify(await response.json()));
    };
    const response = await createHopSender(answer(), { afterResponse: [first, second, third] })(
      URL_,
      init(),
      undefined,
    );
    expect(reads).toEqual(['{"a":1}', '{"ok":true}', '{"ok":true}', '{"replaced":true}']);
    await expect(response.json()).resolves.toEqual({ replaced: true });
  });

  it('ky.retry() from an afterResponse hook fails the hop: retries are Rosetta’s', async () => {
    const retry: AfterResponseHook = () => ky.retry();
    await expect(createHopSender(answer(), { afterResponse: [retry] })(URL_, init(), undefined)).rejects.toThrow(
      /ky\.retry/,
    );
  });

  it('through a client, ky.retry() fails the call with unknown / internal_error, not retried', async () => {
    const fetch = answer();
    const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
    const client = createClient(acme, {
      fetch,
      rateLimit: false,
      retry: { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 },
      hooks: { afterResponse: [() => ky.retry()] },
    });
    await expect(client.get('/v1/items')).rejects.toMatchObject({ kind: 'unknown', code: 'internal_error' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('cancels the body of a Response an afterResponse hook returns after its attempt ended: its socket closes', async () => {
    const controller = new AbortController();
    let cancelled = false;
    let answerLate: ((response: Response) => void) | undefined;
    const late = new Response(
      new ReadableStream({
        cancel() {
          cancelled = true;
        },
      }),
    );
    const hook: AfterResponseHook = () =>
      new Promise<Response>((resolve) => {
        answerLate = resolve;
      });
    const send = createHopSender(answer(), { afterResponse: [hook] });
    const hop = send(URL_, { ...init(), signal: controller.signal }, undefined);
    await vi.waitFor(() => expect(answerLate).toBeTypeOf('function'));
    controller.abort(new Error('attempt over'));
    await expect(hop).rejects.toThrow('attempt over');
    answerLate?.(late);
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });
});
