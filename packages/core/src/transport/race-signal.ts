/**
 * Settles with `value` (a promise, or any thenable), or rejects with the signal's reason as soon as it aborts: user
 * code that never settles (a token function, an async schema, a custom fetch that ignores its signal) cannot keep a
 * call pending.
 *
 * @param discard - called with a value that arrives after the abort won, which nobody else will see: a late
 *   `Response` from a custom fetch deaf to its signal has its body cancelled there, or its socket stays open.
 */
export function raceSignal<T>(value: T | Promise<T>, signal: AbortSignal, discard?: (late: T) => void): Promise<T> {
  // Any thenable, not only this realm's Promise: a schema's validate may answer with another realm's (a vm context).
  const promise = value as Promise<T>;
  if (typeof promise?.then !== 'function') return Promise.resolve(value);
  if (signal.aborted) {
    promise.then(discard, noop);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        // Aborted means onAbort ran already: the abort won.
        if (signal.aborted) discard?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Does nothing: the handler of a rejection that nobody needs. */
export const noop = (): void => {};

/** Cancels the body of a response or request nobody will read: its socket closes. */
export const cancelBody = (message: { readonly body: ReadableStream | null }): void =>
  void message.body?.cancel().catch(noop);
