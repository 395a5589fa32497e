import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeIssue } from '@rosetta/core';
import type { AdapterFixture } from './fixture';
import { FixtureError } from './fixture-error';
import { adapterFixtureSchema } from './fixture-schema';

const WHOLE_FILE = '(file)';

/**
 * Reads every `*.json` file of a folder as an {@link AdapterFixture}, sorted by file name, and
 * validates it: the schema, a non-empty `source` citation, a `name` equal to the file name and
 * unique across the folder. Synchronous, so a test file can call it at the top level.
 *
 * Throws {@link FixtureError} naming the file and the field at the first problem, and when the
 * folder holds no fixture at all (a conformance run over nothing would pass vacuously).
 *
 * @example
 * const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
 */
export function loadFixtures(dir: string | URL): AdapterFixture[] {
  const folder = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new FixtureError(folder, WHOLE_FILE, 'no *.json fixture in this folder');

  const byName = new Map<string, string>();
  return files.map((file) => {
    const path = join(folder, file);
    const fixture = parseFixture(path, readFileSync(path, 'utf8'));
    const clash = byName.get(fixture.name);
    if (clash !== undefined) throw new FixtureError(path, 'name', `"${fixture.name}" is also the name of ${clash}`);
    // One name, one file: the simulator and a failing test name a fixture, people then open the file.
    if (`${fixture.name}.json` !== basename(file)) {
      throw new FixtureError(path, 'name', `"${fixture.name}" must match the file name (${fixture.name}.json)`);
    }
    byName.set(fixture.name, path);
    return fixture;
  });
}

/** Parses and validates one fixture's JSON text; `file` is only used in error messages. */
export function parseFixture(file: string, text: string): AdapterFixture {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new FixtureError(file, WHOLE_FILE, `not valid JSON (${(cause as Error).message})`, { cause });
  }
  const result = adapterFixtureSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue === undefined) throw new FixtureError(file, WHOLE_FILE, 'does not match the AdapterFixture schema');
    const { field, problem } = describeIssue(issue, json);
    throw new FixtureError(file, field, problem);
  }
  // The schema mirrors AdapterFixture member by member; zod only widens optionals to `| undefined`.
  return result.data as AdapterFixture;
}
