// Core's header readings (read-headers.ts): Retry-After, rate limits, request id, retry hint, and the strict
// number and date readers under them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RateLimitHeaderNames } from '../../src/adapter/types';
import { type HeaderMap, toHeaderMap } from '../../src/classify/header-map';
import {
  httpDate,
  isoDate,
  leadingNumber,
  MAX_WAIT_MS,
  rateLimitOf,
  readHeaders,
  retryAfterMs,
  secondsToMs,
} from '../../src/classify/read-headers';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const same = (text: string) => text;
const parseRequestId = (headers: HeaderMap, requestIdHeaders: readonly string[] = []) =>
  readHeaders({ requestIdHeaders }, headers, NOW, same).requestId;
const parseRetryHint = (headers: HeaderMap, retryHintHeaders: readonly string[] = []) =>
  readHeaders({ retryHintHeaders }, headers, NOW, same).retryHint;

const at = (value: string, extra: Record<string, string> = {}): number | undefined =>
  retryAfterMs(toHeaderMap({ 'Retry-After': value, ...extra }), NOW);

describe('retryAfterMs: seconds', () => {
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
    const year = MAX_WAIT_MS / 1000;
    expect(at(String(year))).toBe(MAX_WAIT_MS);
    expect(at(String(year + 1))).toBeUndefined();
  });
});

describe('retryAfterMs: retry-after-ms', () => {
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
    expect(retryAfterMs(toHeaderMap({ 'retry-after-ms': '250' }), NOW)).toBe(250);
  });

  it('ignores an absurd value', () => {
    expect(retryAfterMs(toHeaderMap({ 'retry-after-ms': String(MAX_WAIT_MS + 1) }), NOW)).toBeUndefined();
  });
});

describe('retryAfterMs: HTTP-date', () => {
  it('reads an IMF-fixdate against now', () => {
    expect(at('Wed, 15 Jan 2025 12:00:30 GMT')).toBe(30_000);
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
});

describe('retryAfterMs: malformed values (FAULTS 21)', () => {
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
    expect(retryAfterMs(toHeaderMap({}), NOW)).toBeUndefined();
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
          const wait = retryAfterMs(toHeaderMap(headers), now);
          if (wait !== undefined) {
            expect(Number.isInteger(wait)).toBe(true);
            expect(wait).toBeGreaterThanOrEqual(0);
            expect(wait).toBeLessThanOrEqual(MAX_WAIT_MS);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

const read = (headers: Record<string, string>, names: RateLimitHeaderNames = {}) =>
  rateLimitOf(toHeaderMap(headers), names, NOW);

describe('rateLimitOf: conventional headers', () => {
  it('reads GitHub x-ratelimit-* with an epoch-seconds reset and the resource as scope', () => {
    expect(
      read({
        'X-RateLimit-Limit': '5000',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(NOW / 1000 + 600),
        'X-RateLimit-Used': '5000',
        'X-RateLimit-Resource': 'core',
      }),
    ).toEqual({ limit: 5000, remaining: 0, resetAt: NOW + 600_000, scope: 'core' });
  });

  it('reads x-rate-limit-* (Zendesk, Xero style)', () => {
    expect(read({ 'X-Rate-Limit-Limit': '700', 'X-Rate-Limit-Remaining': '699' })).toEqual({
      limit: 700,
      remaining: 699,
    });
  });

  it('reads the older IETF trio with seconds until reset', () => {
    expect(read({ 'RateLimit-Limit': '100', 'RateLimit-Remaining': '3', 'RateLimit-Reset': '30' })).toEqual({
      limit: 100,
      remaining: 3,
      resetAt: NOW + 30_000,
    });
  });

  it('prefers x-ratelimit-* over the other families, member by member', () => {
    expect(read({ 'x-ratelimit-limit': '10', 'ratelimit-limit': '99', 'ratelimit-remaining': '4' })).toEqual({
      limit: 10,
      remaining: 4,
    });
  });

  it('reads x-ratelimit-scope when there is no resource header', () => {
    expect(read({ 'x-ratelimit-scope': ' user ' })).toEqual({ scope: 'user' });
  });

  it('reads a value repeated by a duplicated header', () => {
    expect(read({ 'x-ratelimit-limit': '100, 100' })).toEqual({ limit: 100 });
  });

  it('returns undefined when nothing usable was present', () => {
    expect(read({})).toBeUndefined();
    expect(read({ 'content-type': 'application/json' })).toBeUndefined();
    expect(
      read({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '-1', 'x-ratelimit-scope': '  ' }),
    ).toBeUndefined();
  });
});

describe('rateLimitOf: declared headers', () => {
  it('reads Linear-style declared names with an epoch-ms reset', () => {
    expect(
      read(
        {
          'x-ratelimit-requests-limit': '1500',
          'x-ratelimit-requests-remaining': '12',
          'x-ratelimit-requests-reset': String(NOW + 90_000),
        },
        {
          limit: 'x-ratelimit-requests-limit',
          remaining: 'x-ratelimit-requests-remaining',
          reset: 'x-ratelimit-requests-reset',
          resetUnit: 'epoch-ms',
        },
      ),
    ).toEqual({ limit: 1500, remaining: 12, resetAt: NOW + 90_000 });
  });

  it('prefers declared headers over the conventional ones', () => {
    expect(read({ 'x-ratelimit-limit': '1', 'x-custom-limit': '2' }, { limit: 'x-custom-limit' })).toEqual({
      limit: 2,
    });
  });

  it('falls back to conventional headers when the declared one is absent or malformed', () => {
    expect(
      read({ 'x-ratelimit-remaining': '7', 'x-custom-remaining': 'n/a' }, { remaining: 'x-custom-remaining' }),
    ).toEqual({
      remaining: 7,
    });
  });

  it('reads a declared scope header first', () => {
    expect(
      read({ 'x-ratelimit-resource': 'core', 'x-rate-limit-problem': 'minute' }, { scope: 'x-rate-limit-problem' }),
    ).toEqual({
      scope: 'minute',
    });
  });

  it('reads seconds-until (Zendesk ratelimit-reset) and ms-until', () => {
    expect(read({ 'ratelimit-reset': '45' }, { resetUnit: 'seconds-until' })).toEqual({ resetAt: NOW + 45_000 });
    expect(read({ 'x-wait': '1500' }, { reset: 'x-wait', resetUnit: 'ms-until' })).toEqual({ resetAt: NOW + 1500 });
  });

  it('reads a Jira ISO-8601 reset', () => {
    expect(read({ 'x-ratelimit-reset': '2025-01-15T12:05:00Z' }, { resetUnit: 'iso-8601' })).toEqual({
      resetAt: NOW + 300_000,
    });
  });

  it('cuts an overlong scope', () => {
    expect(read({ 'x-ratelimit-scope': 'x'.repeat(500) })?.scope).toHaveLength(100);
  });
});

describe('rateLimitOf: reset unit detection (auto)', () => {
  it('reads an ISO-8601 string as a date', () => {
    expect(read({ 'x-ratelimit-reset': '2025-01-15T12:01:00.000Z' })).toEqual({ resetAt: NOW + 60_000 });
  });

  it('reads an HTTP-date as a date', () => {
    expect(read({ 'x-ratelimit-reset': 'Wed, 15 Jan 2025 12:01:00 GMT' })).toEqual({ resetAt: NOW + 60_000 });
  });

  it('reads a small number as seconds until the reset', () => {
    expect(read({ 'x-ratelimit-reset': '59' })).toEqual({ resetAt: NOW + 59_000 });
    expect(read({ 'x-ratelimit-reset': '0.5' })).toEqual({ resetAt: NOW + 500 });
  });

  it('reads 1e9..1e11 as epoch seconds and larger as epoch ms', () => {
    expect(read({ 'x-ratelimit-reset': String(NOW / 1000 + 60) })).toEqual({ resetAt: NOW + 60_000 });
    expect(read({ 'x-ratelimit-reset': String(NOW + 60_000) })).toEqual({ resetAt: NOW + 60_000 });
  });
});

describe('rateLimitOf: unit correction and malformed values (FAULTS 21)', () => {
  it('corrects epoch milliseconds sent where epoch seconds were declared', () => {
    expect(read({ 'x-ratelimit-reset': String(NOW + 60_000) }, { resetUnit: 'epoch-seconds' })).toEqual({
      resetAt: NOW + 60_000,
    });
  });

  it('corrects epoch seconds sent where epoch ms were declared', () => {
    expect(read({ 'x-ratelimit-reset': String(NOW / 1000 + 60) }, { resetUnit: 'epoch-ms' })).toEqual({
      resetAt: NOW + 60_000,
    });
  });

  it('ignores an epoch so small it would fall in 1970', () => {
    expect(read({ 'x-ratelimit-reset': '30' }, { resetUnit: 'epoch-seconds' })).toBeUndefined();
    expect(read({ 'x-ratelimit-reset': '0' }, { resetUnit: 'epoch-ms' })).toBeUndefined();
  });

  it('reads an epoch sent where seconds-until was declared as an epoch', () => {
    expect(read({ 'ratelimit-reset': String(NOW / 1000 + 60) }, { resetUnit: 'seconds-until' })).toEqual({
      resetAt: NOW + 60_000,
    });
  });

  it('reads a date string whatever the declared unit', () => {
    expect(read({ 'x-ratelimit-reset': '2025-01-15T12:00:10Z' }, { resetUnit: 'epoch-seconds' })).toEqual({
      resetAt: NOW + 10_000,
    });
  });

  it('reports a reset in the past as now, never earlier', () => {
    expect(read({ 'x-ratelimit-reset': String(NOW / 1000 - 3600) })).toEqual({ resetAt: NOW });
    expect(read({ 'x-ratelimit-reset': '1970-01-01T00:00:00Z' })).toEqual({ resetAt: NOW });
  });

  it('ignores a reset more than a year ahead', () => {
    expect(read({ 'x-ratelimit-reset': String((NOW + MAX_WAIT_MS) / 1000 + 10) })).toBeUndefined();
    expect(read({ 'x-wait': String(MAX_WAIT_MS + 1) }, { reset: 'x-wait', resetUnit: 'ms-until' })).toBeUndefined();
  });

  it.each(['soon', '-30', 'NaN', 'Infinity', '1e9', '', '12 seconds'])('ignores reset %j', (value) => {
    expect(read({ 'x-ratelimit-reset': value })).toBeUndefined();
  });

  it('shifts an absolute reset by the server clock skew seen in the date header', () => {
    // The server's clock runs 5 minutes ahead; its reset is 60 s after its own now.
    const serverNow = NOW + 300_000;
    expect(
      read({ date: new Date(serverNow).toUTCString(), 'x-ratelimit-reset': String(serverNow / 1000 + 60) }),
    ).toEqual({ resetAt: NOW + 60_000 });
  });

  it('ignores an unparseable date header', () => {
    expect(read({ date: 'garbage', 'x-ratelimit-reset': String(NOW / 1000 + 60) })).toEqual({ resetAt: NOW + 60_000 });
  });
});

describe('rateLimitOf: IETF structured fields', () => {
  it('reads RateLimit and RateLimit-Policy (current draft)', () => {
    expect(read({ RateLimit: '"default";r=0;t=30', 'RateLimit-Policy': '"default";q=100;w=60' })).toEqual({
      limit: 100,
      remaining: 0,
      resetAt: NOW + 30_000,
      scope: 'default',
    });
  });

  it('reports the most constraining of several policies, with its own quota', () => {
    expect(
      read({
        RateLimit: '"burst";r=40;t=1, "daily";r=3;t=3600',
        'RateLimit-Policy': '"burst";q=50;w=1, "daily";q=1000;w=86400',
      }),
    ).toEqual({ limit: 1000, remaining: 3, resetAt: NOW + 3_600_000, scope: 'daily' });
  });

  it('reads a policy alone, with its name as scope', () => {
    expect(read({ 'RateLimit-Policy': '"hourly";q=500;w=3600' })).toEqual({ limit: 500, scope: 'hourly' });
  });

  it('does not pair a quota with a differently named policy', () => {
    expect(read({ RateLimit: '"a";r=1;t=5', 'RateLimit-Policy': '"b";q=9;w=60' })).toEqual({
      remaining: 1,
      resetAt: NOW + 5000,
      scope: 'a',
    });
  });

  it('handles token names, escapes in quoted names and odd spacing', () => {
    expect(read({ RateLimit: ' default ; r = 2 ; t = 9 ' })).toEqual({
      remaining: 2,
      resetAt: NOW + 9000,
      scope: 'default',
    });
    expect(read({ RateLimit: '"a\\"b";r=1' })).toEqual({ remaining: 1, scope: 'a"b' });
  });

  it('lets the conventional headers win, filling only what they lack', () => {
    expect(read({ 'x-ratelimit-remaining': '5', RateLimit: '"default";r=0;t=30' })).toEqual({
      remaining: 5,
      resetAt: NOW + 30_000,
      scope: 'default',
    });
  });

  it.each(['', ',,,', '"unterminated', ';;;', '=', '"x";r=-1;t=abc', 'limit=lots', '"x";r'])('survives %j', (value) => {
    const info = read({ RateLimit: value, 'RateLimit-Policy': value });
    for (const n of [info?.limit, info?.remaining, info?.resetAt]) {
      if (n !== undefined) expect(n).toBeGreaterThanOrEqual(0);
    }
  });

  it('bounds the members read from a hostile field', () => {
    const field = Array.from({ length: 10_000 }, (_, i) => `"p${i}";r=${10_000 - i};t=1`).join(', ');
    // Only the first members are read, so the least remaining among them wins.
    expect(read({ RateLimit: field })?.remaining).toBe(10_000 - 15);
  });
});

describe('rateLimitOf: properties', () => {
  it('never throws and never yields NaN or a negative number', () => {
    const value = fc.oneof(
      fc.string(),
      fc.double().map(String),
      fc.integer().map(String),
      fc.constantFrom('"default";r=0;t=30', 'limit=1, remaining=2, reset=3', '2025-01-15T12:00:00Z', '1e400'),
    );
    const names = fc.constantFrom(
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'ratelimit',
      'ratelimit-policy',
      'ratelimit-reset',
      'x-rate-limit-remaining',
      'date',
      'x-custom',
    );
    const unit = fc.constantFrom('epoch-seconds', 'epoch-ms', 'seconds-until', 'ms-until', 'iso-8601', 'auto' as const);
    fc.assert(
      fc.property(
        fc.dictionary(names, value),
        unit,
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (headers, resetUnit, now) => {
          const info = rateLimitOf(toHeaderMap(headers), { reset: 'x-custom', resetUnit }, now);
          if (info === undefined) return;
          for (const n of [info.limit, info.remaining, info.resetAt]) {
            if (n === undefined) continue;
            expect(Number.isFinite(n)).toBe(true);
            expect(n).toBeGreaterThanOrEqual(0);
          }
          if (info.resetAt !== undefined) {
            expect(info.resetAt).toBeGreaterThanOrEqual(now);
            expect(info.resetAt).toBeLessThanOrEqual(now + MAX_WAIT_MS);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('rateLimitOf: IETF fields alone', () => {
  it('is undefined without the fields', () => {
    expect(read({ 'x-ratelimit-limit': '5' })).toEqual({ limit: 5 });
  });

  it('reads the list form with seconds as sent', () => {
    expect(read({ RateLimit: '"default";r=50;t=30' })).toEqual({
      remaining: 50,
      resetAt: NOW + 30000,
      scope: 'default',
    });
  });

  it('matches the policy by name for its quota', () => {
    expect(
      read({ RateLimit: '"day";r=1;t=60', 'RateLimit-Policy': '"minute";q=10;w=60, "day";q=500;w=86400' }),
    ).toEqual({
      limit: 500,
      remaining: 1,
      resetAt: NOW + 60000,
      scope: 'day',
    });
  });

  it('leaves the quota out when several policies exist and none matches', () => {
    expect(read({ 'RateLimit-Policy': '"a";q=1;w=1, "b";q=2;w=2' })).toBeUndefined();
  });

  it('prefers a member with a remaining count over one without', () => {
    expect(read({ RateLimit: '"a";t=5, "b";r=3;t=9' })).toEqual({ remaining: 3, resetAt: NOW + 9000, scope: 'b' });
  });

  it('ignores overlong names and unusable numbers', () => {
    expect(read({ RateLimit: `"${'n'.repeat(101)}";r=abc;t=-1` })).toBeUndefined();
  });
});

// RFC 9110 §5.6.7's own example. Its obsolete RFC 850 and asctime forms are refused: no API sends them.
const EXAMPLE = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('httpDate', () => {
  it.each([
    'Sun, 06 Nov 1994 08:49:37 GMT',
    'sun, 06 nov 1994 08:49:37 gmt',
    'Sun, 6 Nov 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 08:49:37 UTC',
    'Sun, 06 Nov 1994 08:49:37 +0000',
    '  Sun, 06 Nov 1994 08:49:37 GMT  ',
  ])('reads %j', (text) => {
    expect(httpDate(text)).toBe(EXAMPLE);
  });

  it('counts a leap second as :59', () => {
    expect(httpDate('Sat, 31 Dec 2016 23:59:60 GMT')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59));
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
    'Sunday, 06-Nov-94 08:49:37 GMT',
    'Sun Nov  6 08:49:37 1994',
    'Sun, 06 Nov 1994',
    `Sun, 06 Nov 1994 08:49:37 GMT${' '.repeat(40)}x`,
  ])('refuses %j', (text) => {
    expect(httpDate(text)).toBeUndefined();
  });
});

describe('httpDate: memo of the last date', () => {
  it('gives the same answer on repeated and alternating calls, and never for an empty string', () => {
    const a = 'Sun, 06 Nov 1994 08:49:37 GMT';
    const b = 'Mon, 07 Nov 1994 08:49:37 GMT';
    expect(httpDate('')).toBeUndefined();
    expect(httpDate(a)).toBe(EXAMPLE);
    expect(httpDate(a)).toBe(EXAMPLE);
    expect(httpDate(b)).toBe(EXAMPLE + 86_400_000);
    expect(httpDate(a)).toBe(EXAMPLE);
    expect(httpDate('Sun, 31 Feb 1994 08:49:37 GMT')).toBeUndefined();
    expect(httpDate(a)).toBe(EXAMPLE);
  });
});

const T = Date.UTC(2024, 4, 1, 12, 30, 15);

describe('isoDate', () => {
  it.each([
    ['2024-05-01T12:30:15Z', T],
    ['2024-05-01t12:30:15z', T],
    ['2024-05-01 12:30:15Z', T],
    ['2024-05-01T12:30:15.250Z', T + 250],
    ['2024-05-01T12:30:15.123456789Z', T + 123],
    ['2024-05-01T14:30:15+02:00', T],
    ['2024-05-01T14:30:15+0200', T],
    ['2024-05-01T10:00:15-02:30', T],
    ['2024-05-01T14:30:15+02', T],
    ['2024-05-01T12:30Z', T - 15_000],
    ['2024-05-01', Date.UTC(2024, 4, 1)],
  ])('reads %j', (text, epoch) => {
    expect(isoDate(text)).toBe(epoch);
  });

  it('reads a zone-less timestamp as UTC, not local time', () => {
    expect(isoDate('2024-05-01T12:30:15')).toBe(T);
  });

  it.each([
    '',
    '2024',
    '1714566615',
    '2024-13-01',
    '2024-02-30',
    '2024-05-01T24:00:00Z',
    '2024-05-01T12:60:00Z',
    '2024-05-01T12:30:15+24:00',
    '2024-05-01T12:30:15 PST',
    'May 1, 2024',
    'Wed, 01 May 2024 12:30:15 GMT',
    '0099-05-01',
  ])('refuses %j', (text) => {
    expect(isoDate(text)).toBeUndefined();
  });
});

describe('leadingNumber', () => {
  it('reads a number followed by a list or parameter separator', () => {
    expect(leadingNumber('100, 100')).toBe(100);
    expect(leadingNumber('60;w=1')).toBe(60);
    expect(leadingNumber('42')).toBe(42);
  });

  it('refuses a number glued to other text', () => {
    expect(leadingNumber('32/40')).toBeUndefined();
    expect(leadingNumber('10 requests')).toBeUndefined();
    expect(leadingNumber('-3, 4')).toBeUndefined();
  });
});

describe('secondsToMs', () => {
  it('converts exactly, rounding leftover fractions up', () => {
    expect(secondsToMs('2')).toBe(2000);
    expect(secondsToMs('2.3')).toBe(2300);
    expect(secondsToMs('0.001')).toBe(1);
    expect(secondsToMs('0.0010')).toBe(1);
    expect(secondsToMs('0.00101')).toBe(2);
  });

  it('never gives less than the seconds asked for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 999_999 }), (whole, micros) => {
        const text = `${whole}.${String(micros).padStart(6, '0')}`;
        const ms = secondsToMs(text) as number;
        expect(ms * 1000).toBeGreaterThanOrEqual(whole * 1_000_000 + micros);
        expect(ms * 1000 - (whole * 1_000_000 + micros)).toBeLessThan(1000);
      }),
    );
  });
});

describe('parseRequestId', () => {
  it("reads the adapter's headers first, in order", () => {
    const headers = toHeaderMap({ 'X-Request-Id': 'generic', 'X-GitHub-Request-Id': 'gh', 'X-Other': 'other' });
    expect(parseRequestId(headers, ['x-github-request-id', 'x-other'])).toBe('gh');
    expect(parseRequestId(headers, ['x-missing', 'x-other'])).toBe('other');
  });

  it('accepts adapter header names in any case', () => {
    expect(parseRequestId(toHeaderMap({ 'twilio-request-id': 'RQ1' }), ['Twilio-Request-Id'])).toBe('RQ1');
  });

  it('falls back to the common headers in their order, cf-ray last', () => {
    const all = {
      'cf-ray': 'ray',
      'x-amzn-requestid': 'amzn',
      'x-correlation-id': 'corr',
      'request-id': 'req',
      'x-request-id': 'xreq',
    };
    expect(parseRequestId(toHeaderMap(all))).toBe('xreq');
    const { 'x-request-id': _a, ...noX } = all;
    expect(parseRequestId(toHeaderMap(noX))).toBe('req');
    const { 'request-id': _b, ...noReq } = noX;
    expect(parseRequestId(toHeaderMap(noReq))).toBe('corr');
    const { 'x-correlation-id': _c, ...noCorr } = noReq;
    expect(parseRequestId(toHeaderMap(noCorr))).toBe('amzn');
    expect(parseRequestId(toHeaderMap({ 'cf-ray': '8a1b2c3d4e5f6789-SJC' }))).toBe('8a1b2c3d4e5f6789-SJC');
  });

  it('skips blank values', () => {
    expect(parseRequestId(toHeaderMap({ 'x-custom': '  ', 'request-id': 'req_1' }), ['x-custom'])).toBe('req_1');
  });

  it('trims, and takes the first of a repeated header', () => {
    expect(parseRequestId(toHeaderMap({ 'request-id': ['req_1', 'req_1'] }))).toBe('req_1');
    expect(parseRequestId(toHeaderMap({ 'request-id': '  req_2 ' }))).toBe('req_2');
  });

  it('cuts an absurdly long id', () => {
    expect(parseRequestId(toHeaderMap({ 'x-request-id': 'a'.repeat(10_000) }))).toHaveLength(200);
  });

  it('returns undefined when there is no id', () => {
    expect(parseRequestId(toHeaderMap({}))).toBeUndefined();
    expect(parseRequestId(toHeaderMap({ 'x-request-id': ',' }), [])).toBeUndefined();
  });

  it('treats __proto__-like header names as plain data', () => {
    const headers = toHeaderMap(JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, string>);
    expect(parseRequestId(headers, ['__proto__'])).toBe('x');
    expect(parseRequestId(headers, ['constructor'])).toBe('y');
    expect(parseRequestId(toHeaderMap({}), ['constructor', '__proto__', 'toString'])).toBeUndefined();
  });
});

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

describe('toHeaderMap: what an SDK hands over', () => {
  it('reads strings, numbers and lists, and skips values no header can be (a null-prototype object would throw)', () => {
    const odd = Object.create(null) as object;
    const input = { 'X-Request-Id': 'req_1', 'Retry-After': 2, Vary: ['a', odd, 'b'], 'X-Odd': odd, 'X-Fn': () => 1 };
    const map = toHeaderMap(input as unknown as Parameters<typeof toHeaderMap>[0]);
    expect({ ...map }).toEqual({ 'x-request-id': 'req_1', 'retry-after': '2', vary: 'a, b' });
  });
});
