import type { ApiError } from '../errors/api-error';
import type { RateLimitInfo } from '../errors/types';
import type { RetryStopReason } from '../retry/decide-retry';

/** The attempt an event is about. */
interface AttemptEvent {
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
}

/** Payloads of a client's events. Every URL and header in them is redacted. */
export interface ClientEventMap {
  /** An attempt is about to be sent. */
  readonly request: AttemptEvent & { readonly headers: Readonly<Record<string, string>> };
  /** An attempt got a response (success or not). */
  readonly response: AttemptEvent & {
    readonly status: number;
    readonly durationMs: number;
    readonly requestId?: string;
    readonly rateLimit?: RateLimitInfo;
  };
  /** A failed attempt will be retried after `delayMs`. */
  readonly retry: AttemptEvent & {
    readonly delayMs: number;
    readonly reason: ApiError['kind'];
    readonly error: ApiError;
  };
  /** A call failed for good. `stopReason` says why it was not retried further. */
  readonly error: { readonly error: ApiError; readonly stopReason?: RetryStopReason };
  /** The limiter holds calls back (a 429 paused it, the reservoir is empty, the queue is long). */
  readonly rateLimitWait: { readonly ms: number; readonly reason: string; readonly bucket: string };
  /** The provider attached warnings to a successful response (Slack `response_metadata.warnings`). */
  readonly warning: { readonly method: string; readonly url: string; readonly warnings: readonly string[] };
}

/** Names of the events of {@link ClientEventMap}. */
export type ClientEventName = keyof ClientEventMap;

/** A listener of one event. */
export type ClientListener<E extends ClientEventName> = (payload: ClientEventMap[E]) => void;

/** Typed event emitter, one per client: the seam for logging and tracing. */
export interface ClientEvents {
  /** Subscribes; returns the function that unsubscribes. */
  on<E extends ClientEventName>(event: E, listener: ClientListener<E>): () => void;
  /** @internal */
  emit<E extends ClientEventName>(event: E, payload: ClientEventMap[E]): void;
  /** @internal whether anyone listens, so payloads are built only when needed. */
  has(event: ClientEventName): boolean;
  /** Removes every listener. */
  clear(): void;
}

/**
 * A broken listener never changes a call's outcome, nor is silent: a warning names only the error's type (its
 * message may quote a payload).
 */
function listenerFailed(event: ClientEventName, error: unknown): void {
  let type = typeof error as string;
  try {
    // Errors from another realm (vm, a test runner) too; a hostile `name` getter must not reach the call.
    if (Object.prototype.toString.call(error) === '[object Error]') type = String((error as Error).name);
  } catch {}
  process.emitWarning(`a "${event}" listener threw (${type}); the call goes on`, { code: 'ROSETTA_LISTENER_ERROR' });
}

/** Creates a {@link ClientEvents}. A throwing or rejecting listener never breaks a request; it is reported as a warning. */
export function createClientEvents(): ClientEvents {
  const listeners = new Map<ClientEventName, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener as (payload: never) => void));
      return () => void set.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      const set = listeners.get(event);
      if (set === undefined) return;
      for (const listener of set) {
        try {
          const result: unknown = (listener as (p: typeof payload) => unknown)(payload);
          // An async listener's rejection would be unhandled, which ends a Node process: reported the same way. Any
          // thenable, as a promise from another realm (vm, a test runner) is no `instanceof Promise` here.
          if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
            Promise.resolve(result).catch((error: unknown) => listenerFailed(event, error));
          }
        } catch (error) {
          listenerFailed(event, error);
        }
      }
    },
    has(event) {
      return !!listeners.get(event)?.size;
    },
    clear() {
      listeners.clear();
    },
  };
}
