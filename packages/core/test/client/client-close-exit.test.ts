// close() of every client lets the process exit, whatever its calls were waiting on (FAULTS 28, at the client).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../limit/redis-server';
import { runChild } from '../limit/run-child';

const fixture = fileURLToPath(new URL('./fixtures/client-close-exit.fixture.ts', import.meta.url));

describe('client.close() lets the process exit (FAULTS 28)', () => {
  it('every waiting call settles with client_closed (Redis down: limiter_unavailable) and no handle stays', async () => {
    const run = await runChild(fixture, [String(await freePort())], 10_000);
    expect(run.stderr).toBe('');
    expect(run.exitedOnItsOwn).toBe(true);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'client_closed client_closed client_closed client_closed limiter_unavailable client_closed client_closed\n',
    );
  });

  it('control: without close() the same process stays alive', async () => {
    // Killed 1.5 s after it reports: a process kept alive by its handles is still there then.
    const run = await runChild(fixture, [String(await freePort()), '--no-close'], 15_000, 1_500);
    expect(run.stdout).toBe('not closed\n');
    expect(run.exitedOnItsOwn).toBe(false);
  });
});
