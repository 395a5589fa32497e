import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toHeaderMap } from '../../src/classify/header-map';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/classify/retry-after';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const at = (value: string, extra: Record<string, string> = {}): number | undefined =>
  parseRetryAfter(toHeaderMap({ 'Retry-After': value, ...extra }), { now: NOW });

describe('parseRetryAfter: seconds', () => {
  it.each([
    ['0', 0],
    ['2', 2000],
    ['120', 120_000],
    ['2.0', 2000],
    ['0.5', 500],
    ['1.25', 1250],
    [' 3 ', 3000],
  ])('reads %j as %d ms', (value, ms) => {
    expect(at(value)).toBe(ms);
  });

  it('rounds sub-millisecond fractions up, never down', () => {
    expect(at('0.0001')).toBe(1);
    expect(at('1.0005')).toBe(1001);
    // 2.3 * 1000 is 2299.9999999999995 in floating point; the wait must not be shortened.
    expect(at('2.3')).toBe(2300);
  });

  it('takes the longest wait of a repeated header, joined with ", "', () => {
    expect(at('120, 120')).toBe(120_000);
    expect(at('5, 120')).toBe(120_000);
    expect(at('5, soon')).toBeUndefined();
  });

  it('accepts exactly one year and refuses more', () => {
    const year = MAX_RETRY_AFTER_MS / 1000;
    expect(at(String(year))).toBe(MAX_RETRY_AFTER_MS);
    expect(at(String(year + 1))).toBeUndefined();
  });
});

describe('parseRetryAfter: retry-after-ms', () => {
  it('wins over retry-after', () => {
    expect(at('10', { 'retry-after-ms': '1500' })).toBe(1500);
  });

  it('rounds decimal milliseconds up', () => {
    expect(at('10', { 'retry-after-ms': '1.2' })).toBe(2);
  });

  it('falls back to retry-after when it is malformed', () => {
    expect(at('10', { 'retry-after-ms': 'later' })).toBe(10_000);
    expect(at('10', { 'retry-after-ms': '-5' })).toBe(10_000);
  });

  it('works alone', () => {
    expect(parseRetryAfter(toHeaderMap({ 'retry-after-ms': '250' }))).toBe(250);
  });

  it('ignores an absurd value', () => {
    expect(parseRetryAfter(toHeaderMap({ 'retry-after-ms': String(MAX_RETRY_AFTER_MS + 1) }))).toBeUndefined();
  });
});

describe('parseRetryAfter: HTTP-date', () => {
  it('reads an IMF-fixdate against now', () => {
    expect(at('Wed, 15 Jan 2025 12:00:30 GMT')).toBe(30_000);
  });

  it('reads an RFC 850 date', () => {
    expect(at('Wednesday, 15-Jan-25 12:01:00 GMT')).toBe(60_000);
  });

  it('reads an asctime date', () => {
    expect(at('Wed Jan 15 12:00:05 2025')).toBe(5000);
  });

  it('measures against the response date header, cancelling server clock skew', () => {
    // The server's clock is an hour ahead of ours: Retry-After is 30 s after *its* now.
    expect(at('Wed, 15 Jan 2025 13:00:30 GMT', { Date: 'Wed, 15 Jan 2025 13:00:00 GMT' })).toBe(30_000);
  });

  it('falls back to now when the date header is unparseable', () => {
    expect(at('Wed, 15 Jan 2025 12:00:30 GMT', { Date: 'yesterday' })).toBe(30_000);
  });

  it('gives 0 for a date in the past, including 1970', () => {
    expect(at('Wed, 15 Jan 2025 11:00:00 GMT')).toBe(0);
    expect(at('Thu, 01 Jan 1970 00:00:00 GMT')).toBe(0);
  });

  it('ignores a date more than a year ahead', () => {
    expect(at('Fri, 15 Jan 2027 12:00:00 GMT')).toBeUndefined();
  });

  it('uses Date.now() by default', () => {
    vi.useFakeTimers({ now: NOW });
    expect(parseRetryAfter(toHeaderMap({ 'retry-after': 'Wed, 15 Jan 2025 12:00:10 GMT' }))).toBe(10_000);
  });

  it('uses Date.now() when now is not finite', () => {
    vi.useFakeTimers({ now: NOW });
    const headers = toHeaderMap({ 'retry-after': 'Wed, 15 Jan 2025 12:00:10 GMT' });
    expect(parseRetryAfter(headers, { now: Number.NaN })).toBe(10_000);
  });

  afterEach(() => {
    vi.useRealTimers();
  });
});

describe('parseRetryAfter: malformed values (FAULTS 21)', () => {
  it.each([
    'soon',
    '',
    '   ',
    '-1',
    '-0.5',
    'NaN',
    'Infinity',
    '1e3',
    '0x10',
    '+5',
    '.5',
    '5.',
    '5s',
    '1,5',
    'Wed, 31 Feb 2025 12:00:00 GMT',
    'Wed, 15 Jan 2025 25:00:00 GMT',
    '2025-01-15T12:00:30Z',
  ])('ignores %j', (value) => {
    expect(at(value)).toBeUndefined();
  });

  it('ignores an epoch in seconds or milliseconds sent where a delay was due', () => {
    expect(at(String(NOW / 1000 + 30))).toBeUndefined();
    expect(at(String(NOW + 30_000))).toBeUndefined();
  });

  it('returns undefined without the header', () => {
    expect(parseRetryAfter(toHeaderMap({}))).toBeUndefined();
  });

  it('never yields NaN or a negative number, whatever the headers', () => {
    const header = fc.oneof(
      fc.string(),
      fc.double().map(String),
      fc.integer().map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    );
    fc.assert(
      fc.property(
        fc.record({ 'retry-after': header, 'retry-after-ms': header, date: header }, { requiredKeys: [] }),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (headers, now) => {
          const wait = parseRetryAfter(toHeaderMap(headers), { now });
          if (wait !== undefined) {
            expect(Number.isInteger(wait)).toBe(true);
            expect(wait).toBeGreaterThanOrEqual(0);
            expect(wait).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
