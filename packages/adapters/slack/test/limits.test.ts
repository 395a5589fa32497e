import type { LimitRequest } from '@rosetta/core';
import { limiterHarness } from '@rosetta/testkit';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { slackLimits, slackTierOf } from '../src/limits';

const harness = limiterHarness(slackLimits, { request: { credentialKey: 'xoxb' } });
const call = (method: string, body?: Record<string, unknown>): LimitRequest =>
  harness.request('POST', `/${method}`, { body });
const ids = (r: LimitRequest) =>
  slackLimits.filter((b) => (b.scope === undefined ? r.credentialKey : b.scope(r)) !== null).map((b) => b.id);

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('slackLimits', () => {
  it('every bucket is valid and cites its source', () => {
    for (const bucket of slackLimits) expect(validateBucket(bucket).source).toMatch(/^https:\/\//);
  });

  it('maps methods to the tiers of Slack’s own table; unlisted methods are Tier 2', () => {
    expect(slackTierOf('conversations.history')).toBe(3);
    expect(slackTierOf('users.info')).toBe(4);
    expect(slackTierOf('rtm.connect')).toBe(1);
    expect(slackTierOf('auth.test')).toBe(600);
    expect(slackTierOf('users.list')).toBe(2);
    expect(slackTierOf('some.new.method')).toBe(2);
    expect(slackTierOf('constructor')).toBe(2);
    expect(ids(call('conversations.history'))).toEqual(['tier3']);
    expect(ids(call('chat.postMessage', { channel: 'C1' }))).toEqual(['post-message', 'post-message-workspace']);
  });

  it('each method is its own window: a busy Tier 2 method does not hold another', () => {
    expect(harness.burst([call('users.list'), call('emoji.list')])).toEqual([20, 20]);
  });

  it('chat.postMessage: one per second per channel, channels in parallel', async () => {
    const limiter = harness.limiter();
    expect(harness.admit(limiter, call('chat.postMessage', { channel: 'C1' }))).toBeDefined();
    expect(harness.admit(limiter, call('chat.postMessage', { channel: 'C2' }))).toBeDefined();
    const second = limiter.acquire(call('chat.postMessage', { channel: 'C1' }));
    expect(second).toBeInstanceOf(Promise);
    let at = 0;
    void Promise.resolve(second).then(() => {
      at = Date.now();
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(at).toBe(1_001_000);
  });
});
