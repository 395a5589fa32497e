import { describe, expect, it } from 'vitest';
import { toHeaderMap } from '../../src/classify/header-map';
import { parseRetryHint } from '../../src/classify/retry-hint';

describe('parseRetryHint', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['TRUE', true],
    ['False', false],
    [' true ', true],
  ])('reads x-should-retry %j', (value, hint) => {
    expect(parseRetryHint(toHeaderMap({ 'X-Should-Retry': value }))).toBe(hint);
  });

  it("reads the adapter's headers before x-should-retry", () => {
    const headers = toHeaderMap({ 'Stripe-Should-Retry': 'false', 'X-Should-Retry': 'true' });
    expect(parseRetryHint(headers, ['stripe-should-retry'])).toBe(false);
    expect(parseRetryHint(headers)).toBe(true);
  });

  it('skips a header with an unusable value and tries the next', () => {
    const headers = toHeaderMap({ 'stripe-should-retry': 'maybe', 'x-should-retry': 'false' });
    expect(parseRetryHint(headers, ['stripe-should-retry'])).toBe(false);
  });

  it.each(['1', '0', 'yes', 'no', '', 'truee', 'true, true', 't', 'x'.repeat(1000)])('ignores %j', (value) => {
    expect(parseRetryHint(toHeaderMap({ 'x-should-retry': value }))).toBeUndefined();
  });

  it('returns undefined without a hint', () => {
    expect(parseRetryHint(toHeaderMap({}), ['stripe-should-retry'])).toBeUndefined();
  });
});
