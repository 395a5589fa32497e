import { fork } from 'node:child_process';

/** A loopback server running in its own process. */
export interface ServerProcess {
  readonly url: string;
  /** Answers sent so far, by status. */
  counts(): Promise<Readonly<Record<string, number>>>;
  /** Ends the child process. */
  close(): Promise<void>;
}

/**
 * Starts `server-process.ts` in a child process, so the server uses the other core rather than
 * the benchmark's event loop, and its allocations stay out of the benchmark's heap.
 *
 * @param behaviour `json`: a small JSON item; `mixed`: one answer in ten an error (500, 429 with
 *   `retry-after-ms: 2`, 404 in turn).
 * @example
 * const server = await startServerProcess('json');
 * await fetch(`${server.url}/item`);
 * await server.close();
 */
export function startServerProcess(behaviour: 'json' | 'mixed'): Promise<ServerProcess> {
  // The parent's loader flags (tsx) carry over; gc and profiling flags stay with the parent.
  const execArgv = process.execArgv.filter((flag) => flag !== '--expose-gc' && !flag.startsWith('--cpu-prof'));
  const child = fork(new URL('./server-process.ts', import.meta.url), [behaviour], { execArgv });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server process exited early (code ${code})`)));
    child.once('message', (message: { type: string; url: string }) => {
      resolve({
        url: message.url,
        counts: () =>
          new Promise((done) => {
            child.once('message', (reply: { counts: Record<string, number> }) => done(reply.counts));
            child.send('counts');
          }),
        close: async () => {
          if (child.connected) child.disconnect();
          await exited;
        },
      });
    });
  });
}
