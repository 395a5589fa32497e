/** A promise with its settle functions outside, for jobs a test releases by hand. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves with how the promise settled, so tests can assert on still-pending promises too. */
export function track<T>(promise: Promise<T>): {
  readonly state: 'pending' | 'fulfilled' | 'rejected';
  readonly value?: T;
  readonly error?: unknown;
} {
  const result: { state: 'pending' | 'fulfilled' | 'rejected'; value?: T; error?: unknown } = { state: 'pending' };
  promise.then(
    (value) => {
      result.state = 'fulfilled';
      result.value = value;
    },
    (error: unknown) => {
      result.state = 'rejected';
      result.error = error;
    },
  );
  return result;
}

/** Real time passing, for tests against a real server (Redis) whose clock fake timers cannot move. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails the test after `limitMs` instead of hanging. */
export async function until(check: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}
