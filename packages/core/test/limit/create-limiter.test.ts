import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveRateLimit } from '../../src/limit/create-rate-limiter';
import type { BucketDefinition } from '../../src/limit/types';
import { isPermit } from '../../src/limit/types';
import { limiterOf, req, res, SOURCE, sync, timed } from './limit-fixtures';

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

const perPath = (r: { path: string }) => r.path;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('fast path', () => {
  it('returns the permit itself, with no promise and no timer, while every bucket has room', () => {
    const limiter = limiterOf([
      { id: 'tb', model: 'token-bucket', ratePerSec: 10, burst: 3, source: SOURCE },
      { id: 'cc', model: 'concurrency', maxInFlight: 5, source: SOURCE },
    ]);
    const permits = [1, 2, 3].map(() => sync(limiter.acquire(req())));
    expect(vi.getTimerCount()).toBe(0);
    expect(limiter.pending).toBe(3);
    for (const p of permits) p.release(res());
    expect(limiter.pending).toBe(0);
    expect(isPermit(limiter.acquire(req()))).toBe(false);
  });

  it('resolveRateLimit gives undefined without buckets, applies overrides and drops buckets', () => {
    const declared: BucketDefinition[] = [
      { id: 'a', model: 'fixed-window', limit: 5, windowMs: 1_000, source: SOURCE },
      { id: 'b', model: 'concurrency', maxInFlight: 2, source: SOURCE },
    ];
    expect(resolveRateLimit(declared, false)).toBeUndefined();
    expect(resolveRateLimit([], {})).toBeUndefined();
    const resolved = resolveRateLimit(declared, { buckets: { a: { limit: 50 }, b: false } });
    expect(resolved?.buckets).toEqual([{ ...declared[0], limit: 50 }]);
    expect(resolved?.options).toEqual({ maxQueued: 10_000, maxHoldMs: 65_000, engine: undefined });
    expect(() => resolveRateLimit(declared, { buckets: { nope: false } })).toThrow(RangeError);
    expect(() => resolveRateLimit([{ id: 'x', model: 'token-bucket', ratePerSec: 1, source: SOURCE }], {})).toThrow(
      /burst/,
    );
  });
});

describe('slow path', () => {
  it('waits exactly until the constraining bucket frees, with one timer per key', async () => {
    const limiter = limiterOf([{ id: 'tb', model: 'token-bucket', ratePerSec: 10, burst: 2, source: SOURCE }]);
    // Answered at once: the refill runs from now (a call from a full bucket holds it until answered).
    sync(limiter.acquire(req())).release(res());
    sync(limiter.acquire(req())).release(res());
    const start = Date.now();
    const calls = [0, 1, 2].map(() => timed(limiter, req()));
    expect(vi.getTimerCount()).toBe(1);
    await tick(300);
    expect(calls.map((c) => (c.at as number) - start)).toEqual([100, 200, 300]);
  });

  it('keys are independent: one scope waiting does not delay another', async () => {
    const limiter = limiterOf([
      { id: 'tb', model: 'token-bucket', ratePerSec: 1, burst: 1, source: SOURCE, scope: perPath },
    ]);
    sync(limiter.acquire(req('/a'))).release(res());
    const waiting = timed(limiter, req('/a'));
    expect(isPermit(limiter.acquire(req('/b')))).toBe(true);
    await tick(1_000);
    expect(waiting.at).toBeDefined();
  });

  it('a queue on a key sends later calls to the queue too (no overtaking from the fast path)', async () => {
    const limiter = limiterOf([{ id: 'cc', model: 'concurrency', maxInFlight: 1, source: SOURCE }]);
    const first = sync(limiter.acquire(req()));
    const second = timed(limiter, req());
    first.release(res());
    // Released: the waiter gets the slot, not a newcomer.
    await tick();
    expect(second.at).toBeDefined();
    expect(isPermit(limiter.acquire(req()))).toBe(false);
  });

  it('retries go ahead of new calls, then priority, then arrival order', async () => {
    const limiter = limiterOf([{ id: 'cc', model: 'concurrency', maxInFlight: 1, source: SOURCE }]);
    const holder = sync(limiter.acquire(req()));
    const order: string[] = [];
    const add = (name: string, options: { priority?: number; retry?: boolean }) =>
      Promise.resolve(limiter.acquire(req(), options)).then((p) => {
        order.push(name);
        p.release(res());
      });
    const all = [
      add('new-5a', {}),
      add('new-1', { priority: 1 }),
      add('retry-5', { retry: true }),
      add('new-5b', {}),
      add('retry-9', { retry: true, priority: 9 }),
    ];
    holder.release(res());
    await Promise.all(all);
    expect(order).toEqual(['retry-5', 'retry-9', 'new-1', 'new-5a', 'new-5b']);
  });

  it('concurrency is taken last: a call waiting for tokens holds no slot', async () => {
    const limiter = limiterOf([
      { id: 'cc', model: 'concurrency', maxInFlight: 1, source: SOURCE },
      {
        id: 'tb',
        model: 'token-bucket',
        ratePerSec: 1,
        burst: 1,
        source: SOURCE,
        scope: (r) => (r.path === '/rated' ? 'x' : null),
      },
    ]);
    sync(limiter.acquire(req('/rated'))).release(res());
    const rated = timed(limiter, req('/rated'));
    await tick(10);
    expect(rated.at).toBeUndefined();
    // The slot is free although a call waits for a token.
    expect(isPermit(limiter.acquire(req('/plain')))).toBe(true);
  });

  it('a call moving to its next bucket queues behind that bucket’s waiters (no overtaking)', async () => {
    const limiter = limiterOf([
      { id: 'mi', model: 'min-interval', intervalMs: 100, source: SOURCE, scope: perPath },
      {
        id: 'points',
        model: 'cost-bucket',
        ratePerSec: 10,
        burst: 100,
        source: SOURCE,
        scope: () => 'shared',
        cost: (r) => (r.body as { cost: number }).cost,
      },
    ]);
    const call = (path: string, cost: number) => req(path, { body: { cost } });
    sync(limiter.acquire(call('/w', 1))).release(res());
    const w = timed(limiter, call('/w', 1)); // held by its path's interval
    sync(limiter.acquire(call('/r', 90))); // 9 points left
    const x = timed(limiter, call('/x', 60)); // waits for points
    await tick(100);
    // The interval is over and 1 point would fit, but x waits for the points first.
    expect(w.at).toBeUndefined();
    await tick(10_000);
    expect(x.at).toBe(1_000_000 + 5_100);
    expect(w.at).toBeGreaterThanOrEqual(x.at as number);
  });

  it('a release hands its slot to the next waiter at once: microtasks only, no timer, no newcomer in between', async () => {
    const limiter = limiterOf([
      { id: 'tb', model: 'token-bucket', ratePerSec: 1_000_000, burst: 1_000_000, source: SOURCE },
      { id: 'cc', model: 'concurrency', maxInFlight: 1, source: SOURCE },
    ]);
    const holder = sync(limiter.acquire(req()));
    const order: number[] = [];
    // Each waiter releases as soon as it is admitted: 200 hand-offs in a row, the engaged limiter's steady state.
    const all = Array.from({ length: 200 }, (_, i) =>
      Promise.resolve(limiter.acquire(req())).then((permit) => {
        order.push(i);
        permit.release(res());
      }),
    );
    holder.release(res());
    // The slot went to the first waiter within the release: a newcomer finds it taken and queues behind.
    const newcomer = limiter.acquire(req());
    expect(isPermit(newcomer)).toBe(false);
    // No fake time passes and no timer exists: every hand-off ran on microtasks alone.
    for (let i = 0; i < 1_000 && order.length < 200; i++) await Promise.resolve();
    expect(vi.getTimerCount()).toBe(0);
    expect(order).toEqual(Array.from({ length: 200 }, (_, i) => i));
    await Promise.all(all);
    sync(await newcomer).release(res());
    expect(limiter.pending).toBe(0);
  });

  it('bounds the queue: the next call is rejected with queue_full', async () => {
    const limiter = limiterOf([{ id: 'cc', model: 'concurrency', maxInFlight: 1, source: SOURCE }], { maxQueued: 2 });
    sync(limiter.acquire(req()));
    timed(limiter, req());
    timed(limiter, req());
    const third = timed(limiter, req());
    await tick();
    expect(third.error).toMatchObject({ reason: 'queue_full' });
  });

  it('an aborted call leaves the queue at once and the next one moves up', async () => {
    const limiter = limiterOf([{ id: 'cc', model: 'concurrency', maxInFlight: 1, source: SOURCE }]);
    const holder = sync(limiter.acquire(req()));
    const controller = new AbortController();
    const aborted = timed(limiter, req(), { signal: controller.signal });
    const next = timed(limiter, req());
    expect(limiter.pending).toBe(3);
    controller.abort();
    await tick();
    expect(aborted.error).toMatchObject({ reason: 'aborted' });
    expect(limiter.pending).toBe(2);
    holder.release(res());
    await tick();
    expect(next.at).toBeDefined();
    const already = AbortSignal.abort();
    await expect(limiter.acquire(req(), { signal: already })).rejects.toMatchObject({ reason: 'aborted' });
  });

  it('close() rejects waiters with closed and clears every timer', async () => {
    const limiter = limiterOf([
      { id: 'tb', model: 'token-bucket', ratePerSec: 1, burst: 1, source: SOURCE, scope: perPath },
    ]);
    sync(limiter.acquire(req('/a')));
    sync(limiter.acquire(req('/b')));
    const waiting = [timed(limiter, req('/a')), timed(limiter, req('/b'))];
    expect(vi.getTimerCount()).toBe(2);
    await limiter.close('shutdown');
    await tick();
    expect(waiting.map((w) => w.error?.reason)).toEqual(['closed', 'closed']);
    expect(vi.getTimerCount()).toBe(0);
    await expect(limiter.acquire(req('/c'))).rejects.toMatchObject({ reason: 'closed' });
  });

  it('reports waits to onWait with the reason and the bucket', async () => {
    const onWait = vi.fn();
    const limiter = limiterOf([{ id: 'mi', model: 'min-interval', intervalMs: 500, source: SOURCE }], {}, { onWait });
    sync(limiter.acquire(req()));
    timed(limiter, req());
    await tick(500);
    expect(onWait).toHaveBeenCalledWith(500, 'paced', 'mi');
  });
});

describe('server state', () => {
  it('remaining minus the calls started after the observed request', async () => {
    const limiter = limiterOf([{ id: 'core', model: 'fixed-window', limit: 100, windowMs: 60_000, source: SOURCE }]);
    // The first answer ends the slow start.
    sync(limiter.acquire(req())).release(res({ rateLimit: { remaining: 50, resetAt: Date.now() + 30_000 } }));
    const first = sync(limiter.acquire(req()));
    const later = [1, 2, 3].map(() => sync(limiter.acquire(req())));
    // The server counted only the first call: 4 left for it means 1 left for us.
    first.release(res({ rateLimit: { remaining: 4, limit: 100, resetAt: Date.now() + 30_000 } }));
    sync(limiter.acquire(req()));
    const blocked = timed(limiter, req());
    await tick(30_000 + 599);
    expect(blocked.at).toBeUndefined();
    // Reset plus its guard, 2 % of the 30 s left.
    await tick(1);
    expect(blocked.at).toBeDefined();
    for (const p of later) p.release(res());
  });

  it('requests that overtook each other: the answer to the newest request may be the server’s older word', () => {
    const limiter = limiterOf([
      { id: 'core', model: 'fixed-window', limit: 5_000, windowMs: 3_600_000, source: SOURCE },
    ]);
    const t = Date.now();
    const stated = (remaining: number) => res({ rateLimit: { limit: 100, remaining, resetAt: t + 30_000 } });
    sync(limiter.acquire(req())).release(stated(4));
    const a = sync(limiter.acquire(req()));
    const b = sync(limiter.acquire(req()));
    // b reached the server first (3 left after it), a second (2 left); a's answer comes back first.
    a.release(stated(2));
    b.release(stated(3));
    // Two are left: exactly two more go at once.
    sync(limiter.acquire(req()));
    sync(limiter.acquire(req()));
    expect(isPermit(limiter.acquire(req()))).toBe(false);
  });

  it('answers from the next one-second window, read before our guarded reset, open no fresh window on top', async () => {
    const limiter = limiterOf([
      { id: 'core', model: 'fixed-window', limit: 5_000, windowMs: 3_600_000, source: SOURCE },
    ]);
    const t = Date.now();
    sync(limiter.acquire(req())).release(res({ rateLimit: { limit: 100, remaining: 10, resetAt: t + 1_000 } }));
    // Sent in the first window, but they reach the server after its reset and count in the next one.
    const late = Array.from({ length: 10 }, () => sync(limiter.acquire(req())));
    await tick(1_005);
    for (const [i, p] of late.entries()) {
      p.release(res({ rateLimit: { limit: 100, remaining: 99 - i, resetAt: t + 2_000 } }));
    }
    for (let i = 0; i < 90; i++) sync(limiter.acquire(req()));
    const next = timed(limiter, req());
    // The first window's guarded reset (t + 1_020) passes: the second window is spent, not fresh.
    await tick(100);
    expect(next.at).toBeUndefined();
    // Its reset plus 2 % of the 995 ms left when it was first read.
    await tick(2_020 - 1_105);
    expect(next.at).toBe(t + 2_020);
  });

  it('a sliding window takes the limit the server states, above the declared one too', async () => {
    // HubSpot's rolling 10 s window: 100 declared (lowest tier), `X-HubSpot-RateLimit-Max: 190` on a Professional plan.
    const limiter = limiterOf([{ id: 'burst', model: 'sliding-window', limit: 100, windowMs: 10_000, source: SOURCE }]);
    sync(limiter.acquire(req())).release(res({ rateLimit: { limit: 190, remaining: 189 } }));
    for (let i = 1; i < 190; i++) sync(limiter.acquire(req()));
    const over = timed(limiter, req());
    await tick(9_999);
    expect(over.at).toBeUndefined();
    // The first call left the window (counted from its answer): the 191st goes.
    await tick(1);
    expect(over.at).toBe(1_000_000 + 10_000);
    // A stated limit below the declared one lowers it (a shared or smaller plan).
    const lower = limiterOf([{ id: 'burst', model: 'sliding-window', limit: 100, windowMs: 10_000, source: SOURCE }]);
    sync(lower.acquire(req())).release(res({ rateLimit: { limit: 3, remaining: 2 } }));
    sync(lower.acquire(req()));
    sync(lower.acquire(req()));
    expect(isPermit(lower.acquire(req()))).toBe(false);
  });

  it('converts the reset with the response clock (resetAt - now), not the local clock', async () => {
    const limiter = limiterOf([{ id: 'core', model: 'fixed-window', limit: 1, windowMs: 60_000, source: SOURCE }]);
    const p = sync(limiter.acquire(req()));
    // Server clock 1 h ahead: the reset is 5 s away from the response's point of view.
    const serverNow = Date.now() + 3_600_000;
    p.release(res({ now: serverNow, rateLimit: { remaining: 0, resetAt: serverNow + 5_000 } }));
    const next = timed(limiter, req());
    await tick(5_100);
    expect(next.at).toBe(1_000_000 + 5_100);
  });

  it('a cost bucket whose answer states what is left is not refunded a second time', async () => {
    const limiter = limiterOf([
      {
        id: 'points',
        model: 'cost-bucket',
        ratePerSec: 1,
        burst: 1_000,
        source: SOURCE,
        cost: (r) => (r.path === '/big' ? 800 : 100),
        observe: (r) => r.body as { remaining: number; cost: number },
      },
    ]);
    const a = sync(limiter.acquire(req('/q')));
    sync(limiter.acquire(req('/q')));
    // The server settled a at 10 points and has not seen b: 890 left for it, 790 for us (b reserved 100).
    a.release(res({ body: { remaining: 890, cost: 10 } }));
    const big = timed(limiter, req('/big'));
    await tick();
    expect(big.at).toBeUndefined();
    await tick(10_000);
    expect(big.at).toBe(1_000_000 + 10_000);
  });

  it('a cost bucket settles the estimate with the actual cost', async () => {
    const limiter = limiterOf([
      {
        id: 'points',
        model: 'cost-bucket',
        ratePerSec: 1,
        burst: 100,
        source: SOURCE,
        cost: () => 60,
        observe: (r) => ({ cost: (r.body as { cost: number }).cost }),
      },
    ]);
    const p = sync(limiter.acquire(req()));
    const second = timed(limiter, req());
    await tick();
    expect(second.at).toBeUndefined();
    // 55 points come back: the second call fits at once instead of after 20 s.
    p.release(res({ body: { cost: 5 } }));
    await tick();
    expect(second.at).toBe(1_000_000);
  });
});
