import { describe, expect, it } from 'vitest';
import { createAdaptivePacer } from '../../src/limit/adaptive-pacer';

describe('createAdaptivePacer', () => {
  it('spreads the remaining calls over the time to reset', () => {
    const pacer = createAdaptivePacer(60_000);
    expect(pacer.observe({ limit: 100, remaining: 10, resetAt: 2_000 }, 1_000)).toBeUndefined();
    expect(pacer.spacingMs(1_000)).toBe(100);
  });

  it('does not pace while more than half of a known limit remains', () => {
    const pacer = createAdaptivePacer(60_000);
    pacer.observe({ limit: 5_000, remaining: 4_999, resetAt: 3_600_000 }, 0);
    expect(pacer.spacingMs(0)).toBe(0);
    pacer.observe({ limit: 5_000, remaining: 2_500, resetAt: 3_600_000 }, 0);
    expect(pacer.spacingMs(0)).toBe(1_440);
  });

  it('paces every reading when the limit is unknown', () => {
    const pacer = createAdaptivePacer(60_000);
    pacer.observe({ remaining: 50, resetAt: 10_000 }, 0);
    expect(pacer.spacingMs(0)).toBe(200);
  });

  it('reports the reset of an exhausted window', () => {
    const pacer = createAdaptivePacer(60_000);
    expect(pacer.observe({ limit: 10, remaining: 0, resetAt: 7_000 }, 1_000)).toBe(7_000);
  });

  it('ignores readings it cannot use (FAULTS 21)', () => {
    const pacer = createAdaptivePacer(60_000);
    const now = 10_000;
    for (const info of [
      { remaining: 0, resetAt: 5_000 }, // a reset in the past
      { remaining: 0 }, // no reset at all
      { remaining: -1, resetAt: 20_000 },
      { remaining: Number.NaN, resetAt: 20_000 },
      { remaining: 3, resetAt: Number.POSITIVE_INFINITY },
      { limit: 10, resetAt: 20_000 }, // no remaining
    ]) {
      expect(pacer.observe(info, now)).toBeUndefined();
    }
    expect(pacer.spacingMs(now)).toBe(0);
  });

  it('keeps the lowest remaining of one window when responses arrive out of order', () => {
    const pacer = createAdaptivePacer(60_000);
    pacer.observe({ limit: 100, remaining: 10, resetAt: 1_000 }, 0);
    // An older response, sent before the other, reports more remaining (reset rounded differently).
    pacer.observe({ limit: 100, remaining: 40, resetAt: 1_400 }, 0);
    expect(pacer.spacingMs(0)).toBe(140);
    // A response from the previous window changes nothing.
    pacer.observe({ limit: 100, remaining: 1, resetAt: -5_000 }, 0);
    expect(pacer.spacingMs(0)).toBe(140);
  });

  it('lets a newer window replace the current one', () => {
    const pacer = createAdaptivePacer(60_000);
    pacer.observe({ limit: 100, remaining: 2, resetAt: 1_000 }, 0);
    pacer.observe({ limit: 100, remaining: 90, resetAt: 61_000 }, 900);
    expect(pacer.spacingMs(900)).toBe(0);
  });

  it('paces by the strictest scope and forgets windows that reset', () => {
    const pacer = createAdaptivePacer(60_000);
    pacer.observe({ limit: 30, remaining: 6, resetAt: 60_000, scope: 'search' }, 0);
    pacer.observe({ limit: 5_000, remaining: 100, resetAt: 10_000, scope: 'core' }, 0);
    expect(pacer.spacingMs(0)).toBe(10_000);
    expect(pacer.spacingMs(60_000)).toBe(0);
  });

  it('never spaces calls further apart than its cap', () => {
    const pacer = createAdaptivePacer(5_000);
    pacer.observe({ limit: 100, remaining: 1, resetAt: 3_600_000 }, 0);
    expect(pacer.spacingMs(0)).toBe(5_000);
  });
});
