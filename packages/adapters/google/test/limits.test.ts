import type { LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { ownerOf } from '../../../core/src/limit/read-response';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { googleLimits } from '../src/limits';

const harness = limiterHarness(googleLimits);
const request = (credentialKey: string) => harness.request('GET', '/drive/v3/files', { credentialKey });

const throttle = (scope?: string, kind: 'rate_limited' | 'quota_exceeded' = 'rate_limited', code?: string) =>
  ({
    status: 429,
    headers: {},
    body: undefined,
    now: 0,
    rateLimit: undefined,
    throttle: { kind, ...(scope === undefined ? {} : { scope }), ...(code === undefined ? {} : { code }) },
  }) satisfies LimitResponse;

describe('googleLimits', () => {
  it('every bucket is valid and cites Drive’s usage-limits page', () => {
    expect(uncitedBuckets(googleLimits)).toEqual([]);
    for (const bucket of googleLimits) {
      expect(validateBucket(bucket).source).toBe('https://developers.google.com/workspace/drive/api/guides/limits');
    }
    expect(googleLimits.map((b) => [b.id, b.limit, b.windowMs])).toEqual([
      ['project', 12_000, 60_000],
      ['user', 12_000, 60_000],
    ]);
  });

  it('keys `user` per credential and `project` once for the whole client', () => {
    const [project, user] = googleLimits;
    expect(user?.scope).toBeUndefined();
    expect(project?.scope?.(request('a'))).toBe('project');
    expect(project?.scope?.(request('b'))).toBe('project');
  });

  it('gives a per-project quota throttle to `project`, every other rate limit to `user`', () => {
    expect(ownerOf(googleLimits, throttle('ReadsPerMinutePerProject'))).toBe(0);
    expect(ownerOf(googleLimits, throttle('GenerateRequestsPerMinutePerProjectPerModel-FreeTier'))).toBe(0);
    expect(ownerOf(googleLimits, throttle('GenerateRequestsPerDayPerProjectPerModel-FreeTier', 'quota_exceeded'))).toBe(
      0,
    );
    expect(ownerOf(googleLimits, throttle('ReadRequestsPerMinutePerProjectPerUser'))).toBe(1);
    expect(ownerOf(googleLimits, throttle(undefined, 'rate_limited', 'userRateLimitExceeded'))).toBe(1);
    expect(ownerOf(googleLimits, throttle())).toBe(1);
  });

  it('gives a per-project rate limit to `user` when `project` is turned off', () => {
    const user = googleLimits.filter((b) => b.id === 'user');
    expect(ownerOf(user, throttle('ReadsPerMinutePerProject'))).toBe(0);
  });

  it('gives no bucket a Drive cap or sharing limit; a daily limit still pauses `user`', () => {
    for (const code of [
      'storageQuotaExceeded',
      'activeItemCreationLimitExceeded',
      'numChildrenInNonRootLimitExceeded',
      'teamDriveFileLimitExceeded',
      'sharingRateLimitExceeded',
    ]) {
      expect(ownerOf(googleLimits, throttle(undefined, 'quota_exceeded', code)), code).toBe(-1);
    }
    // Every call meets a spent daily limit: none is sent until the window rolls (docs/benchmarks.md, google-daily).
    expect(ownerOf(googleLimits, throttle(undefined, 'quota_exceeded', 'dailyLimitExceeded'))).toBe(1);
    expect(ownerOf(googleLimits, throttle(undefined, 'quota_exceeded', 'quotaExceeded'))).toBe(1);
  });

  it('admits a sliding minute of 12,000 calls at once, and the project bucket caps all credentials together', () => {
    expect(harness.burst([request('a'), request('b')])).toEqual([12_000, 0]);
  });
});
