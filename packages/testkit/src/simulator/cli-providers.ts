import { loadFixtures } from '../conformance/load-fixtures';
import { findInstalledAdapters } from './find-installed-adapters';
import type { SimulatorArgs } from './parse-simulator-args';
import type { SimulatedProvider, SimulatedRateLimit } from './types';

/**
 * The providers `rosetta-simulator` serves: those `--fixtures` names, else every installed
 * `@rosetta/*` adapter found from `from` (see {@link findInstalledAdapters}), each with its
 * `--rate-limit`. GitHub also gets its non-JSON endpoints (markdown, raw contents, archives).
 * Throws a `TypeError` when nothing is installed or a `--rate-limit` names no installed adapter.
 *
 * @example
 * cliProviders(parseSimulatorArgs(['--port', '0']), process.cwd()); // [{ id: 'github', fixtures, endpoints: 'github' }, ...]
 */
export function cliProviders(args: SimulatorArgs, from: string): SimulatedProvider[] {
  if (args.providers.length > 0) {
    return args.providers.map(({ id, fixturesDir, rateLimit }) => provider(id, fixturesDir, rateLimit));
  }
  const installed = findInstalledAdapters(from);
  if (installed.length === 0) {
    throw new TypeError(
      `no @rosetta/* adapter with fixtures is installed from ${from}: npm install one (e.g. @rosetta/github) or give --fixtures <id>=<dir>`,
    );
  }
  const ids = new Set(installed.map((a) => a.id));
  const stray = Object.keys(args.rateLimits).find((id) => !ids.has(id));
  if (stray !== undefined) {
    throw new TypeError(`--rate-limit ${stray}: no installed adapter has that id (installed: ${[...ids].join(', ')})`);
  }
  return installed.map(({ id, fixturesDir }) => provider(id, fixturesDir, args.rateLimits[id]));
}

function provider(id: string, fixturesDir: string, rateLimit: SimulatedRateLimit | undefined): SimulatedProvider {
  return {
    id,
    fixtures: loadFixtures(fixturesDir),
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(id === 'github' ? { endpoints: 'github' as const } : {}),
  };
}
