// A bounded wait for fault tests: a call that never settles must fail the test with a clear message,
// not hang the run until vitest's global timeout (docs/reliability.md: "never a hang").
import { isApiError } from '../../src/errors/is-api-error';
import type { ApiError } from '../../src/errors/api-error';

// Captured at import, before any test installs fake timers, so the bound holds in wall time whatever
// the test does with the clock.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** How a promise settled. */
export type Settled<T> =
  | { readonly status: 'fulfilled'; readonly value: T }
  | { readonly status: 'rejected'; readonly error: unknown };

/**
 * Waits for `promise` at most `ms` of real time and reports how it settled; throws when it did not
 * settle in time. Safe under `vi.useFakeTimers()`.
 *
 * @example
 * const outcome = await settleWithin(client.get('/hang'), 5_000);
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = realSetTimeout(() => reject(new Error(`the call did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value): Settled<T> => ({ status: 'fulfilled', value }),
        (error: unknown): Settled<T> => ({ status: 'rejected', error }),
      ),
      bound,
    ]);
  } finally {
    realClearTimeout(timer);
  }
}

/**
 * Waits at most `ms` for `promise` to reject and returns the rejection, which must be an
 * {@link ApiError}: a fulfilled call, a raw `TypeError` or a hang fails the test.
 *
 * @example
 * const err = await rejectsWithin(client.get('/reset'), 5_000);
 * expect(err.kind).toBe('network');
 */
export async function rejectsWithin(promise: Promise<unknown>, ms: number): Promise<ApiError> {
  const outcome = await settleWithin(promise, ms);
  if (outcome.status === 'fulfilled') throw new Error('expected the call to fail, but it succeeded');
  if (!isApiError(outcome.error)) {
    throw new Error(`expected an ApiError, got ${String(outcome.error)}`, { cause: outcome.error });
  }
  return outcome.error;
}

/**
 * Waits at most `ms` for `promise` to fulfil and returns its value; a rejection or a hang fails the test.
 *
 * @example
 * expect(await resolvesWithin(client.get('/empty/204'), 5_000)).toBeUndefined();
 */
export async function resolvesWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  const outcome = await settleWithin(promise, ms);
  if (outcome.status === 'rejected') throw outcome.error;
  return outcome.value;
}
