import { fork } from 'node:child_process';
import type { ProviderStats, SimulatedLimit } from '@rosetta/testkit';

/** A provider simulator in a child process; one request at a time. */
export interface SimulatorProcess {
  /** Replaces the running simulator with a fresh one serving `provider` under `limits` (none: unlimited). */
  start(
    provider: string,
    limits?: readonly SimulatedLimit[],
  ): Promise<{ readonly origin: string; readonly url: string }>;
  stats(provider: string): Promise<ProviderStats>;
  close(): Promise<void>;
}

/**
 * Forks `simulator-process.ts`, so the provider uses the other core rather than the client's event
 * loop (on a shared 2-core machine its work would otherwise show up as client latency).
 *
 * @example
 * const sims = await startSimulatorProcess();
 * const { url } = await sims.start('slack', [{ model: 'slack', limit: 50, windowMs: 1_000 }]);
 */
export async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const execArgv = process.execArgv.filter((flag) => flag !== '--expose-gc' && !flag.startsWith('--cpu-prof'));
  const child = fork(new URL('./simulator-process.ts', import.meta.url), [], { execArgv });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const reply = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onExit = (): void => reject(new Error('simulator process exited'));
      child.once('exit', onExit);
      const onMessage = (message: { type: string } & T): void => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      child.on('message', onMessage);
    });
  await reply('ready');
  return {
    async start(provider, limits) {
      const started = reply<{ origin: string; url: string }>('started');
      child.send({ type: 'start', provider, ...(limits === undefined ? {} : { limits }) });
      const { origin, url } = await started;
      return { origin, url };
    },
    async stats(provider) {
      const answer = reply<{ stats: ProviderStats }>('stats');
      child.send({ type: 'stats', provider });
      return (await answer).stats;
    },
    async close() {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}
