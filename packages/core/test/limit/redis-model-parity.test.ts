import { expect, it } from 'vitest';
import type { BucketDefinition, Limiter, Permit } from '../../src/limit/types';
import { createRedisLimiter } from '../../src/redis';
import { describeRedis, sleep, track, until } from './helpers';
import { limiterOf, req, res, SOURCE } from './limit-fixtures';

// Cluster mode follows the in-process models (model/*.ts) where their rules changed: each test starts two
// "processes" (limiters with one id) on a real redis-server and checks one rule; those run through `both` play the
// same scenario on the in-process limiter too and expect the same outcome. Real time: only orderings, counts and
// lower bounds of waits are asserted.

describeRedis('Redis cluster mode follows the in-process models', (redis) => {
  let sequence = 0;

  /** Two processes sharing one limit over `buckets`. */
  const pair = (buckets: readonly BucketDefinition[], maxHoldMs = 100): [Limiter, Limiter] => {
    const id = `parity-${++sequence}`;
    const make = () => createRedisLimiter(buckets, { id, maxHoldMs, redis: { url: redis.server.url, timeoutMs: 500 } });
    return [redis.keep(make()), redis.keep(make())];
  };

  /** The same scenario on the in-process limiter (one process: both sides are one limiter) and on Redis. */
  const both = async <T>(
    buckets: readonly BucketDefinition[],
    maxHoldMs: number,
    scenario: (a: Limiter, b: Limiter) => Promise<T>,
  ): Promise<{ local: T; redis: T }> => {
    const local = redis.keep(limiterOf(buckets, { maxHoldMs }));
    return { local: await scenario(local, local), redis: await scenario(...pair(buckets, maxHoldMs)) };
  };

  /** Calls to `path` admitted at once, alternating processes, until one is refused for its hold; all released after. */
  const admitted = async (a: Limiter, b: Limiter, path: string): Promise<number> => {
    const held: Permit[] = [];
    for (;;) {
      const limiter = held.length % 2 === 0 ? a : b;
      try {
        held.push(await limiter.acquire(req(path)));
      } catch (error) {
        expect(error).toMatchObject({ reason: 'hold_exceeded' });
        break;
      }
      if (held.length > 60) break;
    }
    for (const permit of held) permit.release(res());
    return held.length;
  };

  it('a quota at 0 only because of calls in flight holds new calls for their answers instead of failing them', async () => {
    const [a, b] = pair([{ id: 'daily', model: 'quota', limit: 10, windowMs: 86_400_000, source: SOURCE }]);
    const resetAt = Date.now() + 86_000_000;
    // The server's window: 2 left.
    (await a.acquire(req())).release(res({ rateLimit: { remaining: 2, resetAt } }));
    await sleep(50);
    const held = [await a.acquire(req()), await a.acquire(req())];
    // Our count says 0, but only because two calls are unanswered: the server may have counted them already.
    const waiting = track(Promise.resolve(b.acquire(req())));
    await sleep(200);
    expect(waiting.state).toBe('pending');
    held[0]?.release(res());
    await sleep(100);
    expect(waiting.state).toBe('pending');
    // It had: 1 left.
    held[1]?.release(res({ rateLimit: { remaining: 1, resetAt } }));
    await until(() => waiting.state === 'fulfilled', 'the held call got the room the server stated');
    (waiting.value as Permit).release(res());
  });

  it('slow start (opt-in): until the first call of a window is answered the others wait for what it says', async () => {
    const [a, b] = pair([
      { id: 'core', model: 'fixed-window', limit: 100, windowMs: 60_000, slowStart: true, source: SOURCE },
    ]);
    const first = await a.acquire(req());
    const waiting = track(Promise.resolve(b.acquire(req())));
    await sleep(200);
    expect(waiting.state).toBe('pending');
    // Any end of the first call ends the slow start, an answer without state too.
    first.release(res());
    await until(() => waiting.state === 'fulfilled', 'the second call went after the first answer');
    (waiting.value as Permit).release(res());
    // The numbers as declared from then on: many at once.
    const more = await Promise.all(Array.from({ length: 5 }, (_, i) => (i % 2 === 0 ? a : b).acquire(req())));
    for (const permit of more) permit.release(res());
  });

  it('a fixed window does not wait out its own guess of the reset while an answer is in flight', async () => {
    const [a, b] = pair([{ id: 'core', model: 'fixed-window', limit: 1, windowMs: 60_000, source: SOURCE }]);
    const first = await a.acquire(req());
    // Our guess says 60 s (> maxHoldMs): without the rule this fails at once with hold_exceeded.
    const waiting = track(Promise.resolve(b.acquire(req())));
    await sleep(200);
    expect(waiting.state).toBe('pending');
    first.release(res({ rateLimit: { remaining: 5, resetAt: Date.now() + 2_000 } }));
    await until(() => waiting.state === 'fulfilled', 'the window the server stated admitted the call');
    (waiting.value as Permit).release(res());
  });

  it("a fixed window reads the server's order: the lowest remaining minus the calls still unanswered", async () => {
    const [a, b] = pair([{ id: 'core', model: 'fixed-window', limit: 10, windowMs: 60_000, source: SOURCE }]);
    const [p1, p2, p3] = [await a.acquire(req()), await b.acquire(req()), await a.acquire(req())];
    const resetAt = Date.now() + 60_000;
    // The server counted the third call first (9 left), then the first (8), then the second (7): 7 are left.
    p3?.release(res({ rateLimit: { remaining: 9, resetAt } }));
    p1?.release(res({ rateLimit: { remaining: 8, resetAt } }));
    p2?.release(res({ rateLimit: { remaining: 7, resetAt } }));
    await sleep(50);
    const granted: Permit[] = [];
    for (let i = 0; i < 7; i++) granted.push(await (i % 2 === 0 ? a : b).acquire(req()));
    await expect(Promise.resolve(b.acquire(req()))).rejects.toMatchObject({ reason: 'hold_exceeded', bucket: 'core' });
    for (const permit of granted) permit.release(res());
  });

  it('a sliding window takes the limit a response states, above the declared one too', async () => {
    const [a, b] = pair([{ id: 'burst', model: 'sliding-window', limit: 2, windowMs: 60_000, source: SOURCE }]);
    (await a.acquire(req())).release(res({ rateLimit: { limit: 4 } }));
    await sleep(50);
    const granted = [await b.acquire(req()), await a.acquire(req()), await b.acquire(req())];
    await expect(Promise.resolve(a.acquire(req()))).rejects.toMatchObject({ reason: 'hold_exceeded' });
    for (const permit of granted) permit.release(res());
  });

  it('a token bucket refills nothing while the call taken from a full bucket is on its way (at most 100 ms)', async () => {
    // 20 per second (50 ms a token), burst 2: the freeze is min(100 ms, 100 ms to refill from empty).
    const [a, b] = pair([{ id: 'rate', model: 'token-bucket', ratePerSec: 20, burst: 2, source: SOURCE }], 5_000);
    const began = Date.now();
    const first = await a.acquire(req());
    const second = await b.acquire(req());
    // Empty now; the first call is unanswered, so its 100 ms freeze runs in full before the 50 ms refill.
    const third = await a.acquire(req());
    expect(Date.now() - began).toBeGreaterThanOrEqual(130);
    for (const permit of [first, second, third]) permit.release(res());
  });

  it.each([
    [15, 28],
    [16, 18],
  ])(
    'a token bucket answer raises a count lowered by reordering, in units, for a call among the last 16 takes (%i taken after it: %i admitted)',
    async (after, want) => {
      // A token every 10 s: refill stays far below one token while the test runs. `/big` calls cost 3 units.
      const bucket: BucketDefinition = {
        id: 'rate',
        model: 'token-bucket',
        ratePerSec: 0.1,
        burst: 60,
        cost: (request) => (request.path === '/big' ? 3 : 1),
        source: SOURCE,
      };
      const got = await both([bucket], 100, async (a, b) => {
        const first = await a.acquire(req());
        const big = [await b.acquire(req('/big')), await a.acquire(req('/big'))];
        big.push(await b.acquire(req('/big')), await a.acquire(req('/big')));
        // The server counted all 13 units before the first call (47 left): read as that call's word, 12 units started
        // after it may be uncounted, so the count drops to 35 (the server holds 47).
        first.release(res({ rateLimit: { remaining: 47 } }));
        await sleep(50);
        for (const permit of big.slice(0, 3)) permit.release(res());
        await sleep(50);
        // Taken with 3 units unanswered (the last big call): count 34.
        const call = await b.acquire(req());
        big[3]?.release(res());
        await sleep(50);
        const later: Permit[] = [];
        for (let i = 0; i < after; i++) later.push(await (i % 2 === 0 ? a : b).acquire(req()));
        // The server counted this call before the later ones: 46 left. From above: 46 less the later calls; from below
        // (this call among the last 16 takes): that less the 3 units unanswered at its take, 43 - after. Else the count
        // stays 34 - after.
        call.release(res({ rateLimit: { remaining: 46 } }));
        await sleep(50);
        const count = await admitted(a, b, '/a');
        for (const permit of later) permit.release(res());
        return count;
      });
      expect(got).toEqual({ local: want, redis: want });
    },
  );

  it('a fixed window keeps the earliest reset its readings state: time-left resets read later, earlier, later', async () => {
    const bucket: BucketDefinition = { id: 'core', model: 'fixed-window', limit: 4, windowMs: 60_000, source: SOURCE };
    const got = await both([bucket], 900, async (a, b) => {
      const calls = [await a.acquire(req()), await b.acquire(req()), await a.acquire(req())];
      const t0 = Date.now();
      // One window read three times: the first and third answers were read later on their way back (by 400 and
      // 350 ms). Guard: 24 ms (2 % of the time left at the first reading).
      calls[0]?.release(res({ rateLimit: { remaining: 2, resetAt: t0 + 1_200 } }));
      await sleep(50);
      calls[1]?.release(res({ rateLimit: { remaining: 1, resetAt: t0 + 800 } }));
      await sleep(50);
      calls[2]?.release(res({ rateLimit: { remaining: 0, resetAt: t0 + 1_150 } }));
      await sleep(50);
      // Full until the earliest reset and its guard, under 700 ms from now: within maxHoldMs (900), so the call
      // waits; the first or the last reading (over 1,000 ms from now) would refuse it for its hold.
      let permit: Permit;
      try {
        permit = await b.acquire(req());
      } catch (error) {
        return `refused: ${(error as { reason?: string }).reason}`;
      }
      const waited = Date.now() - t0;
      permit.release(res());
      return waited >= 750 ? 'waited for the earliest reset' : `admitted after ${waited} ms`;
    });
    expect(got).toEqual({ local: 'waited for the earliest reset', redis: 'waited for the earliest reset' });
  });

  it('a sliding window counts a call from its answer: the slot frees a window after the answer', async () => {
    const [a, b] = pair([{ id: 'tier', model: 'sliding-window', limit: 1, windowMs: 400, source: SOURCE }], 5_000);
    const first = await a.acquire(req());
    await sleep(500);
    const answeredAt = Date.now();
    first.release(res());
    await sleep(20);
    // Counted from its start, the slot would be free already (500 ms > 400 ms).
    (await b.acquire(req())).release(res());
    expect(Date.now() - answeredAt).toBeGreaterThanOrEqual(350);
  });

  it('a call slower than the window still counts from its answer after another call trimmed its start', async () => {
    const buckets: BucketDefinition[] = [
      { id: 'tier', model: 'sliding-window', limit: 2, windowMs: 400, source: SOURCE },
    ];
    const got = await both(buckets, 5_000, async (a, b) => {
      const slow = await a.acquire(req());
      await sleep(500);
      // This check trims the slow call's start (500 ms old) from the log; one unit is left for it.
      (await b.acquire(req())).release(res());
      slow.release(res());
      const start = Date.now();
      // Both calls now count from their answers: a third waits for the window to pass them.
      (await a.acquire(req())).release(res());
      return Date.now() - start >= 300 ? 'waited' : 'admitted at once';
    });
    expect(got).toEqual({ local: 'waited', redis: 'waited' });
  });
});
