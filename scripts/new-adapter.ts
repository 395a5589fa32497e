// Scaffolds a provider adapter: `pnpm new-adapter <id> [--name "Display Name"] [--base-url https://...]`.
// Writes packages/adapters/<id>/ and docs/providers/<id>.md, registers the adapter in the shared files
// (scripts/new-adapter/register.ts) and prints the next steps. The scaffold compiles and its definition is
// valid, but its tests fail until it has cited fixtures and a cited limit: an unfinished adapter cannot ship.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { docPath, packageDir, scaffoldFiles } from './new-adapter/scaffold-files';
import { type AdapterNames, adapterNames, invalidIdReason } from './new-adapter/names';
import { registerAdapter } from './new-adapter/register';

const ROOT = join(import.meta.dirname, '..');

/** What `newAdapter` takes: the CLI's arguments, and the repository to write into. */
export interface NewAdapterOptions {
  readonly id: string;
  readonly name?: string;
  readonly baseUrl?: string;
  /** The repository root; tests point it at a copy. @default the repository this script is in */
  readonly root?: string;
  /** The seed printed by the scaffold's property test. @default today's date as yyyymmdd */
  readonly seed?: number;
}

/** What `newAdapter` wrote: files created, and shared files it registered the adapter in. */
export interface NewAdapterResult {
  readonly names: AdapterNames;
  readonly created: readonly string[];
  readonly registered: readonly string[];
}

/**
 * Creates the adapter package and its provider page, and registers it. Throws, writing nothing, for an invalid
 * id or base URL and for an id that already has a package or a page.
 *
 * @example
 * newAdapter({ id: 'acme', name: 'Acme', baseUrl: 'https://api.acme.com' });
 */
export function newAdapter(options: NewAdapterOptions): NewAdapterResult {
  const root = options.root ?? ROOT;
  const reason = invalidIdReason(options.id);
  if (reason !== undefined) throw new Error(`Invalid adapter id "${options.id}": ${reason}`);
  if (options.baseUrl !== undefined && !isHttpUrl(options.baseUrl)) {
    throw new Error(`Invalid --base-url "${options.baseUrl}": must be an absolute http(s) URL`);
  }
  if (options.name?.trim() === '') throw new Error('Invalid --name: must not be empty');
  const names = adapterNames(options.id, options.name, options.baseUrl);
  for (const taken of [packageDir(names), docPath(names)]) {
    if (existsSync(join(root, taken))) throw new Error(`Adapter "${names.id}" exists already: ${taken}`);
  }

  const files = scaffoldFiles(names, options.seed ?? todaySeed());
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text, { flag: 'wx' });
  }
  return { names, created: Object.keys(files), registered: registerAdapter(root, names) };
}

/** Parses the CLI's arguments (without `node` and the script). */
export function parseNewAdapterArgs(argv: readonly string[]): NewAdapterOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { name: { type: 'string' }, 'base-url': { type: 'string' }, root: { type: 'string' } },
  });
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) throw new Error(USAGE);
  return {
    id,
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values['base-url'] === undefined ? {} : { baseUrl: values['base-url'] }),
    ...(values.root === undefined ? {} : { root: values.root }),
  };
}

const USAGE = 'Usage: pnpm new-adapter <id> [--name "Display Name"] [--base-url https://api.example.com]';

/** What to do after scaffolding, in order. */
export function nextSteps({ names, created, registered }: NewAdapterResult): string {
  const dir = packageDir(names);
  return `Created @rosetta/${names.id} (${created.length} files) and registered it in ${registered.join(', ')}.

Next steps (docs/writing-an-adapter.md):
  1. npx -y pnpm@10.34.8 install          links the new package (the lockfile changes: keep it)
  2. ${dir}/src/limits.ts: the documented limits, each bucket's source the https URL of its page
  3. ${dir}/src/schemas.ts and src/${names.id}-error-body.ts: the documented error body, schema and reader
  4. ${dir}/test/fixtures/: at least 20 cited fixtures (copy TEMPLATE.json.example)
  5. ${dir}/src/adapter.ts: the rest of the contract (request ids, rate-limit headers, idempotency, pagination, ...)
  6. npx vitest run ${dir}                 the conformance, body-schema and limits tests fail until 2-4 are done
  7. npx -y pnpm@10.34.8 build && npx -y pnpm@10.34.8 size   then put the measured gzip bytes in scripts/size.ts GATE
  8. ${docPath(names)}: fill every section; the docs/README.md row says what the page maps
  9. node --conditions=source --import tsx scripts/package-meta.ts            the package's README, LICENSE and npm metadata`;
}

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

function todaySeed(): number {
  return Number(new Date().toISOString().slice(0, 10).replaceAll('-', ''));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(nextSteps(newAdapter(parseNewAdapterArgs(process.argv.slice(2)))));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
