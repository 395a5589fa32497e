import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BucketDefinition } from '../../src/limit/types';
import { undisclosedWindow } from '../../src/limit/model/undisclosed-window';
import { limiterOf, req, res, SOURCE, sync } from './limit-fixtures';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** BambooHR's shape: one undisclosed sliding window per credential. */
const buckets: BucketDefinition[] = [undisclosedWindow({ id: 'api', source: SOURCE })];

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('undisclosed windows at scale', () => {
  it('10,000 probing credentials, each past the log it keeps (200 calls), stay under 20 MB (16.4 MB measured)', () => {
    const measure = (keys: number, calls: number): number => {
      const limiter = limiterOf(buckets);
      gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < keys; i++) {
        const request = req('/employees/1', { credentialKey: `cred-${i}` });
        for (let j = 0; j < calls; j++) sync(limiter.acquire(request)).release(res());
      }
      gc();
      expect(limiter.keys).toBe(keys);
      return process.memoryUsage().heapUsed - before;
    };
    expect(measure(10_000, 3)).toBeLessThan(20 * 1024 * 1024);
    const full = measure(10_000, 200);
    expect(full).toBeLessThan(20 * 1024 * 1024);
  }, 120_000);
});
