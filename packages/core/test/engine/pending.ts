/** Whether a promise is still pending after the microtasks run (fake timers leave `setImmediate` real). */
export async function pending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const settled = await Promise.race([
    promise.then(
      () => 'resolved',
      () => 'rejected',
    ),
    new Promise((resolve) => setImmediate(() => resolve(marker))),
  ]);
  return settled === marker;
}
