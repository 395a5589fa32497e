import { createSeededRandom } from '@rosetta/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BucketDefinition } from '../../src/limit/types';
import { isPermit } from '../../src/limit/types';
import { limiterOf, req, res, SOURCE } from './limit-fixtures';

// Calls overtake each other on the way to the provider and back (each leg takes its own time, from a seeded
// generator), as 50 calls in flight do on a busy machine: the limiter must stay close to the minimum with no 429.

const T0 = 1_000_000;
const SEED = 20_261_127;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('calls that overtake each other', () => {
  it(`token bucket with remaining on every answer (Linear): 300 calls in <= 1.05 x the minimum, no 429 (seed ${SEED})`, async () => {
    // Server: a bucket of 100 refilled at 100 per second; every answer states the whole tokens left after it.
    let tokens = 100;
    let at = T0;
    let refused = 0;
    const admit = (now: number): number | undefined => {
      tokens = Math.min(100, tokens + ((now - at) * 100) / 1_000);
      at = now;
      if (tokens < 1 - 1e-9) return undefined;
      tokens -= 1;
      return Math.floor(tokens + 1e-9);
    };
    const bucket: BucketDefinition = {
      id: 'requests',
      model: 'token-bucket',
      ratePerSec: 100,
      burst: 100,
      source: SOURCE,
    };
    const limiter = limiterOf([bucket]);
    const leg = createSeededRandom(SEED);
    const calls = 300;
    let next = 0;
    let finished = 0;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const worker = async () => {
      while (next < calls) {
        next++;
        for (;;) {
          const got = limiter.acquire(req('/graphql'));
          const permit = isPermit(got) ? got : await got;
          // 1-40 ms to the provider, 1-40 ms back.
          await sleep(1 + Math.floor(leg() * 40));
          const remaining = admit(Date.now());
          await sleep(1 + Math.floor(leg() * 40));
          if (remaining === undefined) {
            refused++;
            permit.release(res({ status: 400, throttle: { kind: 'rate_limited' } }));
            continue;
          }
          permit.release(res({ rateLimit: { limit: 100, remaining } }));
          break;
        }
        finished++;
      }
    };
    const workers = Array.from({ length: 50 }, worker);
    while (finished < calls) await vi.advanceTimersToNextTimerAsync();
    await Promise.all(workers);
    expect(refused).toBe(0);
    // T_min = (300 - 100) / 100 s; the last call's two legs add at most 80 ms.
    expect(Date.now() - T0).toBeLessThanOrEqual(2_000 * 1.05 + 80);
  });
});
