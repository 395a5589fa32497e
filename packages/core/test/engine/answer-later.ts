/**
 * A fetch answer made `ms` from now; it rejects with the request's abort reason as fetch does, unless `deaf` (a
 * custom fetch that ignores its signal).
 */
export function answerLater(
  ms: number,
  signal: AbortSignal | undefined,
  make: () => Response,
  deaf = false,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const timer = setTimeout(() => resolve(make()), ms);
    if (deaf) return;
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
