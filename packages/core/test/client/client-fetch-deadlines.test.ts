// client.fetch reads the SDK's request body before its first attempt: a body stream that never ends must still
// be ended by the deadline, the request's signal and close(), like every other wait of a call.
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });

afterEach(() => {
  vi.useRealTimers();
});

/** A request body the SDK never ends. */
const endless = () => new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => {}) });
const post = (signal?: AbortSignal) =>
  ({ method: 'POST', body: endless(), duplex: 'half', ...(signal && { signal }) }) as RequestInit;

/** What client.fetch rejected with. */
async function rejection(promise: Promise<Response>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected client.fetch to reject');
}

describe('client.fetch with a request body that never ends', () => {
  it('the deadline ends it: TimeoutError with deadline_exceeded, nothing sent', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const t = createScriptedFetch([{ status: 200 }]);
    const client = createClient(acme, { fetch: t.fetch, deadlineMs: 1_000 });
    const call = rejection(client.fetch('https://api.acme.test/upload', post()));
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await call;
    expect(error.name).toBe('TimeoutError');
    expect(error.cause).toMatchObject({ kind: 'timeout', code: 'deadline_exceeded', attempts: 0 });
    expect(t.log).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the request's signal ends it: AbortError with aborted", async () => {
    const client = createClient(acme, { fetch: createScriptedFetch([{ status: 200 }]).fetch });
    const controller = new AbortController();
    const call = rejection(client.fetch('https://api.acme.test/upload', post(controller.signal)));
    controller.abort();
    const error = await call;
    expect(error.name).toBe('AbortError');
    expect(error.cause).toMatchObject({ kind: 'aborted', code: 'aborted' });
  });

  it('close() ends it: AbortError with client_closed', async () => {
    const client = createClient(acme, { fetch: createScriptedFetch([{ status: 200 }]).fetch });
    const call = rejection(client.fetch('https://api.acme.test/upload', post()));
    await client.close();
    expect((await call).cause).toMatchObject({ kind: 'aborted', code: 'client_closed' });
  });

  it('the time the body took counts against the deadline of the call', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const slowBody = new ReadableStream<Uint8Array>({
      start: (controller) => {
        setTimeout(() => {
          controller.enqueue(new TextEncoder().encode('{}'));
          controller.close();
        }, 800);
      },
    });
    const sent: number[] = [];
    const silent = ((_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(Date.now());
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    }) as typeof fetch;
    const client = createClient(acme, { fetch: silent, deadlineMs: 1_000, retry: false });
    const start = Date.now();
    const call = rejection(
      client.fetch('https://api.acme.test/upload', { method: 'POST', body: slowBody, duplex: 'half' } as RequestInit),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent.map((at) => at - start)).toEqual([800]);
    expect((await call).cause).toMatchObject({ code: 'deadline_exceeded' });
  });
});

describe("client.fetch: a response body's read fails as fetch's would", () => {
  /** A 200 download whose body sends one chunk and then nothing, or fails when `cut`. */
  const download = (cut = false): typeof fetch =>
    (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array([1]));
            if (cut) controller.error(new TypeError('terminated'));
          },
        }),
        { status: 200, headers: { 'content-type': 'application/octet-stream' } },
      )) as typeof fetch;

  it('the attempt timeout: a TimeoutError DOMException, the ApiError as cause', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const client = createClient(acme, { fetch: download(), timeoutMs: 1_000 });
    const response = await client.fetch('https://api.acme.test/file');
    const read = rejection(response.arrayBuffer() as Promise<never>);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await read;
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe('TimeoutError');
    expect(error.cause).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
  });

  it("the request's signal: an AbortError DOMException", async () => {
    const client = createClient(acme, { fetch: download() });
    const controller = new AbortController();
    const response = await client.fetch('https://api.acme.test/file', { signal: controller.signal });
    const read = rejection(response.text() as Promise<never>);
    controller.abort();
    const error = await read;
    expect(error.name).toBe('AbortError');
    expect(error.cause).toMatchObject({ kind: 'aborted', code: 'aborted' });
  });

  it('a body cut mid-way: TypeError terminated, the network ApiError as cause', async () => {
    const client = createClient(acme, { fetch: download(true), retry: false });
    const response = await client.fetch('https://api.acme.test/file');
    const error = await rejection(response.arrayBuffer() as Promise<never>);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('terminated');
    expect(error.cause).toMatchObject({ kind: 'network' });
  });
});
