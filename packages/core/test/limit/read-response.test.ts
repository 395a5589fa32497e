import { describe, expect, it } from 'vitest';
import { RESET_GUARD_MS, resetGuardMs } from '../../src/limit/model/meter';
import { DEFAULT_THROTTLE_PAUSE_MS, pauseMsOf } from '../../src/limit/read-response';
import type { BucketDefinition, LimitResponse } from '../../src/limit/types';
import { SOURCE } from './limit-fixtures';

const NOW = 1_000_000;
const answer = (throttle: NonNullable<LimitResponse['throttle']>): LimitResponse => ({
  status: 429,
  headers: {},
  body: undefined,
  now: NOW,
  rateLimit: undefined,
  throttle,
});
const bucket = (extra: Partial<BucketDefinition>): BucketDefinition => ({
  id: 'b',
  model: 'fixed-window',
  limit: 100,
  windowMs: 60_000,
  source: SOURCE,
  ...extra,
});

describe('resetGuardMs', () => {
  it('is 2 % of the time left until the reset, a whole second at most, never negative', () => {
    expect(resetGuardMs(1_000)).toBe(20);
    expect(resetGuardMs(30_000)).toBe(600);
    expect(resetGuardMs(3_600_000)).toBe(RESET_GUARD_MS);
    expect(resetGuardMs(0)).toBe(0);
    expect(resetGuardMs(-500)).toBe(0);
  });
});

describe('pauseMsOf', () => {
  it('Retry-After as given; a reset plus its guard; a passed reset a whole second', () => {
    expect(pauseMsOf(bucket({}), answer({ kind: 'rate_limited', retryAfterMs: 1_500, resetAt: NOW + 9_000 }))).toBe(
      1_500,
    );
    expect(pauseMsOf(bucket({}), answer({ kind: 'rate_limited', resetAt: NOW + 1_000 }))).toBe(1_020);
    expect(pauseMsOf(bucket({}), answer({ kind: 'rate_limited', resetAt: NOW - 1 }))).toBe(RESET_GUARD_MS);
  });

  it('a zero Retry-After is no hint: the reset, else the default pause', () => {
    expect(pauseMsOf(bucket({}), answer({ kind: 'rate_limited', retryAfterMs: 0, resetAt: NOW + 1_000 }))).toBe(1_020);
    expect(pauseMsOf(bucket({}), answer({ kind: 'rate_limited', retryAfterMs: 0 }))).toBe(DEFAULT_THROTTLE_PAUSE_MS);
  });

  it('without a hint: the bucket’s own window up to a second; a quota its whole window', () => {
    const tokens: BucketDefinition = { id: 't', model: 'token-bucket', ratePerSec: 100, burst: 10, source: SOURCE };
    expect(pauseMsOf(tokens, answer({ kind: 'rate_limited' }))).toBe(100);
    const stripeLive = { ...tokens, burst: 100 };
    expect(pauseMsOf(stripeLive, answer({ kind: 'rate_limited' }))).toBe(DEFAULT_THROTTLE_PAUSE_MS);
    expect(pauseMsOf(bucket({ model: 'sliding-window', windowMs: 500 }), answer({ kind: 'rate_limited' }))).toBe(500);
    expect(pauseMsOf(bucket({}), answer({ kind: 'rate_limited' }))).toBe(DEFAULT_THROTTLE_PAUSE_MS);
    const daily = bucket({ model: 'quota', windowMs: 86_400_000 });
    expect(pauseMsOf(daily, answer({ kind: 'rate_limited' }))).toBe(86_400_000);
    expect(pauseMsOf(bucket({}), answer({ kind: 'quota_exceeded' }))).toBe(60_000);
  });
});
