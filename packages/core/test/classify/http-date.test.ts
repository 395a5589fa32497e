import { describe, expect, it } from 'vitest';
import { parseHttpDate } from '../../src/classify/http-date';

// RFC 9110 §5.6.7's own example, in its three forms.
const EXAMPLE = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('parseHttpDate', () => {
  it.each([
    'Sun, 06 Nov 1994 08:49:37 GMT',
    'Sunday, 06-Nov-94 08:49:37 GMT',
    'Sun Nov  6 08:49:37 1994',
    'sun, 06 nov 1994 08:49:37 gmt',
    'Sun, 6 Nov 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 08:49:37 UTC',
    'Sun, 06 Nov 1994 08:49:37 +0000',
    '  Sun, 06 Nov 1994 08:49:37 GMT  ',
  ])('reads %j', (text) => {
    expect(parseHttpDate(text, Date.UTC(2025, 0, 1))).toBe(EXAMPLE);
  });

  it('places a two-digit RFC 850 year within 50 years of now', () => {
    const now = Date.UTC(2025, 0, 1);
    expect(parseHttpDate('Saturday, 01-Jan-94 00:00:00 GMT', now)).toBe(Date.UTC(1994, 0, 1));
    expect(parseHttpDate('Friday, 01-Jan-10 00:00:00 GMT', now)).toBe(Date.UTC(2010, 0, 1));
    expect(parseHttpDate('Friday, 01-Jan-75 00:00:00 GMT', now)).toBe(Date.UTC(2075, 0, 1));
    expect(parseHttpDate('Thursday, 01-Jan-76 00:00:00 GMT', now)).toBe(Date.UTC(1976, 0, 1));
  });

  it('counts a leap second as :59', () => {
    expect(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59));
  });

  it.each([
    '',
    '2',
    'soon',
    'Sun, 31 Feb 1994 08:49:37 GMT',
    'Sun, 00 Nov 1994 08:49:37 GMT',
    'Sun, 06 Foo 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Nov 1994 08:60:00 GMT',
    'Sun, 06 Nov 1994 08:49:61 GMT',
    'Sun, 06 Nov 1994 08:49:37 PST',
    'Sun, 06 Nov 0094 08:49:37 GMT',
    '1994-11-06T08:49:37Z',
    'Sun, 06 Nov 1994',
    `Sun, 06 Nov 1994 08:49:37 GMT${' '.repeat(40)}x`,
  ])('refuses %j', (text) => {
    expect(parseHttpDate(text)).toBeUndefined();
  });
});

describe('parseHttpDate: memo of the last canonical date', () => {
  it('gives the same answer on repeated and alternating calls, and never for an empty string', () => {
    const a = 'Sun, 06 Nov 1994 08:49:37 GMT';
    const b = 'Mon, 07 Nov 1994 08:49:37 GMT';
    expect(parseHttpDate('')).toBeUndefined();
    expect(parseHttpDate(a)).toBe(EXAMPLE);
    expect(parseHttpDate(a)).toBe(EXAMPLE);
    expect(parseHttpDate(b)).toBe(EXAMPLE + 86_400_000);
    expect(parseHttpDate(a)).toBe(EXAMPLE);
    expect(parseHttpDate('Sun, 31 Feb 1994 08:49:37 GMT')).toBeUndefined();
    expect(parseHttpDate(a)).toBe(EXAMPLE);
  });
});
