// Keeps every published package a user can live with: README (what, install, one example, how it loads), LICENSE,
// `repository`, `homepage`, `bugs` and `keywords`. `--check` (CI) fails on anything missing or stale; without it the
// files are written. One builder for every package: adapters added later get the same by running it again.
// Every adapter also ships its recorded fixtures (`test/fixtures/*.json`), exported as `@rosetta/<id>/fixtures/*` and
// named by the manifest's `rosetta` field, which `rosetta-simulator` and `findInstalledAdapters()` read.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixtures } from '@rosetta/testkit';

const ROOT = join(import.meta.dirname, '..');
/** Where the project lives; every package points here. */
export const REPOSITORY = 'https://github.com/rosetta-sdk/rosetta';
const LICENSE = readFileSync(join(ROOT, 'LICENSE'), 'utf8');

/** A published package of the workspace: its folder, relative to the root, and its manifest. */
interface Workspace {
  readonly dir: string;
  readonly manifest: Record<string, unknown> & { name: string; description: string };
}

function workspaces(): Workspace[] {
  const adapters = readdirSync(join(ROOT, 'packages/adapters')).map((id) => `packages/adapters/${id}`);
  return ['packages/core', 'packages/testkit', 'packages/opentelemetry', ...adapters].map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')),
  }));
}

const camel = (id: string): string => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The adapter's display name, as its definition declares it. */
function displayName(dir: string, id: string): string {
  const source = readFileSync(join(ROOT, dir, 'src/adapter.ts'), 'utf8');
  return /displayName: '([^']+)'/.exec(source)?.[1] ?? id;
}

/** The call the README's example makes: the shortest success of the adapter's own fixtures, a GET if there is one. */
function exampleCall(dir: string): string {
  const [first] = loadFixtures(join(ROOT, dir, 'test/fixtures'))
    .filter((f) => f.expected === null && !f.request.path.includes('?'))
    .map((f) => ({ method: f.request.method.toLowerCase(), path: f.request.path }))
    .sort((a, b) => Number(b.method === 'get') - Number(a.method === 'get') || a.path.length - b.path.length);
  return first === undefined ? "get('/')" : `${first.method}('${first.path}')`;
}

const LOADING = `## How it loads

ESM only (\`"type": "module"\`). On Node >= 20.19, \`require()\` of it works as well (Node's \`require(esm)\`).`;

function adapterReadme({ dir, manifest }: Workspace): string {
  const id = dir.split('/').pop() as string;
  const name = displayName(dir, id);
  const env = `${id.replace(/-/g, '_').toUpperCase()}_TOKEN`;
  return `# ${manifest.name}

${manifest.description}

Errors come back as one \`ApiError\` with a \`kind\` (\`rate_limited\`, \`authentication\`, \`validation\`, ...), the
same for every provider; ${name}'s limits are paced per bucket. See the provider page:
${REPOSITORY}/blob/main/docs/providers/${id}.md

## Install

\`\`\`sh
npm install @rosetta/core ${manifest.name}
\`\`\`

## Use

\`\`\`ts
import { createClient, isApiError } from '@rosetta/core';
import { ${camel(id)} } from '${manifest.name}';

const client = createClient(${camel(id)}, { auth: { apiKey: process.env.${env} } });
try {
  console.log(await client.${exampleCall(dir)});
} catch (err) {
  if (isApiError(err)) console.log(err.kind, err.code, err.retryable);
}
\`\`\`

## Test against it offline

The package ships ${name}'s recorded answers (\`test/fixtures/*.json\`, exported as \`${manifest.name}/fixtures/*\`).
\`npx rosetta-simulator\` (from \`@rosetta/testkit\`) serves them, failures included:
${REPOSITORY}/blob/main/docs/simulator.md

${LOADING}
`;
}

const CORE_README = `# @rosetta/core

One normalized error model, retries and rate limiting for third-party HTTP APIs. Install the adapter of each
provider you call (\`@rosetta/stripe\`, \`@rosetta/github\`, ...) and handle errors once, the same way for all.

## Install

\`\`\`sh
npm install @rosetta/core @rosetta/github
\`\`\`

## Use

\`\`\`ts
import { createClient, isApiError } from '@rosetta/core';
import { github } from '@rosetta/github';

const client = createClient(github, { auth: { token: process.env.GITHUB_TOKEN } });
try {
  console.log(await client.get('/repos/{owner}/{repo}', { params: { owner: 'octocat', repo: 'hello-world' } }));
} catch (err) {
  if (isApiError(err) && err.kind === 'rate_limited') console.log(\`retry in \${err.retryAfterMs} ms\`);
}
\`\`\`

Documentation: ${REPOSITORY}/blob/main/docs/README.md

${LOADING}
`;

const TESTKIT_README = `# @rosetta/testkit

The conformance suite for Rosetta adapters, a fault-injection server, and a provider simulator that answers with the
adapters' recorded fixtures, for adapter authors and for your own tests of error handling.

## Install

\`\`\`sh
npm install --save-dev @rosetta/testkit vitest@4 nock@14
\`\`\`

The conformance suite (\`@rosetta/testkit/vitest\`) needs vitest 3 or 4 and nock 14 (peers): vitest 5 and nock 15
need Node 22, and Rosetta supports Node >= 20.19. The simulator needs neither.

## Use

\`\`\`ts
import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { myAdapter } from '../src/index';

describeAdapterConformance(myAdapter, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
\`\`\`

To set an official SDK's retry decision beside Rosetta's on every error fixture, \`describeRetryDecisions\` registers
one test per row of a table (plus one that the rows name every error fixture). Write the SDK's rule from its source
and cite it; Rosetta's side is \`resendsOnce\`, which answers the fixture's request with its response, then with
\`success\`. A row whose decisions differ from the SDK's must say why; omit \`sdkResends\` when the SDK resends nothing.

\`\`\`ts
import { loadFixtures } from '@rosetta/testkit';
import { describeRetryDecisions } from '@rosetta/testkit/vitest';
import { describe } from 'vitest';
import { myAdapter } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

describe('retry decisions: my-sdk next to Rosetta', () => {
  // [fixture, my-sdk resends, Rosetta resends, why they differ]
  const rows: [string, boolean, boolean, string][] = [
    ['rate-limited-429', true, true, ''],
    ['server-error-500', false, true, 'a GET after a 5xx is safe to repeat; my-sdk resends only 429s'],
  ];
  describeRetryDecisions(myAdapter, {
    fixtures,
    rows,
    sdkResends: (f) => f.response.status === 429, // my-sdk src/retry.ts (owner/repo@commit)
    resend: { auth: { token: 'FAKE' }, success: { id: '1' }, body: { name: 'FAKE' } },
  });
});
\`\`\`

A fixture copied from a real recording may keep a JSON body as the text that came over the wire (a string with a
JSON \`content-type\`); \`fixtureBody(fixture)\` gives it decoded, as core reads it, for a body-schema test.

For a test of your own retry rule, \`createScriptedClient(adapter, steps, options)\` (from \`@rosetta/testkit\`) gives a
client whose attempts take the next scripted step (a fixture's \`response\` is one), with no limiter and no backoff, and
the \`log\` of what it sent.

The simulator, for your own tests of error handling: \`npx rosetta-simulator --port 0\` serves every installed
\`@rosetta/*\` adapter's recorded answers, failures included (${REPOSITORY}/blob/main/docs/simulator.md).

Documentation: ${REPOSITORY}/blob/main/docs/writing-an-adapter.md

${LOADING}
`;

const OTEL_README = `# @rosetta/opentelemetry

OpenTelemetry traces and metrics for Rosetta clients: a \`CLIENT\` span per call following the HTTP client semantic
conventions (\`error.type\` is the Rosetta kind), an event per attempt and retry, \`traceparent\` sent to the provider,
\`http.client.request.duration\` and counters of retries, rate-limit waits and quota stops. Nothing secret is recorded.
Depends on \`@opentelemetry/api\` only (a peer, \`^1.9.0\`).

## Install

\`\`\`sh
npm install @rosetta/core @rosetta/opentelemetry @opentelemetry/api
\`\`\`

## Use

\`\`\`ts
import { createClient } from '@rosetta/core';
import { github } from '@rosetta/github';
import { instrumentClient } from '@rosetta/opentelemetry';

// Uses the global tracer and meter providers your OpenTelemetry SDK registered.
const client = instrumentClient(createClient(github, { auth: { token: process.env.GITHUB_TOKEN } }));
await client.get('/repos/{owner}/{repo}', { params: { owner: 'octocat', repo: 'hello-world' } });
\`\`\`

Documentation: ${REPOSITORY}/blob/main/docs/opentelemetry.md

${LOADING}
`;

function keywordsOf({ dir, manifest }: Workspace): string[] {
  const base = ['rosetta', 'api', 'sdk', 'errors', 'retry', 'rate-limit'];
  if (dir === 'packages/testkit') return [...base, 'testing', 'conformance', 'simulator', 'mock'];
  if (dir === 'packages/core') return [...base, 'http', 'fetch', 'error-handling'];
  if (dir === 'packages/opentelemetry') return [...base, 'opentelemetry', 'tracing', 'metrics', 'observability'];
  const id = dir.split('/').pop() as string;
  return [...base, id, 'adapter', manifest.name.replace('@rosetta/', '')].filter((k, i, all) => all.indexOf(k) === i);
}

/** Where an adapter's fixtures live inside its package, and the glob `files` ships them with. */
const FIXTURES_DIR = './test/fixtures';
const FIXTURES_FILES = 'test/fixtures/*.json';

/**
 * An adapter's manifest shipping its fixtures: in `files`, as the `./fixtures/*` export (one file,
 * `import x from '@rosetta/github/fixtures/<name>.json' with { type: 'json' }`), and as
 * `rosetta: { adapter, fixtures }`, the folder a tool finds through the exported `package.json`.
 */
function withFixtures({ dir, manifest }: Workspace): Workspace['manifest'] {
  if (!dir.startsWith('packages/adapters/')) return manifest;
  const id = dir.split('/').pop() as string;
  const files = (manifest.files as string[] | undefined) ?? [];
  const exports: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((manifest.exports as Record<string, unknown> | undefined) ?? {})) {
    if (key === './fixtures/*') continue;
    if (key === './package.json') exports['./fixtures/*'] = `${FIXTURES_DIR}/*`;
    exports[key] = value;
  }
  if (!('./fixtures/*' in exports)) exports['./fixtures/*'] = `${FIXTURES_DIR}/*`;
  return {
    ...manifest,
    exports,
    files: files.includes(FIXTURES_FILES) ? files : [...files, FIXTURES_FILES],
    rosetta: { adapter: id, fixtures: FIXTURES_DIR },
  };
}

/** The manifest with the metadata, members in a stable order after `license`. */
function withMeta(w: Workspace): Record<string, unknown> {
  const meta = {
    keywords: keywordsOf(w),
    homepage: `${REPOSITORY}/tree/main/${w.dir}#readme`,
    bugs: { url: `${REPOSITORY}/issues` },
    repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory: w.dir },
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(withFixtures(w))) {
    if (key in meta) continue;
    out[key] = value;
    if (key === 'license') Object.assign(out, meta);
  }
  return out;
}

/** Every file each package needs, with its content. */
function expectedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const w of workspaces()) {
    const readmes: Readonly<Record<string, string>> = {
      'packages/core': CORE_README,
      'packages/testkit': TESTKIT_README,
      'packages/opentelemetry': OTEL_README,
    };
    const readme = readmes[w.dir] ?? adapterReadme(w);
    files.set(join(w.dir, 'README.md'), readme);
    files.set(join(w.dir, 'LICENSE'), LICENSE);
    files.set(join(w.dir, 'package.json'), `${JSON.stringify(withMeta(w), null, 2)}\n`);
  }
  return files;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(join(ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
}

const check = process.argv.includes('--check');
const stale = [...expectedFiles()].filter(([path, content]) => read(path) !== content);
if (check) {
  for (const [path] of stale) console.error(`stale or missing: ${path}`);
  if (stale.length > 0) {
    console.error('run `node --conditions=source --import tsx scripts/package-meta.ts` and commit the result');
    process.exit(1);
  }
  console.log('package metadata: every package has its README, LICENSE, repository and keywords');
} else {
  for (const [path, content] of stale) writeFileSync(join(ROOT, path), content);
  console.log(`package metadata: ${stale.length} file(s) written`);
}
