import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, parseLeadingDecimal, parseSecondsAsMs } from '../../src/classify/decimal';

describe('parseDecimal', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    ['2.5', 2.5],
    [' 7 ', 7],
    ['\t7', 7],
  ])('reads %j', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each(['', ' ', '-1', '+1', '1e3', '0x1', 'NaN', 'Infinity', '.5', '5.', '1.2.3', '12abc', '1 2', '1'.repeat(25)])(
    'refuses %j',
    (text) => {
      expect(parseDecimal(text)).toBeUndefined();
    },
  );
});

describe('parseLeadingDecimal', () => {
  it('reads a number followed by a list or parameter separator', () => {
    expect(parseLeadingDecimal('100, 100')).toBe(100);
    expect(parseLeadingDecimal('60;w=1')).toBe(60);
    expect(parseLeadingDecimal('42')).toBe(42);
  });

  it('refuses a number glued to other text', () => {
    expect(parseLeadingDecimal('32/40')).toBeUndefined();
    expect(parseLeadingDecimal('10 requests')).toBeUndefined();
    expect(parseLeadingDecimal('-3, 4')).toBeUndefined();
  });
});

describe('parseSecondsAsMs', () => {
  it('converts exactly, rounding leftover fractions up', () => {
    expect(parseSecondsAsMs('2')).toBe(2000);
    expect(parseSecondsAsMs('2.3')).toBe(2300);
    expect(parseSecondsAsMs('0.001')).toBe(1);
    expect(parseSecondsAsMs('0.0010')).toBe(1);
    expect(parseSecondsAsMs('0.00101')).toBe(2);
  });

  it('never gives less than the seconds asked for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 999_999 }), (whole, micros) => {
        const text = `${whole}.${String(micros).padStart(6, '0')}`;
        const ms = parseSecondsAsMs(text) as number;
        expect(ms * 1000).toBeGreaterThanOrEqual(whole * 1_000_000 + micros);
        expect(ms * 1000 - (whole * 1_000_000 + micros)).toBeLessThan(1000);
      }),
    );
  });
});
