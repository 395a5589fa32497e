import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const DIR = fileURLToPath(new URL('..', import.meta.url));

describe('the quickstart', () => {
  it('prints one normalized kind per failure, and never the token', { timeout: 60_000 }, async () => {
    const { stdout } = await run(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
      cwd: DIR,
      timeout: 50_000,
    });
    const kinds = stdout
      .trim()
      .split('\n')
      .map((line) => line.slice(15).split(/\s+/)[0]);
    expect(kinds).toEqual(['ok', 'not_found', 'validation', 'unavailable', 'rate_limited', 'ok']);
    expect(stdout).toContain('fields=[{"path":"email","message":"must be an email address"}]');
    expect(stdout).toContain('retryAfterMs=3600000');
    expect(stdout).not.toContain('quickstart-secret-token');
  });
});
