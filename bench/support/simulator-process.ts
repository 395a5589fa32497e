// Entry of the limits benchmark's simulator child process (see start-simulator-process.ts): the
// simulated provider runs on its own event loop, so its work never delays the client's timers and
// probe calls. Messages: { type: 'start', provider, limits? } (replaces the running simulator),
// { type: 'stats', provider }; disconnecting stops it.
import {
  type AdapterFixture,
  loadFixtures,
  type SimulatedLimit,
  type Simulator,
  startSimulator,
} from '@rosetta/testkit';

type Request =
  | { readonly type: 'start'; readonly provider: string; readonly limits?: readonly SimulatedLimit[] }
  | { readonly type: 'stats'; readonly provider: string };

/**
 * The adapter fixtures a provider answers from (all of them, or the ones named): Slack's give `ok: true`, GitHub's
 * the GraphQL success, Linear's `success-viewer` the `data` its adapter requires of a GraphQL success (an empty
 * answer reads as `invalid_response`). Other providers answer the simulator's empty success.
 */
const SERVED: Readonly<Record<string, readonly string[] | 'all'>> = {
  github: 'all',
  slack: 'all',
  linear: ['success-viewer'],
};
const fixtures = new Map<string, AdapterFixture[]>();
function fixturesFor(provider: string): AdapterFixture[] {
  const served = SERVED[provider];
  if (served === undefined) return [];
  let loaded = fixtures.get(provider);
  if (loaded === undefined) {
    loaded = loadFixtures(new URL(`../../packages/adapters/${provider}/test/fixtures`, import.meta.url)).filter(
      (f) => served === 'all' || served.includes(f.name),
    );
    fixtures.set(provider, loaded);
  }
  return loaded;
}

let sim: Simulator | undefined;
process.on('message', (message: Request) => {
  void (async () => {
    if (message.type === 'start') {
      await sim?.close();
      sim = await startSimulator({
        providers: [
          {
            id: message.provider,
            fixtures: fixturesFor(message.provider),
            ...(message.limits === undefined ? {} : { limits: message.limits }),
          },
        ],
      });
      process.send?.({ type: 'started', origin: sim.origin, url: sim.urlFor(message.provider) });
    } else {
      process.send?.({ type: 'stats', stats: sim?.stats(message.provider) });
    }
  })();
});
process.on('disconnect', () => {
  void (sim?.close() ?? Promise.resolve()).then(() => process.exit(0));
});
process.send?.({ type: 'ready' });
