import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BucketDefinition, LimitResponse, Limiter } from '../../src/limit/types';
import { isPermit } from '../../src/limit/types';
import { limiterOf, req, res, SOURCE } from './limit-fixtures';

// Simulated providers on the fake clock: the limiter against the minimum time of docs/retries-and-rate-limits.md §3.1.
// Each call is decided when it is sent and answered `LATENCY_MS` later; a refused call is retried
// through the limiter at once (a retry, ahead of new calls), as the client does.

const LATENCY_MS = 20;
const T0 = 1_000_000;

/** A provider's decision for a call sent at `now`. */
interface Server {
  handle(now: number): Pick<LimitResponse, 'status' | 'rateLimit' | 'throttle'>;
}

async function simulate(limiter: Limiter, server: Server, calls: number, concurrency: number) {
  let next = 0;
  let refused = 0;
  let finished = 0;
  const worker = async () => {
    while (next < calls) {
      next++;
      for (let attempt = 1; ; attempt++) {
        const got = limiter.acquire(req('/m'), { retry: attempt > 1 });
        const permit = isPermit(got) ? got : await got;
        const answer = server.handle(Date.now());
        await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
        permit.release(res({ ...answer, now: Date.now() }));
        if (answer.status === 200) break;
        refused++;
      }
      finished++;
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  while (finished < calls) await vi.advanceTimersToNextTimerAsync();
  await Promise.all(workers);
  return { elapsed: Date.now() - T0, refused, share: refused / (calls + refused) };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('close to the physical limit', () => {
  it('token bucket 100/s, burst 10, declared: 500 calls in ≤ 1.05 × 4.9 s with no 429', async () => {
    let tokens = 10;
    let at = T0;
    const server: Server = {
      handle(now) {
        tokens = Math.min(10, tokens + ((now - at) * 100) / 1_000);
        at = now;
        if (tokens < 1) return { status: 429, rateLimit: undefined, throttle: { kind: 'rate_limited' } };
        tokens -= 1;
        return { status: 200, rateLimit: undefined, throttle: undefined };
      },
    };
    const bucket: BucketDefinition = {
      id: 'global',
      model: 'token-bucket',
      ratePerSec: 100,
      burst: 10,
      source: SOURCE,
    };
    const run = await simulate(limiterOf([bucket]), server, 500, 10);
    expect(run.refused).toBe(0);
    // T_min = (500 - 10) / 100 s; the last answer adds one latency.
    expect(run.elapsed).toBeLessThanOrEqual(4_900 * 1.05 + LATENCY_MS);
  });

  it('fixed window with state headers, wrong declared limit: ≤ 1.05 × T_min with no 429', async () => {
    // Server: 100 per minute, windows aligned to the server's clock, first reset 30 s away.
    const windowMs = 60_000;
    let resetAt = T0 + 30_000;
    let remaining = 100;
    const server: Server = {
      handle(now) {
        while (now >= resetAt) {
          resetAt += windowMs;
          remaining = 100;
        }
        // Whole seconds, as GitHub sends them.
        const reset = Math.ceil(resetAt / 1_000) * 1_000;
        if (remaining === 0)
          return {
            status: 429,
            rateLimit: { limit: 100, remaining: 0, resetAt: reset },
            throttle: { kind: 'rate_limited', resetAt: reset },
          };
        remaining--;
        return { status: 200, rateLimit: { limit: 100, remaining, resetAt: reset }, throttle: undefined };
      },
    };
    // Declared 5,000 per hour (the wrong prior): the headers correct it.
    const bucket: BucketDefinition = {
      id: 'core',
      model: 'fixed-window',
      limit: 5_000,
      windowMs: 3_600_000,
      source: SOURCE,
    };
    const run = await simulate(limiterOf([bucket], { maxHoldMs: 120_000 }), server, 350, 10);
    expect(run.refused).toBe(0);
    // T_min = 30 s + (ceil(250 / 100) - 1) × 60 s = 150 s.
    expect(run.elapsed).toBeLessThanOrEqual(150_000 * 1.05);
  });

  it('fixed window of one second (a compressed GitHub): the reset guard costs 2 % of a window, not a whole one', async () => {
    // Server: 100 per second, windows on whole seconds, whole-second resets; the run starts 300 ms before a reset.
    const start = T0 + 700;
    vi.setSystemTime(start);
    const counts = new Map<number, number>();
    const server: Server = {
      handle(now) {
        const reset = Math.floor(now / 1_000) * 1_000 + 1_000;
        const used = counts.get(reset) ?? 0;
        if (used >= 100)
          return {
            status: 403,
            rateLimit: { limit: 100, remaining: 0, resetAt: reset },
            throttle: { kind: 'rate_limited', resetAt: reset },
          };
        counts.set(reset, used + 1);
        return { status: 200, rateLimit: { limit: 100, remaining: 99 - used, resetAt: reset }, throttle: undefined };
      },
    };
    // Declared as GitHub's 5,000 per hour: the headers correct it.
    const bucket: BucketDefinition = {
      id: 'core',
      model: 'fixed-window',
      limit: 5_000,
      windowMs: 3_600_000,
      source: SOURCE,
    };
    const run = await simulate(limiterOf([bucket]), server, 350, 10);
    expect(run.refused).toBe(0);
    // T_min = 300 ms + (ceil(250 / 100) - 1) × 1 s = 2.3 s; the last answer adds one latency.
    expect(run.elapsed - (start - T0)).toBeLessThanOrEqual(2_300 * 1.05 + LATENCY_MS);
  });

  it('sliding window with only Retry-After, limit lower than declared: ≤ 1.15 × T_min, ≤ 2 % refused', async () => {
    // Server: 20 in any minute (a sliding log), 429 + Retry-After (whole seconds) beyond.
    const log: number[] = [];
    const server: Server = {
      handle(now) {
        while (log.length > 0 && (log[0] as number) <= now - 60_000) log.shift();
        if (log.length >= 20) {
          const retryAfterMs = Math.ceil(((log[0] as number) + 60_000 - now) / 1_000) * 1_000;
          return { status: 429, rateLimit: undefined, throttle: { kind: 'rate_limited', retryAfterMs } };
        }
        log.push(now);
        return { status: 200, rateLimit: undefined, throttle: undefined };
      },
    };
    // Declared as Slack's tier 2 with a higher number than this server enforces.
    const bucket: BucketDefinition = {
      id: 'tier',
      model: 'sliding-window',
      limit: 25,
      windowMs: 60_000,
      source: SOURCE,
    };
    const run = await simulate(limiterOf([bucket], { maxHoldMs: 120_000 }), server, 400, 4);
    // T_min = (ceil(400 / 20) - 1) × 60 s = 1,140 s.
    expect(run.elapsed).toBeLessThanOrEqual(1_140_000 * 1.15);
    expect(run.share).toBeLessThanOrEqual(0.02);
  });
});
