// A success's data in the form the call asked for (`responseType`), and the hand-over of an unread body.
import { isJsonType, mediaType } from '../classify/parse-body';
import type { AttemptScope } from './attempt-scope';
import { noop, raceSignal } from '../transport/race-signal';
import type { ResponseType } from './options';

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8');

/**
 * Whether a response is handed to a `stream` call unread: a 2xx that is not JSON. A JSON 2xx is read and
 * classified first (Slack and GraphQL answer errors with 200); an error is read, classified and thrown.
 */
export function streamsUnread(type: ResponseType, status: number, contentType: string | undefined): boolean {
  return type === 'stream' && status >= 200 && status < 300 && !isJsonType(mediaType(contentType));
}

/** The data of a read success in the form asked for; `text` decodes per the declared `charset` (else UTF-8). */
export function toResponseData(
  type: ResponseType,
  body: unknown,
  bytes: Uint8Array,
  contentType: string | undefined,
): unknown {
  switch (type) {
    case 'json':
      return body;
    case 'text':
      return decoderFor(contentType).decode(bytes);
    case 'bytes':
      return bytes;
    case 'stream':
      return new ReadableStream<Uint8Array>({
        start(controller) {
          if (bytes.byteLength > 0) controller.enqueue(bytes);
          controller.close();
        },
      });
  }
}

/**
 * Hands an unread body to the caller with its attempt's scope, which still ends it and is disposed when the stream
 * ends, fails or is cancelled; a read failure is `toError`'s. `race`: a custom fetch may ignore its signal.
 */
export function handOverStream(
  body: ReadableStream<Uint8Array> | null,
  scope: AttemptScope,
  race: boolean,
  toError: (thrown: unknown) => unknown,
): ReadableStream<Uint8Array> {
  if (body === null) {
    scope.dispose();
    return toResponseData('stream', undefined, EMPTY, undefined) as ReadableStream<Uint8Array>;
  }
  const reader = body.getReader();
  // Idempotent (disposing twice is harmless): a stream may end, fail and be cancelled.
  const end = (): void => {
    scope.signal.removeEventListener('abort', onAbort);
    scope.dispose();
  };
  // A stream nobody reads any more still releases its timer and listeners when its scope fires, and a raced body
  // (a custom fetch's, which may ignore the signal) is cancelled: nothing else would close its socket. Every later
  // read of a raced body fails with the abort's error, so the cancel never reads as a short success.
  const onAbort = (): void => {
    end();
    if (race) void reader.cancel(scope.signal.reason).catch(noop);
  };
  scope.signal.addEventListener('abort', onAbort, { once: true });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const chunk = await (race ? raceSignal(reader.read(), scope.signal) : reader.read());
          if (chunk.done) {
            end();
            controller.close();
          } else controller.enqueue(chunk.value);
        } catch (thrown) {
          end();
          void reader.cancel().catch(noop);
          controller.error(toError(thrown));
        }
      },
      cancel(reason) {
        end();
        return reader.cancel(reason);
      },
    },
    // Pull only when the caller reads: the body's own backpressure is the caller's.
    { highWaterMark: 0 },
  );
}

function decoderFor(contentType: string | undefined): TextDecoder {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  if (charset === undefined || /^utf-?8$/i.test(charset)) return utf8;
  try {
    return new TextDecoder(charset);
  } catch {
    // An unknown label: UTF-8 with replacement characters beats failing a success.
    return utf8;
  }
}
