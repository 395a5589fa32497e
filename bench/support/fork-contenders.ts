import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a contender child process sends its parent: ready (warmed up), then its outcome. */
type ContenderMessage<O> = { readonly type: 'ready' } | { readonly type: 'outcome'; readonly outcome: O };

const FLAG = '--contender';

/**
 * Runs contenders `0..count-1` of a scenario at the same time, each in its own child process
 * (the scenario file again, with `--contender <index>`), so that one contender's bursts of CPU
 * never delay another's timers and sockets. Every child first loads and warms up; all start
 * together once every one is ready, so no contender runs while others still compile.
 * Resolves with their outcomes in index order.
 *
 * @example
 * const outcomes = await forkContenders<Outcome>(import.meta.url, contenders.length, args);
 */
export function forkContenders<O>(moduleUrl: string, count: number, args: readonly string[]): Promise<O[]> {
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--cpu-prof'));
  let readyCount = 0;
  const children = Array.from({ length: count }, (_, index) =>
    fork(fileURLToPath(moduleUrl), [...args, FLAG, String(index)], { execArgv }),
  );
  const startAll = (): void => {
    for (const child of children) if (child.connected) child.send('go');
  };
  return Promise.all(
    children.map(
      (child, index) =>
        new Promise<O>((resolve, reject) => {
          let outcome: O | undefined;
          child.on('message', (message: ContenderMessage<O>) => {
            if (message.type === 'ready' && ++readyCount === count) startAll();
            if (message.type === 'outcome') outcome = message.outcome;
          });
          child.once('error', reject);
          child.once('exit', (code) => {
            if (outcome === undefined) {
              // A contender that died must not leave the others waiting for it.
              if (readyCount < count) {
                readyCount = count;
                startAll();
              }
              reject(new Error(`contender ${index} exited with code ${code} and no outcome`));
            } else resolve(outcome);
          });
        }),
    ),
  );
}

/**
 * In a contender child process (started by {@link forkContenders}): prepares the contender named
 * by `--contender <index>` (servers, clients, warm-up), reports ready, runs it when the parent
 * says go, sends the outcome and exits. Does nothing in any other process.
 *
 * @param prepare Sets the contender up and returns the function that runs it.
 * @example
 * await serveContender(args, async (index) => { const go = await setUp(index); return () => go(); });
 */
export async function serveContender<O>(
  args: readonly string[],
  prepare: (index: number) => Promise<() => Promise<O>>,
): Promise<void> {
  const at = args.indexOf(FLAG);
  if (at < 0 || process.send === undefined) return;
  const start = await prepare(Number(args[at + 1]));
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send({ type: 'ready' } satisfies ContenderMessage<O>);
  await go;
  const outcome = await start();
  await new Promise<void>((resolve) =>
    process.send?.({ type: 'outcome', outcome } satisfies ContenderMessage<O>, () => resolve()),
  );
  process.exit(0);
}
