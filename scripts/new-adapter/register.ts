// Registers a new adapter in the files every adapter is listed in. Each edit is a pure function of the file's
// text: it returns the text unchanged when the adapter is already there (idempotent), and throws when the place
// it edits is not found, so that a file whose layout changed is registered by hand instead of edited wrongly.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AdapterNames, tsKey, tsString } from './names';

/** One shared file and how to add an adapter to its text. */
interface Registration {
  readonly file: string;
  readonly edit: (text: string, names: AdapterNames) => string;
}

/** Throws naming the file and the place it expected. */
function notFound(file: string, what: string): never {
  throw new Error(`${file}: ${what} not found; register the adapter there by hand`);
}

/** `vitest.config.ts`: the alias regex `/^@rosetta\/(stripe|github|...)$/` gets `|<id>`. */
export function addVitestAlias(text: string, { id }: AdapterNames): string {
  const alias = /(\/\^@rosetta\\\/\()([a-z0-9|-]+)(\)\$\/)/;
  const match = alias.exec(text) ?? notFound('vitest.config.ts', 'the adapters alias /^@rosetta\\/(...)$/');
  const ids = (match[2] as string).split('|');
  if (ids.includes(id)) return text;
  return text.replace(alias, `$1${[...ids, id].join('|')}$3`);
}

/**
 * `scripts/size.ts`: the id in `ADAPTERS`, and a gate in `GATE.coreWithAdapter` at MARGIN alone, which fails
 * `pnpm size` until the author measures the bundle and writes the measured bytes in front of the margin.
 */
export function addSizeEntry(text: string, { id }: AdapterNames): string {
  const list = /(const ADAPTERS = \[)([^\]]*)(\] as const;)/;
  const ids = list.exec(text) ?? notFound('scripts/size.ts', 'const ADAPTERS = [...] as const');
  // A list the formatter broke over lines ends with a comma: no empty entry.
  const entries = (ids[2] as string)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  let out = text;
  if (!entries.includes(tsString(id))) {
    const all = [...entries, tsString(id)];
    // As the formatter writes it: one line when it fits in 120 columns, else one entry per line.
    const oneLine = `${all.join(', ')}`;
    const body =
      `const ADAPTERS = [${oneLine}] as const;`.length <= 120 ? oneLine : `\n${all.map((e) => `  ${e},\n`).join('')}`;
    out = out.replace(list, (_match, open: string, _ids: string, close: string) => `${open}${body}${close}`);
  }

  const gate = /(coreWithAdapter: \{\n)([\s\S]*?)(\n\s*\},)/;
  const block = gate.exec(out) ?? notFound('scripts/size.ts', 'GATE.coreWithAdapter: { ... }');
  const key = tsKey(id);
  const lines = (block[2] as string).split('\n');
  if (lines.some((line) => line.trimStart().startsWith(`${key}:`))) return out;
  const indent = /^\s*/.exec(lines[0] ?? '')?.[0] ?? '    ';
  const entry = `${indent}${key}: MARGIN, // unmeasured: \`pnpm build && pnpm size\`, then its gzip bytes + MARGIN`;
  return out.replace(gate, `$1$2\n${entry}$3`);
}

/** Adds `@rosetta/<id>` as a workspace dependency under `field` of a manifest, the list kept sorted. */
function addWorkspaceDependency(
  text: string,
  field: 'dependencies' | 'devDependencies',
  file: string,
  id: string,
): string {
  const manifest = JSON.parse(text) as Partial<Record<typeof field, Record<string, string>>>;
  const deps = manifest[field] ?? notFound(file, field);
  const name = `@rosetta/${id}`;
  if (deps[name] !== undefined) return text;
  deps[name] = 'workspace:*';
  manifest[field] = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The root `package.json`: `@rosetta/<id>` as a workspace devDependency. */
export function addRootDevDependency(text: string, { id }: AdapterNames): string {
  return addWorkspaceDependency(text, 'devDependencies', 'package.json', id);
}

/** The demo's `package.json`: the demo shows every adapter it depends on. */
export function addDemoDependency(text: string, { id }: AdapterNames): string {
  return addWorkspaceDependency(text, 'dependencies', 'examples/demo/package.json', id);
}

/** `README.md`: the package table's adapters row gets `` `@rosetta/<id>` ``. */
export function addReadmePackage(text: string, { id }: AdapterNames): string {
  const row = /^(\| (?:`@rosetta\/[a-z0-9-]+`(?:, )?)+)( \| provider adapters \|)$/m;
  const match = row.exec(text) ?? notFound('README.md', 'the "provider adapters" row of the package table');
  if ((match[1] as string).includes(`\`@rosetta/${id}\``)) return text;
  return text.replace(row, `$1, \`@rosetta/${id}\`$2`);
}

/** `docs/README.md`: a row in the providers table, after the last one. */
export function addDocsProvider(text: string, { id, display }: AdapterNames): string {
  const link = `(providers/${id}.md)`;
  if (text.includes(link)) return text;
  const section = /## Providers\n\n\| page \|[^\n]*\n\| ---[^\n]*\n((?:\|[^\n]*\n)*)/;
  const table = section.exec(text) ?? notFound('docs/README.md', 'the table of the "## Providers" section');
  const row = `| [${display}]${link} | error bodies and their mapping, rate limits, pagination |\n`;
  const end = table.index + table[0].length;
  return text.slice(0, end) + row + text.slice(end);
}

const REGISTRATIONS: readonly Registration[] = [
  { file: 'vitest.config.ts', edit: addVitestAlias },
  { file: 'scripts/size.ts', edit: addSizeEntry },
  { file: 'package.json', edit: addRootDevDependency },
  { file: 'examples/demo/package.json', edit: addDemoDependency },
  { file: 'README.md', edit: addReadmePackage },
  { file: 'docs/README.md', edit: addDocsProvider },
];

/**
 * Adds the adapter to every shared file under `root`; returns the files it changed (none on a second run).
 *
 * @example
 * registerAdapter('/repo', adapterNames('acme')); // ['vitest.config.ts', 'scripts/size.ts', ...]
 */
export function registerAdapter(root: string, names: AdapterNames): string[] {
  // Every edit is computed before any file is written: a layout that is not found changes nothing.
  const edits = REGISTRATIONS.map(({ file, edit }) => {
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    return { file, path, before, after: edit(before, names) };
  });
  const changed = edits.filter(({ before, after }) => before !== after);
  for (const { path, after } of changed) writeFileSync(path, after);
  return changed.map(({ file }) => file);
}
