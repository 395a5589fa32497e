/**
 * Why this exists (MEASURED.md, "bottleneck 2.19.5"): bottleneck's `LocalDatastore.yieldLoop()`
 * awaits `setTimeout(0)` at the start of every datastore operation (submit, register, free, ...),
 * and those operations are serialized by the limiter's submit/register locks. A Node timer waits
 * at least 1 ms, so a local limiter tops out near 430 jobs/s whatever its limits.
 *
 * Options weighed:
 * - the `Promise` option: yieldLoop still calls `setTimeout` inside the executor; no effect.
 * - a documented hook: there is none; `datastore` only takes 'local' | 'redis' | 'ioredis'.
 * - subclassing `LocalDatastore`: bottleneck constructs it from a module-private reference, so a
 *   subclass cannot be injected without forking or patching the module for every user.
 * - a fast path around bottleneck: helps only while no limit binds, i.e. never under load,
 *   which is exactly when the ceiling hurts. (We still skip bottleneck when nothing is
 *   configured; see `createLocalEngine`.)
 * - replace the yield on this one instance's datastore (chosen).
 *
 * Why it is sound: bottleneck's scheduling logic is written against an asynchronous datastore
 * of arbitrary latency (the Redis one runs the very same code), so it cannot depend on the
 * yield being a timer; a resolved promise is still asynchronous. What the timer added was a
 * chance for I/O between datastore steps; that stays, because bottleneck starts every job from
 * its own `setTimeout` (`Bottleneck._run`) and Rosetta hands bottleneck at most one waiting job
 * plus a bounded batch (see `create-limiter.ts`), so a microtask chain never spans more than
 * one hand-off. A microtask (rather than `setImmediate`) also keeps fake-timer tests exact.
 * Only this instance changes: no prototype, no module state, other bottleneck users keep
 * the original. The version is pinned (2.19.5); if the internals ever differ, nothing is
 * patched and the limiter stays correct, only slower (a test fails loudly in that case).
 */

interface LocalStoreInternals {
  yieldLoop?: unknown;
  _nextRequest?: unknown;
}

/**
 * Makes one bottleneck instance's local datastore yield through a microtask instead of a
 * 1 ms timer. Returns whether the instance was patched.
 *
 * @example
 * const b = new Bottleneck({ maxConcurrent: 32 });
 * removeTimerYield(b); // ~430 jobs/s -> tens of thousands
 */
export function removeTimerYield(limiter: object): boolean {
  const store = (limiter as { _store?: LocalStoreInternals })._store;
  // `_nextRequest` only exists on LocalDatastore: never touch a Redis datastore.
  if (store === undefined || typeof store.yieldLoop !== 'function' || typeof store._nextRequest !== 'number') {
    return false;
  }
  const timerYield = store.yieldLoop as (t?: number) => Promise<void>;
  // bottleneck never passes a delay today; should it, keep its timer semantics.
  store.yieldLoop = (t = 0): Promise<void> => (t > 0 ? timerYield.call(store, t) : Promise.resolve());
  return true;
}
