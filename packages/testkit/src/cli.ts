#!/usr/bin/env node
// `rosetta-simulator`: the provider simulator as a standalone process, for users' own tests, manual runs and
// clients in other languages. Without --fixtures it serves every @rosetta/* adapter installed from the current folder.
import { cliProviders } from './simulator/cli-providers';
import { parseSimulatorArgs, SIMULATOR_USAGE } from './simulator/parse-simulator-args';
import { SIMULATE_HEADER, startSimulator } from './simulator/start-simulator';

async function main(): Promise<void> {
  const args = parseSimulatorArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${SIMULATOR_USAGE}\n`);
    return;
  }
  const providers = cliProviders(args, process.cwd());
  const sim = await startSimulator({ providers, port: args.port, host: args.host });
  const out = [`rosetta-simulator listening on ${sim.origin} (${providers.length} providers)`];
  for (const provider of providers) {
    const limit =
      provider.rateLimit === undefined
        ? 'no rate limit'
        : `${provider.rateLimit.style} style, ${provider.rateLimit.limit} per ${provider.rateLimit.windowMs} ms`;
    out.push(`${provider.id.padEnd(16)} ${sim.urlFor(provider.id)}  (${provider.fixtures.length} fixtures, ${limit})`);
  }
  out.push(
    `admin            POST ${sim.origin}/__simulator/scenario, GET ${sim.origin}/__simulator/stats?provider=<id>`,
    `a failure        send the header ${SIMULATE_HEADER}: <fixture name>; an unknown name lists the names`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
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
