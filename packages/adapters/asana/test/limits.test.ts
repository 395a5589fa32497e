import type { LimitRequest } from '@rosetta/core';
import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../core/src/limit/create-limiter';
import { isPermit } from '../../../core/src/limit/types';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { asanaLimits } from '../src/limits';

const request = (method: string, path: string, credentialKey = 'token-a'): LimitRequest => ({
  method,
  path,
  route: path,
  query: undefined,
  body: undefined,
  credentialKey,
});

/** Calls admitted at once (no time passes, no permit given back), for each request in turn, on one limiter. */
function burst(requests: readonly LimitRequest[]): number[] {
  const limiter = createLimiter(asanaLimits, { maxQueued: 10_000, maxHoldMs: 60_000 });
  if (limiter === undefined) throw new Error('no limiter');
  const counts = requests.map((r) => {
    let n = 0;
    let got = limiter.acquire(r);
    for (; isPermit(got); got = limiter.acquire(r)) {
      n++;
      if (n > 1_000) break;
    }
    // The call that had to wait is rejected by close(); that is expected here.
    if (!isPermit(got)) got.catch(() => undefined);
    return n;
  });
  void limiter.close();
  return counts;
}

describe('asanaLimits', () => {
  it('every bucket is valid and cites Asana’s rate-limits page', () => {
    expect(uncitedBuckets(asanaLimits)).toEqual([]);
    for (const b of asanaLimits) expect(validateBucket(b).source).toBe('https://developers.asana.com/docs/rate-limits');
  });

  it('holds reads to 50 in flight and writes to 15, independently, per token', () => {
    // Permits are never given back here, so the concurrency caps bind before the 150-a-minute window.
    expect(burst([request('GET', '/tasks'), request('POST', '/tasks'), request('PUT', '/tasks/1')])).toEqual([
      50, 15, 0,
    ]);
    expect(burst([request('DELETE', '/tasks/1'), request('GET', '/users/me', 'token-b')])).toEqual([15, 50]);
  });

  it('admits the free domain’s 150 requests a minute per token, and 60 searches', () => {
    const limiter = createLimiter(
      asanaLimits.filter((b) => b.model !== 'concurrency'),
      { maxQueued: 10_000, maxHoldMs: 120_000 },
    );
    if (limiter === undefined) throw new Error('no limiter');
    const count = (r: LimitRequest): number => {
      let n = 0;
      let got = limiter.acquire(r);
      for (; isPermit(got); got = limiter.acquire(r)) {
        got.release(undefined);
        n++;
        if (n > 1_000) break;
      }
      // The call that had to wait is rejected (hold too long, or close()); that is expected here.
      if (!isPermit(got)) got.catch(() => undefined);
      return n;
    };
    expect(count(request('GET', '/workspaces/FAKE/tasks/search'))).toBe(60);
    // The 60 searches counted against the standard window too.
    expect(count(request('GET', '/tasks'))).toBe(90);
    expect(count(request('GET', '/tasks', 'token-b'))).toBe(150);
    void limiter.close();
  });
});
