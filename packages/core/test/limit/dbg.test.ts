import Bottleneck from 'bottleneck/light.js';
import { it, vi, beforeEach, afterEach, expect, describe } from 'vitest';
import { createLimiter } from '../../src/limit/create-limiter';
beforeEach(() => { vi.useFakeTimers({ now: 0 }); });
afterEach(() => { vi.useRealTimers(); });
async function fakeMsToFinish(schedule: (job: () => Promise<number>) => Promise<unknown>, jobs: number): Promise<number> {
  let done = 0;
  for (let i = 0; i < jobs; i++) void schedule(() => Promise.resolve(i)).then(() => done++);
  let elapsed = 0;
  while (done < jobs && elapsed < 1000) {
    if (elapsed > 395) process.stdout.write(`before ${elapsed} ${done} ${vi.getTimerCount()}\n`);
    await vi.advanceTimersByTimeAsync(1);
    elapsed++;
  }
  expect(done).toBe(jobs);
  return elapsed;
}
describe('x', () => {
it('dbg1', async () => {
  const stock = new Bottleneck({ maxConcurrent: 32 });
  const e = await fakeMsToFinish((job) => stock.schedule(job), 200);
  process.stdout.write(`${e}\n`);
  await stock.disconnect();
  process.stdout.write(`disconnected\n`);
}, 60000);
});
