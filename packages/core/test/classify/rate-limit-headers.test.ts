import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toHeaderMap } from '../../src/classify/header-map';
import {
  MAX_RESET_AHEAD_MS,
  type RateLimitHeaderOptions,
  parseRateLimitHeaders,
} from '../../src/classify/rate-limit-headers';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const read = (headers: Record<string, string>, options: RateLimitHeaderOptions = {}) =>
  parseRateLimitHeaders(toHeaderMap(headers), { now: NOW, ...options });

afterEach(() => {
  vi.useRealTimers();
});

describe('parseRateLimitHeaders: conventional headers', () => {
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

describe('parseRateLimitHeaders: declared headers', () => {
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

describe('parseRateLimitHeaders: reset unit detection (auto)', () => {
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

  it('uses Date.now() by default', () => {
    vi.useFakeTimers({ now: NOW });
    expect(parseRateLimitHeaders(toHeaderMap({ 'x-ratelimit-reset': '10' }))).toEqual({ resetAt: NOW + 10_000 });
  });
});

describe('parseRateLimitHeaders: unit correction and malformed values (FAULTS 21)', () => {
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
    expect(read({ 'x-ratelimit-reset': String((NOW + MAX_RESET_AHEAD_MS) / 1000 + 10) })).toBeUndefined();
    expect(
      read({ 'x-wait': String(MAX_RESET_AHEAD_MS + 1) }, { reset: 'x-wait', resetUnit: 'ms-until' }),
    ).toBeUndefined();
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

describe('parseRateLimitHeaders: IETF structured fields', () => {
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

  it('reads the older dictionary form', () => {
    expect(read({ RateLimit: 'limit=100, remaining=0, reset=30' })).toEqual({
      limit: 100,
      remaining: 0,
      resetAt: NOW + 30_000,
    });
  });

  it('reads an older bare-number policy', () => {
    expect(read({ 'RateLimit-Policy': '100;w=60' })).toEqual({ limit: 100 });
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

describe('parseRateLimitHeaders: properties', () => {
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
          const info = parseRateLimitHeaders(toHeaderMap(headers), { reset: 'x-custom', resetUnit, now });
          if (info === undefined) return;
          for (const n of [info.limit, info.remaining, info.resetAt]) {
            if (n === undefined) continue;
            expect(Number.isFinite(n)).toBe(true);
            expect(n).toBeGreaterThanOrEqual(0);
          }
          if (info.resetAt !== undefined) {
            expect(info.resetAt).toBeGreaterThanOrEqual(now);
            expect(info.resetAt).toBeLessThanOrEqual(now + MAX_RESET_AHEAD_MS);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
