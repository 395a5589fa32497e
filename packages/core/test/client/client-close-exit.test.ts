// close() of every client lets the process exit, whatever its calls were waiting on (FAULTS 28, at the client).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../limit/redis-server';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/client-close-exit.fixture.ts', import.meta.url));

/** Runs the fixture; kills it if it is still alive after `limitMs`. */
function runChild(args: readonly string[], limitMs: number) {
  return new Promise<{ code: number | null; exitedOnItsOwn: boolean; stdout: string; stderr: string }>(
    (resolve, reject) => {
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
    },
  );
}

describe('client.close() lets the process exit (FAULTS 28)', () => {
  it('every waiting call settles with client_closed (Redis down: limiter_unavailable) and no handle stays', async () => {
    const run = await runChild([String(await freePort())], 10_000);
    expect(run.stderr).toBe('');
    expect(run.exitedOnItsOwn).toBe(true);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'client_closed client_closed client_closed client_closed limiter_unavailable client_closed client_closed\n',
    );
  });

  it('control: without close() the same process stays alive', async () => {
    const run = await runChild([String(await freePort()), '--no-close'], 2_000);
    expect(run.stdout).toBe('not closed\n');
    expect(run.exitedOnItsOwn).toBe(false);
  });
});
