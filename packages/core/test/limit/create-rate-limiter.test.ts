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
});
