import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdapterFixture } from '../conformance/fixture';

/**
 * Reads every `*.json` fixture of a directory (an adapter's `test/fixtures/`), sorted by file
 * name. Throws naming the file when one is not JSON or lacks `name`, `request.method`,
 * `request.path` or `response.status`.
 *
 * @example
 * const fixtures = await loadFixtures('packages/adapters/stripe/test/fixtures');
 */
export async function loadFixtures(dir: string): Promise<AdapterFixture[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const path = join(dir, file);
      let value: unknown;
      try {
        value = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        throw new TypeError(`${path}: not JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      if (!isFixture(value)) throw new TypeError(`${path}: not a fixture (needs name, request.method, request.path, response.status)`);
      return value;
    }),
  );
}

function isFixture(value: unknown): value is AdapterFixture {
  if (typeof value !== 'object' || value === null) return false;
  const { name, request, response } = value as { name?: unknown; request?: unknown; response?: unknown };
  if (typeof name !== 'string' || typeof request !== 'object' || request === null) return false;
  const { method, path } = request as { method?: unknown; path?: unknown };
  const status = typeof response === 'object' && response !== null ? (response as { status?: unknown }).status : undefined;
  return typeof method === 'string' && typeof path === 'string' && typeof status === 'number';
}
