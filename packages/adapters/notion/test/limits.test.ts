import type { LimitRequest } from '@rosetta/core';
import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../core/src/limit/create-limiter';
import { isPermit } from '../../../core/src/limit/types';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { notionLimits } from '../src/limits';

const request = (credentialKey: string): LimitRequest => ({
  method: 'GET',
  path: '/v1/users',
  route: '/v1/users',
  query: undefined,
  body: undefined,
  credentialKey,
});

/** Calls admitted at once (no time passes), per credential in turn. */
function burst(keys: readonly string[]): number[] {
  const limiter = createLimiter(notionLimits, { maxQueued: 1_000, maxHoldMs: 60_000 });
  if (limiter === undefined) throw new Error('no limiter');
  const counts = keys.map((key) => {
    let n = 0;
    let got = limiter.acquire(request(key));
    for (; isPermit(got); got = limiter.acquire(request(key))) n++;
    // The call that had to wait is rejected by close(); that is expected here.
    got.catch(() => undefined);
    return n;
  });
  void limiter.close();
  return counts;
}

describe('notionLimits', () => {
  it('every bucket is valid and cites Notion’s request-limits page', () => {
    expect(uncitedBuckets(notionLimits)).toEqual([]);
    for (const bucket of notionLimits) {
      expect(validateBucket(bucket).source).toBe('https://developers.notion.com/reference/request-limits');
    }
  });

  it('admits one second of the documented 3 requests per second at once, per connection (token)', () => {
    expect(burst(['token-a', 'token-b'])).toEqual([3, 3]);
  });
});
