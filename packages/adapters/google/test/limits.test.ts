import type { LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { ownerOf } from '../../../core/src/limit/read-response';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { googleLimits } from '../src/limits';

const harness = limiterHarness(googleLimits);
const request = (credentialKey: string) => harness.request('GET', '/drive/v3/files', { credentialKey });

const throttle = (scope?: string): LimitResponse => ({
  status: 429,
  headers: {},
  body: undefined,
  now: 0,
  rateLimit: undefined,
  throttle: { kind: 'rate_limited', ...(scope === undefined ? {} : { scope }) },
});

describe('googleLimits', () => {
  it('every bucket is valid and cites Drive’s usage-limits page', () => {
    expect(uncitedBuckets(googleLimits)).toEqual([]);
    for (const bucket of googleLimits) {
      expect(validateBucket(bucket).source).toBe('https://developers.google.com/workspace/drive/api/guides/limits');
    }
    expect(googleLimits.map((b) => [b.id, b.limit, b.windowMs])).toEqual([
      ['user', 12_000, 60_000],
      ['project', 12_000, 60_000],
    ]);
  });

  it('keys `user` per credential and `project` once for the whole client', () => {
    const [user, project] = googleLimits;
    expect(user?.scope).toBeUndefined();
    expect(project?.scope?.(request('a'))).toBe('project');
    expect(project?.scope?.(request('b'))).toBe('project');
  });

  it('gives a per-project quota throttle to `project`, every other one to `user`', () => {
    expect(ownerOf(googleLimits, throttle('ReadsPerMinutePerProject'))).toBe(1);
    expect(ownerOf(googleLimits, throttle('GenerateRequestsPerMinutePerProjectPerModel-FreeTier'))).toBe(1);
    expect(ownerOf(googleLimits, throttle('ReadRequestsPerMinutePerProjectPerUser'))).toBe(0);
    expect(ownerOf(googleLimits, throttle())).toBe(0);
  });

  it('admits a sliding minute of 12,000 calls at once, and the project bucket caps all credentials together', () => {
    expect(harness.burst([request('a'), request('b')])).toEqual([12_000, 0]);
  });
});
