/** A signal plus the function that detaches it from its sources. */
export interface DisposableSignal {
  /** Aborts as soon as any source aborts, with that source's reason. */
  signal: AbortSignal;
  /** Removes the listeners put on the sources. Safe to call more than once. */
  dispose(): void;
}

/** A signal that aborts after a delay, plus the function that cancels the timer. */
export interface TimeoutSignal {
  /** Aborts with a `DOMException` named `TimeoutError` once the delay has passed. */
  signal: AbortSignal;
  /** Cancels the timer; the signal then never aborts. Safe to call more than once. */
  clear(): void;
}

// setTimeout fires at once (with a warning) for delays above 2^31 - 1 ms.
const MAX_TIMER_MS = 2_147_483_647;
const noop = (): void => {};

/**
 * Like `AbortSignal.any`, but the listeners it adds to long-lived sources (a client's close
 * signal, a caller's signal reused across calls) are removed by `dispose()`, so combining
 * signals once per request does not accumulate listeners. The first source to abort wins and
 * its reason is kept. `undefined` entries are ignored.
 *
 * @example
 * const combined = combineSignals([options.signal, timeout.signal]);
 * try { await fetch(url, { signal: combined.signal }); } finally { combined.dispose(); }
 */
export function combineSignals(signals: readonly (AbortSignal | undefined)[]): DisposableSignal {
  const sources = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  const aborted = sources.find((signal) => signal.aborted);
  if (aborted !== undefined) return { signal: AbortSignal.abort(aborted.reason), dispose: noop };
  if (sources.length === 1 && sources[0] !== undefined) return { signal: sources[0], dispose: noop };

  const controller = new AbortController();
  const onAbort = (event: Event): void => {
    dispose();
    controller.abort((event.target as AbortSignal).reason);
  };
  const dispose = (): void => {
    for (const source of sources) source.removeEventListener('abort', onAbort);
  };
  for (const source of sources) source.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, dispose };
}

/**
 * A signal that aborts after `ms` milliseconds with a `TimeoutError` DOMException, like
 * `AbortSignal.timeout`, but whose timer `clear()` cancels, so a finished attempt leaves no
 * timer behind. The timer is unref'd and never keeps the process alive. `Infinity` never
 * aborts; delays beyond setTimeout's range are capped at about 24.8 days.
 *
 * @example
 * const timeout = timeoutSignal(30_000);
 * try { await fetch(url, { signal: timeout.signal }); } finally { timeout.clear(); }
 */
export function timeoutSignal(ms: number): TimeoutSignal {
  if (Number.isNaN(ms) || ms < 0) throw new RangeError('timeoutSignal: ms must be a number >= 0');
  const controller = new AbortController();
  if (ms === Number.POSITIVE_INFINITY) return { signal: controller.signal, clear: noop };
  const timer = setTimeout(
    () => {
      controller.abort(new DOMException(`The operation timed out after ${ms} ms`, 'TimeoutError'));
    },
    Math.min(ms, MAX_TIMER_MS),
  );
  timer.unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
