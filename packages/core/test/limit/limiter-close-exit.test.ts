import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/close-exit.fixture.ts', import.meta.url));

interface ChildRun {
  readonly code: number | null;
  readonly exitedOnItsOwn: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the fixture; kills it if it is still alive after `limitMs`. */
function runChild(args: readonly string[], limitMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, exitedOnItsOwn: !killed, stdout, stderr });
    });
  });
}

describe('close() lets the process exit (FAULTS 28)', () => {
  it('rejects the waiting calls and leaves no timer behind', async () => {
    const run = await runChild([], 8_000);
    expect(run.stderr).toBe('');
    expect(run.exitedOnItsOwn).toBe(true);
    expect(run.code).toBe(0);
    // One bucket permit is held (never released); two wait on the bucket, three on the pause.
    expect(run.stdout).toBe('pending 6\nclosed closed closed closed closed\n');
  });

  it('control: without close() the same process stays alive', async () => {
    const run = await runChild(['--no-close'], 2_000);
    expect(run.stdout).toBe('pending 6\n');
    expect(run.exitedOnItsOwn).toBe(false);
  });
});
