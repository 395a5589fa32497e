import { describe, expect, it } from 'vitest';
import {
  type BucketDefinition,
  createRateLimiter,
  isLimiterRejectedError,
  isPermit,
  type LimitRequest,
} from '../../src/index';

const SOURCE = 'https://example.com/docs/rate-limits';
const window: BucketDefinition = { id: 'minute', model: 'fixed-window', limit: 3, windowMs: 60_000, source: SOURCE };
const request: LimitRequest = { method: 'GET', path: '/items', route: '/items', query: {} } as unknown as LimitRequest;

/** How many calls the limiter admits at once before the first one that must wait (and that waiting call). */
function admitted(limiter: ReturnType<typeof createRateLimiter>): { n: number; waiting: Promise<unknown> } {
  let n = 0;
  let got = limiter.acquire(request);
  for (; isPermit(got) && n < 100; got = limiter.acquire(request)) n++;
  // What the waiting call ends with (the limiter's close rejects it).
  const waiting = isPermit(got)
    ? Promise.resolve(got)
    : got.then(
        () => undefined,
        (error: unknown) => error,
      );
  return { n, waiting };
}

describe('createRateLimiter (the public standalone limiter)', () => {
  it('limits by the declared buckets', async () => {
    const limiter = createRateLimiter([window], { maxHoldMs: 120_000 });
    const { n, waiting } = admitted(limiter);
    expect(n).toBe(3);
    await limiter.close();
    await waiting;
  });

  it('applies the rateLimit option as createClient does: an override by bucket id', async () => {
    const limiter = createRateLimiter([window], { buckets: { minute: { limit: 5 } }, maxHoldMs: 120_000 });
    const { n, waiting } = admitted(limiter);
    expect(n).toBe(5);
    await limiter.close();
    await waiting;
  });

  it('rejects a waiting call with a LimiterRejectedError users can recognise when closed', async () => {
    const limiter = createRateLimiter([window], { maxHoldMs: 120_000 });
    const { waiting } = admitted(limiter);
    await limiter.close();
    const refused = await waiting;
    expect(isLimiterRejectedError(refused) && refused.reason).toBe('closed');
  });

  it('validates every bucket and refuses to build a limiter over nothing', () => {
    expect(() => createRateLimiter([{ ...window, limit: 0 }])).toThrow(RangeError);
    expect(() => createRateLimiter([])).toThrow(/no bucket/);
  });

  it('names what is wrong with a bucket or an option, before any call', () => {
    const refused = (buckets: readonly unknown[], options = {}) => {
      try {
        createRateLimiter(buckets as BucketDefinition[], options);
      } catch (error) {
        return error instanceof RangeError ? error.message : error;
      }
      return 'built';
    };
    expect(refused([{ ...window, id: '' }])).toBe('a rate-limit bucket needs an id');
    expect(refused([{ ...window, model: 'leaky-bucket' }])).toMatch(/unknown model leaky-bucket/);
    expect(refused([{ ...window, source: '' }])).toMatch(/source \(the docs URL of its numbers\) is required/);
    expect(refused([{ id: 'c', model: 'concurrency', maxInFlight: 1.5, source: SOURCE }])).toMatch(
      /maxInFlight must be an integer/,
    );
    expect(refused([{ ...window, slowStart: 'yes' }])).toMatch(/slowStart must be a boolean/);
    expect(refused([window, { ...window, limit: 9 }])).toBe('rate-limit bucket "minute" is declared twice');
    expect(refused([window], { maxQueued: -1 })).toBe('rateLimit.maxQueued must be 0 or more, got -1');
    expect(refused([window], { maxHoldMs: Number.NaN })).toBe('rateLimit.maxHoldMs must be 0 or more, got NaN');
  });

  it("refuses maxQueued and maxHoldMs given as strings (a JavaScript caller's config): 'abc' lifted the bound", () => {
    const build = (options: Record<string, unknown>) => () => createRateLimiter([window], options);
    expect(build({ maxQueued: 'abc' })).toThrow('rateLimit.maxQueued must be 0 or more, got "abc"');
    expect(build({ maxHoldMs: '60000' })).toThrow('rateLimit.maxHoldMs must be 0 or more, got "60000"');
    expect(
      isPermit(createRateLimiter([window], { maxQueued: 0, maxHoldMs: Number.POSITIVE_INFINITY }).acquire(request)),
    ).toBe(true);
  });

  it('takes at most 30 buckets: a permit tracks its probes in a 31-bit mask', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...window, id: `b${i}` }));
    expect(() => createRateLimiter(many(31))).toThrow('a limiter takes at most 30 buckets');
    expect(isPermit(createRateLimiter(many(30)).acquire(request))).toBe(true);
  });

  it('releases a permit once: a second release frees nothing', async () => {
    const limiter = createRateLimiter([{ id: 'one', model: 'concurrency', maxInFlight: 1, source: SOURCE }]);
    const first = limiter.acquire(request);
    if (!isPermit(first)) throw new Error('expected a permit');
    first.release(undefined);
    expect(isPermit(limiter.acquire(request))).toBe(true);
    // Released twice, the first permit would free the slot the second one holds.
    expect(first.release(undefined)).toBe(false);
    const third = limiter.acquire(request);
    expect([isPermit(third), limiter.pending]).toEqual([false, 2]);
    await limiter.close('done');
    await expect(third).rejects.toSatisfy(isLimiterRejectedError);
  });
});
