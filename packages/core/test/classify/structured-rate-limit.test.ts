import { describe, expect, it } from 'vitest';
import { toHeaderMap } from '../../src/classify/header-map';
import { parseStructuredRateLimit } from '../../src/classify/structured-rate-limit';

const read = (headers: Record<string, string>) => parseStructuredRateLimit(toHeaderMap(headers));

describe('parseStructuredRateLimit', () => {
  it('is undefined without the fields', () => {
    expect(read({ 'x-ratelimit-limit': '5' })).toBeUndefined();
  });

  it('reads the list form with seconds as sent', () => {
    expect(read({ RateLimit: '"default";r=50;t=30' })).toEqual({ remaining: 50, resetSeconds: 30, scope: 'default' });
  });

  it('reads the dictionary form, keys in any case', () => {
    expect(read({ RateLimit: 'Limit=10, Remaining=5, Reset=7' })).toEqual({ limit: 10, remaining: 5, resetSeconds: 7 });
  });

  it('matches the policy by name for its quota', () => {
    expect(
      read({ RateLimit: '"day";r=1;t=60', 'RateLimit-Policy': '"minute";q=10;w=60, "day";q=500;w=86400' }),
    ).toEqual({
      limit: 500,
      remaining: 1,
      resetSeconds: 60,
      scope: 'day',
    });
  });

  it('leaves the quota out when several policies exist and none matches', () => {
    expect(read({ 'RateLimit-Policy': '"a";q=1;w=1, "b";q=2;w=2' })).toBeUndefined();
  });

  it('prefers a member with a remaining count over one without', () => {
    expect(read({ RateLimit: '"a";t=5, "b";r=3;t=9' })).toEqual({ remaining: 3, resetSeconds: 9, scope: 'b' });
  });

  it('ignores overlong names and unusable numbers', () => {
    expect(read({ RateLimit: `"${'n'.repeat(101)}";r=abc;t=-1` })).toBeUndefined();
  });
});
