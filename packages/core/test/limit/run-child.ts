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
 * alive after `limitMs`, so a test can tell a process that exits on its own from one a handle keeps alive. With
 * `afterOutputMs`, the child is killed that long after its first output instead: a control that must stay alive
 * then waits for its own report, however slowly a loaded machine starts it, not for a fixed time.
 */
export function runChild(
  fixture: string,
  args: readonly string[],
  limitMs: number,
  afterOutputMs?: number,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const kill = (): void => {
      killed = true;
      child.kill('SIGKILL');
    };
    let timer = setTimeout(kill, limitMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (afterOutputMs !== undefined && stdout === '') {
        clearTimeout(timer);
        timer = setTimeout(kill, afterOutputMs);
      }
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, exitedOnItsOwn: !killed, stdout, stderr });
    });
  });
}
