// Type-checks every ```ts block of README.md and docs/**/*.md under the repo's strict compiler options, so a
// doc example cannot drift from the API it shows. A block fenced as ```ts nocheck is skipped (say why next to
// it). Each block is its own module; errors are reported at their line in the Markdown file.
// Run: node --import tsx scripts/check-doc-examples.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** One ```ts block: where it is in its Markdown file and its code. */
export interface DocExample {
  readonly file: string;
  /** 1-based line of the block's first code line. */
  readonly line: number;
  readonly code: string;
}

/** Fence of a TypeScript block, indented or not (list items indent theirs): its indent and its info string. */
const OPEN = /^(\s*)```(ts|typescript)\b(.*)$/;

/**
 * The ```ts blocks of one Markdown text, without those marked `nocheck`. A block's indent is removed from each
 * of its lines, so a block inside a list item reads as written.
 *
 * @example
 * extractExamples('a.md', '```ts\nconst x = 1;\n```\n'); // [{ file: 'a.md', line: 2, code: 'const x = 1;' }]
 */
export function extractExamples(file: string, markdown: string): DocExample[] {
  const lines = markdown.split('\n');
  const out: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i] as string);
    if (open === null) continue;
    const indent = (open[1] as string).length;
    const skip = /\bnocheck\b/.test(open[3] as string);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j] as string); j++)
      body.push((lines[j] as string).slice(indent));
    if (!skip) out.push({ file, line: i + 2, code: body.join('\n') });
    i = j;
  }
  return out;
}

function markdownFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name))
    .sort();
  return ['README.md', ...docs];
}

function main(): number {
  const examples = markdownFiles().flatMap((file) => extractExamples(file, readFileSync(join(ROOT, file), 'utf8')));
  // Inside packages/core/node_modules, so bare imports resolve as in the repo: core's own dependencies (zod, ky)
  // first, then the workspace packages and dev dependencies at the root.
  const cache = join(ROOT, 'packages/core/node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'doc-examples-'));
  try {
    const names = examples.map((example, index) => {
      const name = `example-${index}.ts`;
      // `export {}` makes every block a module (isolatedModules), on its last line so line numbers stay exact.
      writeFileSync(join(dir, name), `${example.code}\nexport {};\n`);
      return name;
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(ROOT, 'tsconfig.base.json'), compilerOptions: { noEmit: true }, files: names }),
    );
    const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      output = String((error as { stdout?: unknown }).stdout ?? error);
    }
    const errors = output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const m = /^(?:.*[\\/])?example-(\d+)\.ts\((\d+),(\d+)\): (.*)$/.exec(line);
        if (m === null) return line.startsWith(dir) ? relative(dir, line) : line;
        const example = examples[Number(m[1])] as DocExample;
        return `${example.file}:${example.line + Number(m[2]) - 1}:${m[3]} ${m[4]}`;
      });
    for (const error of errors) console.log(error);
    const count = errors.filter((line) => / error TS\d+:/.test(line)).length;
    console.log(
      `${examples.length} TypeScript examples in ${markdownFiles().length} Markdown files: ${
        errors.length === 0 ? 'all compile' : `${count} error${count === 1 ? '' : 's'}`
      }`,
    );
    return errors.length === 0 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
