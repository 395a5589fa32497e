// Cluster mode's refusals (closed, aborted, queue full), its `pending` / `keys` counts, a request no bucket applies
// to, and a waiter settled (aborted) while its take is out to Redis. The refusal scenarios run on both engines and
// must refuse the same calls with the same LimiterRejectedError (both build it in limiter-rejected-error.ts).
// Redis runs on real time, so nothing here depends on a duration: the scenarios hold slots by hand.
import { expect, it } from 'vitest';
import { abortedError, closedError, queueFullError } from '../../src/limit/limiter-rejected-error';
import type { BucketDefinition, Limiter, Permit } from '../../src/limit/types';
import { createRedisLimiter } from '../../src/redis';
import { describeRedis, track, until } from './helpers';
import { limiterOf, req, res, SOURCE } from './limit-fixtures';
import { freePort } from './redis-server';

const cap: BucketDefinition = { id: 'cc', model: 'concurrency', maxInFlight: 1, source: SOURCE };

/**
 * What a test compares of a refusal: the same on both engines. Not `bucket`: the in-process limiter names the bucket
 * a `queue_full` call would have waited on; cluster mode refuses before asking Redis, so it does not know it.
 */
const refusal = (error: unknown) => {
  const { name, reason, message, cause } = error as { name: string; reason: string; message: string; cause?: unknown };
  return { name, reason, message, cause };
};

const settledOf = (call: ReturnType<typeof track<Permit>>) =>
  call.state === 'rejected' ? refusal(call.error) : call.state;

/** Waits until every call in `calls` left `pending` (bounded: a call that never settles fails the test). */
const settled = (...calls: ReturnType<typeof track<Permit>>[]) =>
  until(() => calls.every((call) => call.state !== 'pending'), 'the calls settled', 2_000);

const acquire = (limiter: Limiter, path = '/a', options = {}) =>
  track(Promise.resolve(limiter.acquire(req(path), options)));

describeRedis('Redis cluster mode: refusals and counts, as the in-process limiter', (redis) => {
  let sequence = 0;
  const engines = {
    local: (buckets: readonly BucketDefinition[], maxQueued = 1_000) => limiterOf(buckets, { maxQueued }),
    redis: (buckets: readonly BucketDefinition[], maxQueued = 1_000) =>
      redis.keep(
        createRedisLimiter(buckets, {
          id: `refusals-${process.pid}-${++sequence}`,
          maxQueued,
          redis: { url: redis.server.url, timeoutMs: 1_000 },
        }),
      ),
  };

  /** Runs `scenario` on both engines and expects the same outcome. */
  async function onBoth<T>(scenario: (make: typeof engines.local) => Promise<T>, expected: T): Promise<void> {
    expect({ local: await scenario(engines.local), redis: await scenario(engines.redis) }).toEqual({
      local: expected,
      redis: expected,
    });
  }

  it('a closed limiter refuses its waiters and every later call with reason closed', async () => {
    await onBoth(
      async (make) => {
        const limiter = make([cap]);
        const holder = await limiter.acquire(req());
        const waiting = acquire(limiter);
        await limiter.close('shutdown');
        const later = acquire(limiter);
        await settled(waiting, later);
        holder.release(res());
        return [settledOf(waiting), settledOf(later)];
      },
      [refusal(closedError('shutdown')), refusal(closedError())],
    );
  });

  it("an abort while waiting refuses the call with reason aborted and the signal's reason; the next moves up", async () => {
    const why = new Error('caller gave up');
    await onBoth(
      async (make) => {
        const limiter = make([cap]);
        const holder = await limiter.acquire(req());
        const controller = new AbortController();
        const aborted = acquire(limiter, '/a', { signal: controller.signal });
        const next = acquire(limiter);
        const before = limiter.pending;
        controller.abort(why);
        await settled(aborted);
        const after = limiter.pending;
        holder.release(res());
        await settled(next);
        (next.value as Permit).release(res());
        return { aborted: settledOf(aborted), next: next.state, before, after };
      },
      { aborted: refusal(abortedError(why)), next: 'fulfilled', before: 3, after: 2 },
    );
  });

  it('a call with an already aborted signal that would wait is refused at once with reason aborted', async () => {
    const signal = AbortSignal.abort('gone');
    await onBoth(
      async (make) => {
        const limiter = make([cap]);
        const holder = await limiter.acquire(req());
        const call = acquire(limiter, '/a', { signal });
        await settled(call);
        holder.release(res());
        return settledOf(call);
      },
      refusal(abortedError('gone')),
    );
  });

  it('a full queue refuses the next call with reason queue_full and leaves the waiters queued', async () => {
    await onBoth(
      async (make) => {
        const limiter = make([cap], 2);
        const holder = await limiter.acquire(req());
        const waiting = [acquire(limiter), acquire(limiter)];
        const third = acquire(limiter);
        await settled(third);
        const outcome = {
          third: settledOf(third),
          waiting: waiting.map((call) => call.state),
          pending: limiter.pending,
        };
        await limiter.close();
        holder.release(res());
        return outcome;
      },
      { third: refusal(queueFullError(2)), waiting: ['pending', 'pending'], pending: 3 },
    );
  });

  it('pending counts waiting and held calls; keys counts the keys calls wait on', async () => {
    const limiter = engines.redis([{ ...cap, scope: (r) => r.path }]);
    const holder = await limiter.acquire(req('/a'));
    // A granted call holds no queue: cluster mode keeps no bucket state in memory.
    expect([limiter.pending, limiter.keys]).toEqual([1, 0]);
    const first = acquire(limiter, '/a');
    const second = acquire(limiter, '/a');
    expect([limiter.pending, limiter.keys]).toEqual([3, 1]);
    const other = await limiter.acquire(req('/b'));
    expect([limiter.pending, limiter.keys]).toEqual([4, 1]);
    holder.release(res());
    await until(() => first.state === 'fulfilled', 'the first waiter granted');
    expect([limiter.pending, limiter.keys]).toEqual([3, 1]);
    (first.value as Permit).release(res());
    await settled(second);
    (second.value as Permit).release(res());
    other.release(res());
    expect([limiter.pending, limiter.keys]).toEqual([0, 0]);
  });

  it('a request no bucket applies to gets a permit at once that counts nowhere, even with Redis unreachable', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    for (const url of [redis.server.url, nowhere]) {
      const limiter = redis.keep(
        createRedisLimiter([{ ...cap, scope: () => null }], {
          id: `refusals-none-${process.pid}`,
          redis: { url, timeoutMs: 1_000 },
        }),
      );
      const call = acquire(limiter);
      await settled(call);
      expect(call.state).toBe('fulfilled');
      expect([limiter.pending, limiter.keys]).toEqual([0, 0]);
      expect((call.value as Permit).release(res())).toBe(false);
    }
  });

  // A waiter settled (aborted) while its take is out to Redis must not be acted on when the reply comes.
  it('a call aborted while Redis grants it gives the slot straight back', async () => {
    const limiter = engines.redis([cap]);
    const controller = new AbortController();
    const call = acquire(limiter, '/a', { signal: controller.signal });
    controller.abort('late');
    await settled(call);
    expect(settledOf(call)).toEqual(refusal(abortedError('late')));
    await until(() => limiter.pending === 0, 'the slot given back', 2_000);
    const next = acquire(limiter);
    await settled(next);
    expect(next.state).toBe('fulfilled');
  });

  it('a call aborted while Redis says another key blocks it is not queued on that key', async () => {
    const limiter = engines.redis([
      { id: 'fw', model: 'fixed-window', limit: 1_000, windowMs: 60_000, source: SOURCE },
      cap,
    ]);
    const holder = await limiter.acquire(req());
    const controller = new AbortController();
    const call = acquire(limiter, '/a', { signal: controller.signal });
    controller.abort('late');
    await settled(call);
    expect(settledOf(call)).toEqual(refusal(abortedError('late')));
    await until(() => limiter.keys === 0, 'no queue left', 2_000);
    holder.release(res());
  });

  it('a call aborted while Redis is found unreachable takes no slot of the local fallback', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const limiter = redis.keep(
      createRedisLimiter([cap], {
        id: `refusals-fallback-${process.pid}`,
        redis: { url: nowhere, timeoutMs: 200, fallback: 'local' },
      }),
    );
    const controller = new AbortController();
    const call = acquire(limiter, '/a', { signal: controller.signal });
    controller.abort('late');
    const next = acquire(limiter);
    await settled(call, next);
    expect([settledOf(call), next.state]).toEqual([refusal(abortedError('late')), 'fulfilled']);
  });
});
