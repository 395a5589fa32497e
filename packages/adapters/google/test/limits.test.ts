import { createClient, type LimitResponse } from '@rosetta/core';
import {
  type AdapterFixture,
  createScriptedFetch,
  limiterHarness,
  loadFixtures,
  uncitedBuckets,
} from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ownerOf } from '../../../core/src/limit/read-response';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { google } from '../src/index';
import { googleLimits } from '../src/limits';

const harness = limiterHarness(googleLimits);
const request = (credentialKey: string) => harness.request('GET', '/drive/v3/files', { credentialKey });

const throttle = (scope?: string, kind: 'rate_limited' | 'quota_exceeded' = 'rate_limited', code?: string) =>
  ({
    status: 429,
    headers: {},
    body: undefined,
    now: 0,
    rateLimit: undefined,
    throttle: { kind, ...(scope === undefined ? {} : { scope }), ...(code === undefined ? {} : { code }) },
  }) satisfies LimitResponse;

describe('googleLimits', () => {
  it('every bucket is valid and cites Drive’s usage-limits page', () => {
    expect(uncitedBuckets(googleLimits)).toEqual([]);
    for (const bucket of googleLimits) {
      expect(validateBucket(bucket).source).toBe('https://developers.google.com/workspace/drive/api/guides/limits');
    }
    expect(googleLimits.map((b) => [b.id, b.limit, b.windowMs])).toEqual([
      ['project', 12_000, 60_000],
      ['user', 12_000, 60_000],
    ]);
  });

  it('keys `user` per credential and `project` once for the whole client', () => {
    const [project, user] = googleLimits;
    expect(user?.scope).toBeUndefined();
    expect(project?.scope?.(request('a'))).toBe('project');
    expect(project?.scope?.(request('b'))).toBe('project');
  });

  it('gives a per-project quota throttle to `project`, every other rate limit to `user`', () => {
    expect(ownerOf(googleLimits, throttle('ReadsPerMinutePerProject'))).toBe(0);
    expect(ownerOf(googleLimits, throttle('GenerateRequestsPerMinutePerProjectPerModel-FreeTier'))).toBe(0);
    expect(ownerOf(googleLimits, throttle('GenerateRequestsPerDayPerProjectPerModel-FreeTier', 'quota_exceeded'))).toBe(
      0,
    );
    expect(ownerOf(googleLimits, throttle('ReadRequestsPerMinutePerProjectPerUser'))).toBe(1);
    expect(ownerOf(googleLimits, throttle(undefined, 'rate_limited', 'userRateLimitExceeded'))).toBe(1);
    expect(ownerOf(googleLimits, throttle())).toBe(1);
  });

  it('gives a per-project rate limit to `user` when `project` is turned off', () => {
    const user = googleLimits.filter((b) => b.id === 'user');
    expect(ownerOf(user, throttle('ReadsPerMinutePerProject'))).toBe(0);
  });

  it('gives no bucket a Drive cap, the sharing limit or a resource quota; a daily limit still pauses one', () => {
    for (const code of [
      'storageQuotaExceeded',
      'activeItemCreationLimitExceeded',
      'numChildrenInNonRootLimitExceeded',
      'teamDriveFileLimitExceeded',
      'sharingRateLimitExceeded',
    ]) {
      expect(ownerOf(googleLimits, throttle(undefined, 'quota_exceeded', code)), code).toBe(-1);
    }
    // error_reason.proto's two RESOURCE_QUOTA_EXCEEDED examples; Compute's 403 QUOTA_EXCEEDED (quotas/troubleshoot).
    for (const [scope, code] of [
      ['VMsPerProject', 'RESOURCE_QUOTA_EXCEEDED'],
      ['jobs-per-organization', 'RESOURCE_QUOTA_EXCEEDED'],
      [undefined, 'QUOTA_EXCEEDED'],
    ] as const) {
      expect(ownerOf(googleLimits, throttle(scope, 'quota_exceeded', code)), code).toBe(-1);
      expect(ownerOf(googleLimits.slice(1), throttle(scope, 'quota_exceeded', code)), code).toBe(-1);
    }
    // A per-day RATE_LIMIT_EXCEEDED (core reads it as a quota) keeps pausing `project`.
    expect(ownerOf(googleLimits, throttle('defaultPerDayPerProject', 'quota_exceeded', 'RATE_LIMIT_EXCEEDED'))).toBe(0);
    // Every call meets a spent daily limit: none is sent until the window rolls (docs/benchmarks.md, google-daily).
    expect(ownerOf(googleLimits, throttle(undefined, 'quota_exceeded', 'dailyLimitExceeded'))).toBe(1);
    expect(ownerOf(googleLimits, throttle(undefined, 'quota_exceeded', 'quotaExceeded'))).toBe(1);
  });

  it('admits a sliding minute of 12,000 calls at once, and the project bucket caps all credentials together', () => {
    expect(harness.burst([request('a'), request('b')])).toEqual([12_000, 0]);
  });
});

describe('a throttle answer over HTTP, with the default buckets', () => {
  const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
  const list = '/compute/v1/projects/FAKE/zones/us-east1-b/instances';

  /**
   * A call that meets the fixture `refusal`, then a read of the same client: how each ends, what was sent at once, and
   * what was sent in all.
   */
  async function afterRefusal(refusal: string) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const { status, body } = (fixtures.find((f) => f.name === refusal) as AdapterFixture).response;
    const t = createScriptedFetch([
      { status, body },
      { status: 200, body: { items: [] } },
    ]);
    const client = createClient(google, { auth: { token: 'FAKE-token' }, fetch: t.fetch, retry: false });
    const first = await client.post(list, { body: {} }).catch((e: unknown) => e);
    const read = client.get(list).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    const atOnce = [...t.log];
    await vi.advanceTimersByTimeAsync(60_000);
    const second = await read;
    await client.close();
    return { first, second, atOnce, log: t.log };
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('Gmail’s daily sending cap ("(Mail sending)") fails the send and holds back no read of the mailbox', async () => {
    const { first, second, atOnce } = await afterRefusal('rate-limited-docs-gmail-mail-sending-429');
    expect(first).toMatchObject({ kind: 'rate_limited', code: 'rateLimitExceeded', attempts: 1 });
    expect(second).toEqual({ items: [] });
    expect(atOnce).toEqual([`START POST ${list}`, `START GET ${list}`]);
  });

  it('a resource quota (RESOURCE_QUOTA_EXCEEDED, VMsPerProject) fails its call and holds back no other', async () => {
    const { first, second, atOnce } = await afterRefusal('cloud-resource-quota-exceeded-429');
    expect(first).toMatchObject({ kind: 'quota_exceeded', code: 'RESOURCE_QUOTA_EXCEEDED', attempts: 1 });
    expect(second).toEqual({ items: [] });
    expect(atOnce).toEqual([`START POST ${list}`, `START GET ${list}`]);
  });

  it('a spent per-day project quota fails the read without sending it; a per-minute rate holds it back', async () => {
    const daily = await afterRefusal('gemini-per-day-quota-429');
    expect(daily.first).toMatchObject({ kind: 'quota_exceeded', attempts: 1 });
    expect(daily.second).toMatchObject({ kind: 'quota_exceeded', attempts: 0 });
    expect(daily.log).toEqual([`START POST ${list}`]);
    vi.useRealTimers();
    const minute = await afterRefusal('cloud-rate-limit-per-minute-429');
    expect(minute.first).toMatchObject({ kind: 'rate_limited', code: 'RATE_LIMIT_EXCEEDED', attempts: 1 });
    expect(minute.atOnce).toEqual([`START POST ${list}`]);
    expect(minute.second).toEqual({ items: [] });
  });
});
