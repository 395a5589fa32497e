import { cancelBody, noop } from './race-signal';
import { TransportFault } from './transport-fault';

/** Options for {@link readBody}. */
interface ReadBodyOptions {
  /** Largest body accepted, in decoded bytes: a 50 KB gzip body can inflate to 50 MB. The client validates it. */
  maxBytes: number;
  /** Stops the read (a stalled body is bounded only by it); its `reason` is rethrown unchanged. */
  signal?: AbortSignal;
  /**
   * Whether a body of declared length is read chunk by chunk, so `signal` cancels it (a custom fetch may ignore the
   * signal; fetch's own body fails on its request's abort, so it is read in one call).
   * @default true
   */
  race?: boolean;
}

/**
 * Reads a response body into memory, refusing to hold more than `maxBytes`. Throws {@link TransportFault}
 * `too_large` as soon as the total passes the limit (the stream is cancelled, releasing the socket), `network`
 * when the connection ends before the body, `decode` for a corrupt content-encoding.
 *
 * @example
 * const bytes = await readBody(response, { maxBytes: 1_048_576, signal: timeout.signal });
 */
export async function readBody(response: Response, options: ReadBodyOptions): Promise<Uint8Array> {
  const { maxBytes, signal, race = true } = options;
  const body = response.body;
  if (signal?.aborted) {
    void body?.cancel(signal.reason).catch(noop);
    throw signal.reason;
  }
  if (body === null) return new Uint8Array(0);
  const declared = declaredLength(response);
  if (declared > maxBytes) {
    cancelBody(response);
    throw tooLarge(maxBytes);
  }
  // Fast path: a plain body of declared length cannot outgrow it (fetch fails a longer one). Not when raced: only a
  // reader can cancel a body deaf to the signal (arrayBuffer() locks the stream), or its socket stays open.
  if (declared >= 0 && (signal === undefined || !race)) {
    // fetch's own signal aborts the stream.
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw bodyFault(error, signal);
    }
  }

  const reader = body.getReader();
  // Cancelling settles a pending read() at once, which is how an abort interrupts a stalled body.
  const onAbort = (): void => void reader.cancel(signal?.reason).catch(noop);
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw bodyFault(error, signal);
      }
      if (signal?.aborted) throw signal.reason;
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > maxBytes) {
        void reader.cancel().catch(noop);
        throw tooLarge(maxBytes);
      }
      chunks.push(chunk.value);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return concat(chunks, total);
}

/** Content-Length counts encoded bytes, so it only proves a body too large when nothing is encoded. */
function declaredLength(response: Response): number {
  const encoding = response.headers.get('content-encoding');
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return -1;
  const length = response.headers.get('content-length');
  return length !== null && /^\d+$/.test(length.trim()) ? Number(length) : -1;
}

function tooLarge(maxBytes: number): TransportFault {
  return new TransportFault('too_large', `Response body exceeds the ${maxBytes}-byte limit`);
}

/** What a failed read throws: the abort's reason when the signal fired, else the fault. */
function bodyFault(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  const code = error instanceof Error ? (error.cause as { code?: unknown } | null | undefined)?.code : undefined;
  // undici surfaces zlib/brotli failures as `TypeError: terminated` with the zlib error as cause.
  if (typeof code === 'string' && /^(Z_|ERR_BROTLI|ERR__ERROR)/.test(code)) {
    return new TransportFault('decode', 'Response body has a corrupt content-encoding', { cause: error });
  }
  return new TransportFault('network', 'Connection closed before the response body ended', { cause: error });
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
