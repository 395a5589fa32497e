import { parseArgs } from 'node:util';
import type { RateLimitStyle, SimulatedRateLimit } from './types';

/** One provider as the command line names it: fixtures from a directory, maybe a rate limit. */
export interface CliProvider {
  readonly id: string;
  readonly fixturesDir: string;
  readonly rateLimit?: SimulatedRateLimit;
}

/** The command line of `rosetta-simulator`, read. */
export interface SimulatorArgs {
  readonly port: number;
  readonly host: string;
  /** The providers `--fixtures` names; none means: serve every installed `@rosetta/*` adapter. */
  readonly providers: readonly CliProvider[];
  /** Without `--fixtures`: the `--rate-limit` of each adapter to be found installed, by id. Else empty. */
  readonly rateLimits: Readonly<Record<string, SimulatedRateLimit>>;
  readonly help: boolean;
}

/** Usage text of `rosetta-simulator`. */
export const SIMULATOR_USAGE = `Usage: rosetta-simulator [--fixtures <id>=<dir> ...] [options]

Serves each provider's recorded fixtures under /<id> on a loopback port. Without --fixtures it
serves every @rosetta/* adapter installed where Node resolves packages from the current folder.
Pick an answer with the header x-rosetta-simulate: <fixture name>.

Options:
  --fixtures <id>=<dir>                     a provider and its fixture directory (repeatable)
  --rate-limit <id>=[<style>:]<limit>/<ms>  a fixed-window limit; style github, slack, stripe or
                                            generic (default: the id when it names a style, else generic)
  --port <n>                                port (default 4010; 0 picks a free one)
  --host <addr>                             address (default 127.0.0.1)
  -h, --help                                this text

Examples:
  rosetta-simulator --port 0
  rosetta-simulator --port 4010 --fixtures github=packages/adapters/github/test/fixtures --rate-limit github=100/1000`;

const STYLES: readonly RateLimitStyle[] = ['github', 'slack', 'stripe', 'generic'];

/**
 * Reads the arguments of `rosetta-simulator`. Throws a `TypeError` with a readable message for
 * anything malformed.
 *
 * @example
 * parseSimulatorArgs(['--fixtures', 'github=fx/github', '--rate-limit', 'github=100/1000']);
 * // { port: 4010, host: '127.0.0.1', providers: [{ id: 'github', fixturesDir: 'fx/github', rateLimit: { style: 'github', limit: 100, windowMs: 1000 } }], rateLimits: {}, help: false }
 * parseSimulatorArgs(['--port', '0']); // { port: 0, ..., providers: [], rateLimits: {} }: serve the installed adapters
 */
export function parseSimulatorArgs(argv: readonly string[]): SimulatorArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      fixtures: { type: 'string', multiple: true },
      'rate-limit': { type: 'string', multiple: true },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const help = values.help ?? false;
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new TypeError(`--port must be 0 to 65535, got "${values.port}"`);

  const limits = new Map<string, SimulatedRateLimit>();
  for (const entry of values['rate-limit'] ?? []) {
    const [id, spec] = splitPair(entry, '--rate-limit');
    const match = /^(?:([a-z]+):)?(\d+)\/(\d+)$/.exec(spec);
    if (match === null) throw new TypeError(`--rate-limit ${entry}: expected <id>=[<style>:]<limit>/<windowMs>`);
    const style = (match[1] ?? (STYLES.includes(id as RateLimitStyle) ? id : 'generic')) as RateLimitStyle;
    if (!STYLES.includes(style))
      throw new TypeError(`--rate-limit ${entry}: style must be one of ${STYLES.join(', ')}`);
    const limit = Number(match[2]);
    const windowMs = Number(match[3]);
    if (limit < 1 || windowMs < 1) throw new TypeError(`--rate-limit ${entry}: limit and window must be positive`);
    limits.set(id, { style, limit, windowMs });
  }

  const providers: CliProvider[] = [];
  for (const entry of values.fixtures ?? []) {
    const [id, fixturesDir] = splitPair(entry, '--fixtures');
    const rateLimit = limits.get(id);
    providers.push(rateLimit === undefined ? { id, fixturesDir } : { id, fixturesDir, rateLimit });
    limits.delete(id);
  }
  const orphan = limits.keys().next();
  if (providers.length > 0 && orphan.done !== true)
    throw new TypeError(`--rate-limit ${orphan.value}: no --fixtures ${orphan.value}=<dir> given`);
  return { port, host: values.host ?? '127.0.0.1', providers, rateLimits: Object.fromEntries(limits), help };
}

function splitPair(entry: string, flag: string): [string, string] {
  const at = entry.indexOf('=');
  if (at <= 0 || at === entry.length - 1) throw new TypeError(`${flag} ${entry}: expected <id>=<value>`);
  return [entry.slice(0, at), entry.slice(at + 1)];
}
