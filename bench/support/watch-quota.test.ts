import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchQuota } from './run-limit-race';

const original = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = original;
});

/** A provider whose answers are given in order: `refuse` marks the quota refusals. */
function provider(refuse: (n: number) => boolean): void {
  let n = 0;
  globalThis.fetch = vi.fn(async () => {
    const i = n++;
    return refuse(i)
      ? new Response('{"error":{"errors":[{"reason":"dailyLimitExceeded"}]}}', { status: 403 })
      : new Response('{}', { status: 200 });
  });
}

describe('watchQuota (the judged daily-quota measure)', () => {
  it('counts the requests sent after the first quota refusal was read, not those already in flight', async () => {
    provider((i) => i >= 2);
    const watch = watchQuota('dailyLimitExceeded');
    // Four in flight at once: two accepted, two refused; none was sent after a refusal was read.
    await Promise.all([0, 1, 2, 3].map(() => fetch('http://sim/x')));
    expect(watch.stop()).toBe(0);
  });

  it('a client that keeps sending after quota_exceeded fails the measure', async () => {
    provider((i) => i >= 1);
    const watch = watchQuota('dailyLimitExceeded');
    for (let i = 0; i < 5; i++) await fetch('http://sim/x');
    // Refusal read after the second request; the next three were sent with it in hand.
    expect(watch.stop()).toBe(3);
  });

  it('another refusal (a burst limit) is not the quota; no quota refusal: undefined', async () => {
    globalThis.fetch = vi.fn(async () => new Response('{"reason":"userRateLimitExceeded"}', { status: 403 }));
    const watch = watchQuota('dailyLimitExceeded');
    for (let i = 0; i < 3; i++) await fetch('http://sim/x');
    expect(watch.stop()).toBeUndefined();
  });
});
