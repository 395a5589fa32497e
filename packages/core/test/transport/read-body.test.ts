import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../src/transport/read-body';
import { TransportFault } from '../../src/transport/transport-fault';
import { type FaultServer, startFaultServer } from '../../../testkit/src/index';

const MIB = 1024 * 1024;

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

const at = (path: string): URL => new URL(path, server.url);

/** A body stream that records how many chunks were pulled and whether it was cancelled. */
function countingStream(chunkSize: number, chunks: number) {
  const log = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (log.pulled === chunks) return controller.close();
      log.pulled++;
      controller.enqueue(new Uint8Array(chunkSize).fill(1));
    },
    cancel() {
      log.cancelled = true;
    },
  });
  return { stream, log };
}

describe('readBody over a real socket', () => {
  it('stops a gzip bomb at the limit, with bounded memory', async () => {
    // Build the 50 MiB bomb once, outside the measurement.
    await (await fetch(at('/gzip-bomb?mb=50'))).body?.cancel();
    const response = await fetch(at('/gzip-bomb?mb=50'));
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const rssBefore = process.memoryUsage().rss;

    const error = await readBody(response, { maxBytes: MIB }).catch((e: unknown) => e);

    const growth = process.memoryUsage().rss - rssBefore;
    expect(error).toBeInstanceOf(TransportFault);
    expect(error).toMatchObject({ reason: 'too_large', message: `Response body exceeds the ${MIB}-byte limit` });
    expect(growth).toBeLessThan(40 * MIB);
  });

  it('stops a plain body that is larger than the limit', async () => {
    const response = await fetch(at('/huge?mb=8'));
    await expect(readBody(response, { maxBytes: MIB })).rejects.toMatchObject({ reason: 'too_large' });
  });

  it('reads a plain body within the limit completely', async () => {
    const response = await fetch(at('/huge?mb=2'));
    const bytes = await readBody(response, { maxBytes: 2 * MIB });
    expect(bytes.byteLength).toBe(2 * MIB);
    expect(bytes.every((byte) => byte === 0x61)).toBe(true);
  });

  it('turns a body cut short of its Content-Length into a network fault', async () => {
    const response = await fetch(at('/truncated'));
    const error = await readBody(response, { maxBytes: MIB }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportFault);
    expect(error).toMatchObject({ reason: 'network' });
    const cause = (error as TransportFault).cause as TypeError;
    expect(cause.message).toBe('terminated');
    expect(cause.cause).toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('turns a corrupt content-encoding into a decode fault', async () => {
    const response = await fetch(at('/bad-gzip'));
    await expect(readBody(response, { maxBytes: MIB })).rejects.toMatchObject({
      name: 'TransportFault',
      reason: 'decode',
    });
  });

  it('rethrows the abort reason when the signal fires while the body stalls', async () => {
    const controller = new AbortController();
    const response = await fetch(at('/stall-body'));
    const reading = readBody(response, { maxBytes: MIB, signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    const reason = new DOMException('attempt timed out', 'TimeoutError');
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
  });

  it('rethrows the abort reason when the same signal was given to fetch', async () => {
    const controller = new AbortController();
    const response = await fetch(at('/stall-body'), { signal: controller.signal });
    const reading = readBody(response, { maxBytes: MIB, signal: controller.signal });
    const reason = new Error('user cancelled');
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
  });
});

describe('readBody', () => {
  it('gives an empty array for a null body', async () => {
    const bytes = await readBody(new Response(null, { status: 204 }), { maxBytes: 10 });
    expect(bytes).toEqual(new Uint8Array(0));
  });

  it('gives an empty array for an empty body', async () => {
    expect(await readBody(new Response(''), { maxBytes: 10 })).toEqual(new Uint8Array(0));
  });

  it('accepts a body of exactly maxBytes and joins its chunks in order', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2]));
        controller.enqueue(new Uint8Array([3]));
        controller.enqueue(new Uint8Array([4, 5]));
        controller.close();
      },
    });
    expect(await readBody(new Response(stream), { maxBytes: 5 })).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
  });

  it('cancels the stream as soon as the total passes maxBytes', async () => {
    const { stream, log } = countingStream(100, 1000);
    await expect(readBody(new Response(stream), { maxBytes: 250 })).rejects.toMatchObject({ reason: 'too_large' });
    expect(log.cancelled).toBe(true);
    // Three chunks cross 250 bytes; the stream's queue may have pulled one more, not the other 996.
    expect(log.pulled).toBeLessThanOrEqual(4);
  });

  it('refuses a declared Content-Length above the limit without reading', async () => {
    const { stream, log } = countingStream(100, 10);
    const response = new Response(stream, { headers: { 'content-length': '1000' } });
    await expect(readBody(response, { maxBytes: 999 })).rejects.toMatchObject({ reason: 'too_large' });
    expect(log.cancelled).toBe(true);
  });

  it('ignores Content-Length when the body is encoded, since it counts compressed bytes', async () => {
    const response = new Response('{"ok":true}', {
      headers: { 'content-encoding': 'gzip', 'content-length': '5000' },
    });
    const bytes = await readBody(response, { maxBytes: 100 });
    expect(new TextDecoder().decode(bytes)).toBe('{"ok":true}');
  });

  it('rethrows at once when the signal is already aborted, cancelling the body', async () => {
    const { stream, log } = countingStream(10, 10);
    const reason = new Error('already aborted');
    await expect(readBody(new Response(stream), { maxBytes: 1000, signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(log.cancelled).toBe(true);
  });

  it('maps a stream error to a network fault, keeping the cause', async () => {
    const failure = new Error('socket hang up');
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(failure);
      },
    });
    const error = await readBody(new Response(stream), { maxBytes: 10 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'network', cause: failure });
  });

  it('leaves no abort listener behind on the signal', async () => {
    const controller = new AbortController();
    await readBody(new Response('abc'), { maxBytes: 10, signal: controller.signal });
    await readBody(new Response('x'.repeat(20)), { maxBytes: 10, signal: controller.signal }).catch(() => {});
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
