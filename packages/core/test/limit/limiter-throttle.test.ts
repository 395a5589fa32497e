import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_THROTTLE_PAUSE_MS } from '../../src/limit/read-response';
import type { BucketDefinition, LimitRequest } from '../../src/limit/types';
import { isPermit } from '../../src/limit/types';
import { limiterOf, req, res, SOURCE, sync, throttled, timed } from './limit-fixtures';

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
const DAY = 86_400_000;
const T0 = 1_000_000;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Slack-like: one sliding bucket per method, plenty of room. */
const perMethod: BucketDefinition = {
  id: 'tier',
  model: 'sliding-window',
  limit: 50,
  windowMs: 60_000,
  source: SOURCE,
  scope: (r: LimitRequest) => r.path,
};

describe('a throttling answer pauses only its bucket key', () => {
  it('for exactly Retry-After, with no backoff on top, while other keys run', async () => {
    const limiter = limiterOf([perMethod]);
    sync(limiter.acquire(req('/chat.postMessage'))).release(throttled({ kind: 'rate_limited', retryAfterMs: 30_000 }));
    expect(isPermit(limiter.acquire(req('/users.list')))).toBe(true);
    const held = timed(limiter, req('/chat.postMessage'));
    await tick(29_999);
    expect(held.at).toBeUndefined();
    await tick(1);
    expect(held.at).toBe(T0 + 30_000);
  });

  it(`a 429 without Retry-After or reset still pauses its bucket (${DEFAULT_THROTTLE_PAUSE_MS} ms)`, async () => {
    const limiter = limiterOf([perMethod]);
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'rate_limited' }));
    const next = timed(limiter, req('/a'));
    await tick(0);
    expect(next.at).toBeUndefined();
    await tick(DEFAULT_THROTTLE_PAUSE_MS);
    expect(next.at).toBe(T0 + DEFAULT_THROTTLE_PAUSE_MS);
  });

  it('a reset time (no Retry-After) pauses until the reset plus 2 % of the time left, a second at most', async () => {
    const limiter = limiterOf([perMethod]);
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'rate_limited', resetAt: T0 + 10_000 }));
    const next = timed(limiter, req('/a'));
    await tick(10_199);
    expect(next.at).toBeUndefined();
    await tick(1);
    expect(next.at).toBe(T0 + 10_200);
    // An hour away: the whole second of a whole-second reset.
    const far = limiterOf([perMethod], { maxHoldMs: 4_000_000 });
    sync(far.acquire(req('/a'))).release(throttled({ kind: 'rate_limited', resetAt: Date.now() + 3_600_000 }));
    const later = timed(far, req('/a'));
    const asked = Date.now();
    await tick(3_601_000);
    expect((later.at as number) - asked).toBe(3_601_000);
  });

  it('a refusal whose stated reset has passed (rounded down by the provider) pauses a whole second', async () => {
    const limiter = limiterOf([perMethod]);
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'rate_limited', resetAt: T0 - 300 }));
    const next = timed(limiter, req('/a'));
    await tick(999);
    expect(next.at).toBeUndefined();
    await tick(1);
    expect(next.at).toBe(T0 + 1_000);
  });

  it('the owner is found by owns(), then throttle.scope, then the first non-concurrency bucket', () => {
    const buckets: BucketDefinition[] = [
      { id: 'cc', model: 'concurrency', maxInFlight: 10, source: SOURCE },
      { id: 'core', model: 'fixed-window', limit: 100, windowMs: 60_000, source: SOURCE },
      { id: 'search', model: 'fixed-window', limit: 100, windowMs: 60_000, source: SOURCE },
      {
        id: 'secondary',
        model: 'sliding-window',
        limit: 100,
        windowMs: 60_000,
        source: SOURCE,
        owns: (r) => r.status === 403,
      },
    ];
    const scoped = (id: string) => ({
      ...(buckets.find((b) => b.id === id) as BucketDefinition),
      scope: (r: LimitRequest) => (r.path === '/probe' ? null : r.path),
    });
    const limiter = limiterOf([buckets[0] as BucketDefinition, scoped('core'), scoped('search'), scoped('secondary')]);
    const free = (path: string) => isPermit(limiter.acquire(req(path)));
    // owns() wins over scope.
    sync(limiter.acquire(req('/1'))).release(
      throttled({ kind: 'rate_limited', retryAfterMs: 5_000, scope: 'core' }, { status: 403 }),
    );
    // scope names the bucket.
    sync(limiter.acquire(req('/2'))).release(throttled({ kind: 'rate_limited', retryAfterMs: 5_000, scope: 'search' }));
    // Neither: the first bucket that is not a concurrency cap (core).
    sync(limiter.acquire(req('/3'))).release(throttled({ kind: 'rate_limited', retryAfterMs: 5_000 }));
    // Paused keys are per (bucket, scope): reach each bucket on its own through paths that key only it.
    expect(free('/probe')).toBe(true);
    expect(free('/4')).toBe(true);
    expect(free('/1')).toBe(false);
    expect(free('/2')).toBe(false);
    expect(free('/3')).toBe(false);
  });

  it('a bucket whose owns() says no is never the fallback owner: an answer no bucket owns pauses nothing', () => {
    // BambooHR: the plan's employee limit (quota_exceeded) is not the throttling bucket's limit.
    const throttling: BucketDefinition = {
      id: 'api',
      model: 'fixed-window',
      limit: 1_000,
      windowMs: 1_000,
      source: SOURCE,
      owns: (r) => r.throttle?.kind === 'rate_limited',
    };
    const limiter = limiterOf([throttling]);
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'quota_exceeded', retryAfterMs: 5_000 }));
    expect(isPermit(limiter.acquire(req('/a')))).toBe(true);
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'rate_limited', retryAfterMs: 5_000 }));
    expect(isPermit(limiter.acquire(req('/a')))).toBe(false);
  });
});

describe('holds longer than maxHoldMs', () => {
  it('reject at once with hold_exceeded and the hold, and reject the waiting calls too', async () => {
    const limiter = limiterOf([perMethod], { maxHoldMs: 10_000 });
    const first = sync(limiter.acquire(req('/a')));
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'rate_limited', retryAfterMs: 5_000 }));
    const waiting = timed(limiter, req('/a'));
    first.release(throttled({ kind: 'rate_limited', retryAfterMs: 120_000 }));
    await tick();
    expect(waiting.error).toMatchObject({ reason: 'hold_exceeded', retryAfterMs: 120_000, bucket: 'tier' });
    await expect(limiter.acquire(req('/a'))).rejects.toMatchObject({ reason: 'hold_exceeded', retryAfterMs: 120_000 });
  });

  it('FAULT: a Retry-After of 35 days lets one probe through per maxHoldMs instead of failing for 35 days', async () => {
    const limiter = limiterOf([perMethod], { maxHoldMs: 60_000 });
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'rate_limited', retryAfterMs: 35 * DAY }));
    await expect(limiter.acquire(req('/a'))).rejects.toMatchObject({ reason: 'hold_exceeded' });
    await tick(60_000);
    // Exactly one probe; the others still fail fast while it is out.
    const probe = sync(limiter.acquire(req('/a')));
    await expect(limiter.acquire(req('/a'))).rejects.toMatchObject({ reason: 'hold_exceeded' });
    // The provider takes the probe: the bogus hold is over.
    probe.release(res());
    expect(isPermit(limiter.acquire(req('/a')))).toBe(true);
  });

  it('a probe that is throttled again holds for another maxHoldMs; a lost probe lets the next call probe', async () => {
    const limiter = limiterOf([perMethod], { maxHoldMs: 60_000 });
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'rate_limited', retryAfterMs: 35 * DAY }));
    await tick(60_000);
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'rate_limited', retryAfterMs: 35 * DAY }));
    await expect(limiter.acquire(req('/a'))).rejects.toMatchObject({ reason: 'hold_exceeded' });
    await tick(60_000);
    sync(limiter.acquire(req('/a'))).release(undefined);
    const again = sync(limiter.acquire(req('/a')));
    await expect(limiter.acquire(req('/a'))).rejects.toMatchObject({ reason: 'hold_exceeded' });
    again.release(res());
  });

  it('FAULT: a reset 30 days ahead read from a response is probed the same way', async () => {
    const limiter = limiterOf(
      [{ id: 'core', model: 'fixed-window', limit: 5_000, windowMs: 3_600_000, source: SOURCE }],
      { maxHoldMs: 60_000 },
    );
    sync(limiter.acquire(req())).release(res({ rateLimit: { remaining: 0, resetAt: T0 + 30 * DAY } }));
    await expect(limiter.acquire(req())).rejects.toMatchObject({ reason: 'hold_exceeded' });
    await tick(60_000);
    const probe = sync(limiter.acquire(req()));
    await expect(limiter.acquire(req())).rejects.toMatchObject({ reason: 'hold_exceeded' });
    probe.release(res({ rateLimit: { remaining: 4_000, resetAt: Date.now() + 1_800_000 } }));
    expect(isPermit(limiter.acquire(req()))).toBe(true);
  });

  it('a probe the provider takes without saying its state proves our reading wrong: the meter starts afresh', async () => {
    const limiter = limiterOf(
      [{ id: 'core', model: 'fixed-window', limit: 5_000, windowMs: 3_600_000, source: SOURCE }],
      { maxHoldMs: 60_000 },
    );
    sync(limiter.acquire(req())).release(res({ rateLimit: { remaining: 0, resetAt: T0 + 30 * DAY } }));
    await expect(limiter.acquire(req())).rejects.toMatchObject({ reason: 'hold_exceeded' });
    await tick(60_000);
    // A proxy that drops the rate-limit headers: the answer says nothing, but it is not a throttle.
    sync(limiter.acquire(req())).release(res());
    expect(isPermit(limiter.acquire(req()))).toBe(true);
  });

  it('a long wait from our own counting fails fast and is never probed (it cannot be wrong by days)', async () => {
    const limiter = limiterOf([{ id: 'tier1', model: 'sliding-window', limit: 1, windowMs: 60_000, source: SOURCE }], {
      maxHoldMs: 10_000,
    });
    sync(limiter.acquire(req())).release(res());
    await expect(limiter.acquire(req())).rejects.toMatchObject({ reason: 'hold_exceeded', retryAfterMs: 60_000 });
    await tick(30_000);
    await expect(limiter.acquire(req())).rejects.toMatchObject({ reason: 'hold_exceeded', retryAfterMs: 30_000 });
    await tick(30_000);
    expect(isPermit(limiter.acquire(req()))).toBe(true);
  });

  it('with maxHoldMs 0, probes of a long pause still go at most once a second', async () => {
    const limiter = limiterOf([perMethod], { maxHoldMs: 0 });
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'rate_limited', retryAfterMs: DAY }));
    await expect(limiter.acquire(req('/a'))).rejects.toMatchObject({ reason: 'hold_exceeded' });
    await tick(999);
    await expect(limiter.acquire(req('/a'))).rejects.toMatchObject({ reason: 'hold_exceeded' });
    await tick(1);
    sync(limiter.acquire(req('/a'))).release(throttled({ kind: 'rate_limited', retryAfterMs: DAY }));
    await expect(limiter.acquire(req('/a'))).rejects.toMatchObject({ reason: 'hold_exceeded' });
  });
});

describe('quota', () => {
  const daily: BucketDefinition = { id: 'daily', model: 'quota', limit: 3, windowMs: DAY, source: SOURCE };

  it('is never waited out: used up, calls fail at once with reason quota and the time to the reset', async () => {
    const limiter = limiterOf([daily], { maxHoldMs: 10 * DAY });
    for (let i = 0; i < 3; i++) sync(limiter.acquire(req())).release(res());
    await expect(limiter.acquire(req())).rejects.toMatchObject({ reason: 'quota', retryAfterMs: DAY, bucket: 'daily' });
  });

  it('a throttle the quota owns fails calls fast even when the adapter classified it rate_limited', async () => {
    // The generic adapter reads HubSpot's daily 429 (policyName DAILY) as rate_limited; the user's quota bucket owns it.
    const owned: BucketDefinition = { ...daily, limit: 1_000, owns: (r) => r.status === 429 };
    const limiter = limiterOf([owned]);
    sync(limiter.acquire(req())).release(throttled({ kind: 'rate_limited' }));
    await expect(limiter.acquire(req())).rejects.toMatchObject({ reason: 'quota', retryAfterMs: DAY, bucket: 'daily' });
  });

  it('quota_exceeded blocks until the reset, then exactly one probe goes and the others wait for its answer', async () => {
    const limiter = limiterOf([daily]);
    sync(limiter.acquire(req())).release(
      throttled({ kind: 'quota_exceeded', resetAt: T0 + 3_600_000 }, { status: 429 }),
    );
    await expect(limiter.acquire(req())).rejects.toMatchObject({ reason: 'quota', retryAfterMs: 3_601_000 });
    await tick(3_601_000);
    const probe = sync(limiter.acquire(req()));
    const waiting = timed(limiter, req());
    await tick(5_000);
    expect(waiting.at).toBeUndefined();
    probe.release(res());
    await tick();
    expect(waiting.at).toBe(T0 + 3_606_000);
  });

  it('at 0 only because of calls in flight, holds new calls for their answers; the server’s own 0 fails them', async () => {
    // Salesforce: every answer states the allocation (`api-usage=used/max`), no reset (a rolling 24 h).
    const stated: BucketDefinition = {
      ...daily,
      limit: 100,
      observe: (r) => ({ limit: 5, remaining: Number(r.headers.remaining), resetAt: r.now + 300_000 }),
    };
    const limiter = limiterOf([stated]);
    const answer = (remaining: number) => res({ headers: { remaining: String(remaining) } });
    sync(limiter.acquire(req())).release(answer(4));
    const a = sync(limiter.acquire(req()));
    const b = sync(limiter.acquire(req()));
    const c = sync(limiter.acquire(req()));
    // The server counted a, b and c before answering a: 1 left, while our estimate (1 - b - c) is below 0.
    a.release(answer(1));
    const held = timed(limiter, req());
    await tick(10);
    expect(held.at).toBeUndefined();
    expect(held.error).toBeUndefined();
    // b's answer: it was among the 3 counted; 1 left with c in flight (already counted too, as its answer will say).
    b.release(answer(1));
    c.release(answer(1));
    await tick();
    expect(held.at).toBe(T0 + 10);
    // Its answer: the server itself says 0. Now calls fail at once, in flight or not.
    held.permit?.release(answer(0));
    await expect(limiter.acquire(req())).rejects.toMatchObject({ reason: 'quota', bucket: 'daily' });
  });

  it('a probe answered quota_exceeded again fails the calls that waited for it', async () => {
    const limiter = limiterOf([daily]);
    sync(limiter.acquire(req())).release(throttled({ kind: 'quota_exceeded', retryAfterMs: 1_000 }));
    await tick(1_000);
    const probe = sync(limiter.acquire(req()));
    const waiting = timed(limiter, req());
    probe.release(throttled({ kind: 'quota_exceeded', retryAfterMs: DAY }));
    await tick();
    expect(waiting.error).toMatchObject({ reason: 'quota', retryAfterMs: DAY });
  });
});

describe('learning undisclosed limits', () => {
  it('a sliding window declared 50/min learns the 20/min a server enforces from its first 429', async () => {
    const limiter = limiterOf([perMethod]);
    const window: number[] = [];
    let throttles = 0;
    // A server allowing 20 in any minute, answering 429 + Retry-After to the rest.
    const send = async () => {
      const got = limiter.acquire(req('/a'));
      const permit = isPermit(got) ? got : await got;
      const now = Date.now();
      while (window.length > 0 && (window[0] as number) <= now - 60_000) window.shift();
      if (window.length >= 20) {
        throttles++;
        permit.release(throttled({ kind: 'rate_limited', retryAfterMs: (window[0] as number) + 60_000 - now }));
        return send();
      }
      window.push(now);
      permit.release(res());
    };
    const calls: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) {
      calls.push(send());
      await tick(10);
    }
    await tick(600_000);
    await Promise.all(calls);
    // One 429 teaches it; later windows have at most one growth probe each.
    expect(throttles).toBeLessThanOrEqual(5);
  });

  it('a concurrency cap learns from owned 429s (AIMD) and never goes below 1', async () => {
    const limiter = limiterOf([
      { id: 'cc', model: 'concurrency', maxInFlight: 10, source: SOURCE, owns: (r) => r.status === 429 },
    ]);
    const held = Array.from({ length: 10 }, () => sync(limiter.acquire(req())));
    // A 1 ms hint: the throttle's pause (a zero hint would take the default one) is over before the cap is tried.
    held.pop()?.release(throttled({ kind: 'rate_limited', retryAfterMs: 1 }));
    for (const p of held.splice(0, 3)) p.release(res());
    vi.advanceTimersByTime(1);
    // 6 in flight, cap now 7: one more fits, then the cap holds.
    expect(isPermit(limiter.acquire(req()))).toBe(true);
    expect(isPermit(limiter.acquire(req()))).toBe(false);
  });
});
