import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChild } from './run-child';

const fixture = fileURLToPath(new URL('./fixtures/close-exit.fixture.ts', import.meta.url));

describe('close() lets the process exit (FAULTS 28)', () => {
  it('rejects the waiting calls and leaves no timer behind', async () => {
    const run = await runChild(fixture, [], 8_000);
    expect(run.stderr).toBe('');
    expect(run.exitedOnItsOwn).toBe(true);
    expect(run.code).toBe(0);
    // One bucket permit is held (never released); two wait on the bucket, three on the pause.
    expect(run.stdout).toBe('pending 6\nclosed closed closed closed closed\n');
  });

  it('control: without close() the same process stays alive', async () => {
    // Killed 1.5 s after it reports: a process kept alive by its handles is still there then.
    const run = await runChild(fixture, ['--no-close'], 15_000, 1_500);
    expect(run.stdout).toBe('pending 6\n');
    expect(run.exitedOnItsOwn).toBe(false);
  });
});
