import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** How a fixture's child process ended. */
export interface ChildRun {
  readonly code: number | null;
  readonly exitedOnItsOwn: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a TypeScript fixture in a child process (through tsx, from the repository root); kills it if it is still
 * alive after `limitMs`, so a test can tell a process that exits on its own from one a handle keeps alive.
 */
export function runChild(fixture: string, args: readonly string[], limitMs: number): Promise<ChildRun> {
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
