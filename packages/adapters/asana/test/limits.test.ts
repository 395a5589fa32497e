import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { asanaLimits } from '../src/limits';

const { request, burst } = limiterHarness(asanaLimits);

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
    expect(burst([request('DELETE', '/tasks/1'), request('GET', '/users/me', { credentialKey: 'token-b' })])).toEqual([
      15, 50,
    ]);
  });

  it('admits the free domain’s 150 requests a minute per token, and 60 searches', () => {
    // Each permit is given back at once, so the concurrency caps never bind: the windows do. The 60 searches count against the standard window too: 90 more for the token, 150 for another.
    expect(
      burst(
        [
          request('GET', '/workspaces/FAKE/tasks/search'),
          request('GET', '/tasks'),
          request('GET', '/tasks', { credentialKey: 'token-b' }),
        ],
        { release: true },
      ),
    ).toEqual([60, 90, 150]);
  });

  it('a search’s 429 pauses searches only; the token’s other calls go on (a 429 elsewhere pauses standard)', async () => {
    const harness = limiterHarness(asanaLimits);
    const throttled = {
      status: 429,
      headers: {},
      body: undefined,
      now: Date.now(),
      rateLimit: undefined,
      throttle: { kind: 'rate_limited' as const, retryAfterMs: 10_000 },
    };
    const search = request('GET', '/workspaces/FAKE/tasks/search');
    const goesAtOnce = (limiter: ReturnType<typeof harness.limiter>, r: ReturnType<typeof request>): boolean => {
      const permit = harness.admit(limiter, r);
      permit?.release(undefined);
      return permit !== undefined;
    };
    const limiter = harness.limiter();
    harness.take(limiter, search).release(throttled);
    expect(goesAtOnce(limiter, search)).toBe(false);
    expect(goesAtOnce(limiter, request('GET', '/tasks'))).toBe(true);
    expect(goesAtOnce(limiter, request('POST', '/tasks'))).toBe(true);
    await limiter.close();

    const other = harness.limiter();
    harness.take(other, request('GET', '/users/me')).release(throttled);
    expect(goesAtOnce(other, request('GET', '/tasks'))).toBe(false);
    expect(goesAtOnce(other, search)).toBe(false);
    await other.close();
  });
});
