#!/usr/bin/env node
// `rosetta-simulator`: the provider simulator as a standalone process, for manual runs and
// for clients in other languages.
import { loadFixtures } from './conformance/load-fixtures';
import { parseSimulatorArgs, SIMULATOR_USAGE } from './simulator/parse-simulator-args';
import { startSimulator } from './simulator/start-simulator';

async function main(): Promise<void> {
  const args = parseSimulatorArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${SIMULATOR_USAGE}\n`);
    return;
  }
  const providers = args.providers.map(({ id, fixturesDir, rateLimit }) => {
    const fixtures = loadFixtures(fixturesDir);
    return rateLimit === undefined ? { id, fixtures } : { id, fixtures, rateLimit };
  });
  const sim = await startSimulator({ providers, port: args.port, host: args.host });
  for (const provider of providers) {
    const limit =
      provider.rateLimit === undefined
        ? 'no rate limit'
        : `${provider.rateLimit.style} style, ${provider.rateLimit.limit} per ${provider.rateLimit.windowMs} ms`;
    process.stdout.write(
      `${provider.id.padEnd(10)} ${sim.urlFor(provider.id)}  (${provider.fixtures.length} fixtures, ${limit})\n`,
    );
  }
  process.stdout.write(
    `admin      POST ${sim.origin}/__simulator/scenario, GET ${sim.origin}/__simulator/stats?provider=<id>\n`,
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `rosetta-simulator: ${error instanceof Error ? error.message : String(error)}\n\n${SIMULATOR_USAGE}\n`,
  );
  process.exit(2);
});
