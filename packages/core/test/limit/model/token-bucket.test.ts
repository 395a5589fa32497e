import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/limit/model/token-bucket';

describe('TokenBucket', () => {
  it('starts full and refills exactly, carrying fractions of a token', () => {
    const b = new TokenBucket(100, 10);
    for (let i = 0; i < 10; i++) b.take(0, 1);
    b.done(0, 1, undefined, 0);
    expect(b.wait(0, 1)).toBeCloseTo(10, 6);
    // 3 ms then 4 ms then 3 ms: 0.3 + 0.4 + 0.3 tokens make one, none lost to rounding.
    expect(b.wait(3, 1)).toBeGreaterThan(0);
    expect(b.wait(7, 1)).toBeGreaterThan(0);
    expect(b.wait(10, 1)).toBe(0);
  });

  it('admits exactly (M - burst)/rate worth of calls over time (the physical bound)', () => {
    const b = new TokenBucket(100, 10);
    let now = 0;
    let sent = 0;
    while (sent < 500) {
      const wait = b.wait(now, 1);
      if (wait === 0) {
        b.take(now, 1);
        b.done(now, 1, undefined, now);
        sent++;
      } else now += wait;
    }
    expect(now).toBeCloseTo(4_900, 3);
  });

  it('never exceeds the burst and takes the server state', () => {
    const b = new TokenBucket(2, 40);
    b.observe(0, { remaining: 5, limit: 40, fresh: true });
    expect(b.tokens).toBe(5);
    expect(b.wait(100_000, 1)).toBe(0);
    expect(b.tokens).toBe(40);
    b.observe(100_000, { remaining: 80, limit: 80, fresh: true });
    expect(b.burst).toBe(80);
    expect(b.tokens).toBe(80);
  });

  it('a fresh answer never raises the count (calls started before it may reach the server after it): only refill does', () => {
    const b = new TokenBucket(100, 100);
    for (let i = 0; i < 100; i++) b.take(0, 1);
    // The newest call's answer was counted when 40 of the earlier calls had not arrived yet: 40 left, it says.
    b.observe(0, { remaining: 40, startedAfter: 0, limit: 100, fresh: true });
    expect(b.tokens).toBe(0);
    expect(b.wait(0, 1)).toBeGreaterThan(0);
  });

  it('an answer raises the count to what is left with every call unanswered at its take counted: a count lowered by overtaking recovers', () => {
    const b = new TokenBucket(100, 100);
    for (let i = 0; i < 100; i++) b.take(0, 1);
    for (let i = 0; i < 100; i++) b.done(0, 1, undefined, 0);
    // The 41st call (59 started after it) was overtaken by 20 of them: 20 left, it says, so 20 - 59 lowers the count
    // 39 below the server's (none of the 40 earlier calls had been answered when it was taken: no bound from below).
    b.observe(0, { remaining: 20, startedAfter: 59, limit: 100, fresh: false });
    expect(b.tokens).toBe(-39);
    // 500 ms later a call taken with nothing in flight is answered: 49 left, none of ours uncounted by that word.
    b.take(500, 1);
    b.done(500, 1, undefined, 500);
    b.observe(500, { remaining: 49, startedAfter: 0, limit: 100, fresh: true });
    expect(b.tokens).toBe(49);
    // With calls in flight at its take (2 here), they may be uncounted: the count rises only to 49 - 2.
    const c = new TokenBucket(100, 100);
    for (let i = 0; i < 100; i++) c.take(0, 1);
    c.observe(0, { remaining: 0, startedAfter: 99, limit: 100, fresh: false });
    for (let i = 0; i < 98; i++) c.done(0, 1, undefined, 0);
    c.take(500, 1);
    c.done(500, 1, undefined, 500);
    c.observe(500, { remaining: 49, startedAfter: 0, limit: 100, fresh: true });
    expect(c.tokens).toBe(47);
  });

  it('reset() (a probe got through) forgets a stated bucket size and the emptiness, and a call from the full bucket freezes anew', () => {
    // Shopify REST: "Bucket size: 40 ... Leak rate: 2/second" (https://help.shopify.com/en/api/reference/rest-admin-api-rate-limits);
    // every answer states `X-Shopify-Shop-Api-Call-Limit: used/size`, so a bigger shop's bucket (80 here) is adopted.
    const b = new TokenBucket(2, 40);
    b.take(0, 1);
    b.observe(10, { remaining: 79, startedAfter: 0, limit: 80, fresh: true });
    expect(b.burst).toBe(80);
    b.throttled(50);
    expect(b.tokens).toBe(0);
    b.reset();
    expect(b.burst).toBe(40);
    expect(b.tokens).toBe(40);
    expect(b.wait(50, 40)).toBe(0);
    // The bucket is full again: a call taken now freezes the refill until it is answered (at most 100 ms), as the
    // provider's bucket refills nothing until the call arrives; the freeze of the call taken at 0 is over.
    b.take(50, 1);
    expect(b.wait(50, 40)).toBe(100 + 500);
  });

  it('an older answer only lowers a cost bucket: no bound from below, its units in flight are estimates', () => {
    const b = new TokenBucket(50, 1_000, true);
    // Ten queries reserved 100 points each; nine answers came back without a cost, the tenth flies.
    for (let i = 0; i < 9; i++) b.take(0, 100);
    for (let i = 0; i < 9; i++) b.done(0, 100, undefined, 0);
    b.take(0, 100);
    // An overtaken answer (not the newest) of the tenth says 982 left: the server may yet charge the estimates more.
    b.observe(0, { remaining: 982, startedAfter: 0, units: 100, limit: 1_000, fresh: false });
    expect(b.tokens).toBe(0);
    // A plain token bucket in the same place is raised to the server's word (none of its units were unanswered).
    const t = new TokenBucket(50, 1_000);
    for (let i = 0; i < 9; i++) t.take(0, 100);
    for (let i = 0; i < 9; i++) t.done(0, 100, undefined, 0);
    t.take(0, 100);
    t.observe(0, { remaining: 982, startedAfter: 0, units: 100, limit: 1_000, fresh: false });
    expect(t.tokens).toBe(982);
  });

  it("a cost bucket adopts the newest answer's remaining, above its count too: its count holds estimates", () => {
    const b = new TokenBucket(50, 1_000, true);
    for (let i = 0; i < 9; i++) b.take(0, 100);
    // Nine queries reserved 100 points each; the server charged 2 each and says 982 are left.
    b.observe(0, { remaining: 982, startedAfter: 0, limit: 1_000, fresh: true });
    expect(b.tokens).toBe(982);
  });

  it('nothing refills while the call taken from a full bucket is unanswered: the provider stays full until it arrives', () => {
    const b = new TokenBucket(100, 10);
    for (let i = 0; i < 10; i++) b.take(0, 1);
    // 30 ms later (a cold start, a busy event loop) the provider may not have seen the burst yet: at most its
    // refill time (100 ms) without refill, then 10 ms a token.
    expect(b.wait(30, 1)).toBeCloseTo(80, 6);
    // Another call of the burst answered first tells nothing.
    b.done(35, 1, undefined, 1);
    expect(b.wait(35, 1)).toBeCloseTo(75, 6);
    // Its answer, at 40: the refill starts from there.
    b.done(40, 1, undefined, 0);
    expect(b.wait(40, 1)).toBeCloseTo(10, 6);
    // A slow bucket (Shopify's 40 at 2/s) stays frozen 100 ms at most: a call slower than that is being processed.
    const slow = new TokenBucket(2, 40);
    slow.take(0, 40);
    expect(slow.wait(100, 1)).toBeCloseTo(500, 6);
    // Unanswered for good: the refill starts after the bucket's refill time anyway.
    const lost = new TokenBucket(100, 10);
    lost.take(0, 10);
    expect(lost.wait(150, 1)).toBe(0);
    expect(lost.tokens).toBeCloseTo(5, 6);
    // A call taken from a bucket that was not full: the provider was refilling all along.
    const busy = new TokenBucket(100, 10);
    busy.take(0, 5);
    busy.done(0, 5, undefined, 0);
    busy.take(5, 1);
    expect(busy.wait(20, 1)).toBe(0);
    expect(busy.tokens).toBeCloseTo(6, 6);
  });

  it('a throttling answer empties it', () => {
    const b = new TokenBucket(10, 10);
    b.throttled(0);
    expect(b.wait(0, 1)).toBeCloseTo(100, 6);
  });
});

describe('TokenBucket with estimated costs (cost bucket)', () => {
  it('reserves the estimate and settles the actual cost', () => {
    const b = new TokenBucket(50, 1_000, true);
    b.take(0, 600);
    expect(b.tokens).toBe(400);
    b.done(0, 600, 20, 0);
    expect(b.tokens).toBe(980);
    expect(b.wait(0, 600)).toBe(0);
  });

  it('charges a cost above the estimate', () => {
    const b = new TokenBucket(50, 1_000, true);
    b.take(0, 10);
    b.done(0, 10, 110, 0);
    expect(b.tokens).toBe(890);
  });
});
