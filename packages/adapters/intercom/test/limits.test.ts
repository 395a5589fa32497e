import type { LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { ownerOf } from '../../../core/src/limit/read-response';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { intercomLimits } from '../src/limits';

const { request, burst } = limiterHarness(intercomLimits);

const bucket = (id: string) => {
  const found = intercomLimits.find((b) => b.id === id);
  if (found === undefined) throw new Error(`no bucket ${id}`);
  return found;
};

describe('intercomLimits', () => {
  it('every bucket is valid and cites Intercom’s docs or its OpenAPI description', () => {
    expect(uncitedBuckets(intercomLimits)).toEqual([]);
    for (const b of intercomLimits) {
      expect(validateBucket(b).source).toMatch(
        /^https:\/\/(developers\.intercom\.com\/docs\/references\/2\.17\/rest-api\/errors\/(rate-limiting|error-codes)$|github\.com\/intercom\/Intercom-OpenAPI\/)/,
      );
    }
  });

  it('admits 1,666 calls per 10-second window (10,000 a minute) per token', () => {
    expect(burst([request('GET', '/contacts'), request('GET', '/contacts', { credentialKey: 'token-b' })])).toEqual([
      1_666, 1_666,
    ]);
    expect(bucket('app')).toMatchObject({ model: 'fixed-window', windowMs: 10_000 });
  });

  it('lets one export-starting request through at a time, and only those take the export bucket', () => {
    const scope = bucket('export-jobs').scope;
    expect(scope?.(request('POST', '/export/content/data'))).toBe('token-a');
    expect(scope?.(request('POST', '/export/reporting_data/enqueue'))).toBe('token-a');
    expect(scope?.(request('GET', '/export/content/data/FAKEjob'))).toBeNull();
    expect(scope?.(request('POST', '/export/cancel/FAKEjob'))).toBeNull();
    expect(scope?.(request('POST', '/contacts'))).toBeNull();
    expect(burst([request('POST', '/export/content/data')])).toEqual([1]);
  });

  it('gives the export-job 429 to the export bucket and any other 429 to the app window', () => {
    const throttled = (scope?: string): LimitResponse => ({
      status: 429,
      headers: {},
      body: undefined,
      now: 0,
      rateLimit: undefined,
      throttle: scope === undefined ? { kind: 'rate_limited' } : { kind: 'rate_limited', scope },
    });
    const exportRequest = intercomLimits.filter((b) => b.scope?.(request('POST', '/export/content/data')) !== null);
    expect(exportRequest.map((b) => b.id)).toEqual(['export-jobs', 'app', 'resource']);
    expect(ownerOf(exportRequest, throttled('export-jobs'))).toBe(0);
    expect(ownerOf(exportRequest, throttled())).toBe(1);
    expect(ownerOf(exportRequest, throttled('resource'))).toBe(2);
  });

  it('a too_many_requests 429 pauses that resource of that token only; the app’s other calls go on', async () => {
    const harness = limiterHarness(intercomLimits);
    const limiter = harness.limiter();
    const goesAtOnce = (path: string, credentialKey = 'token-a'): boolean => {
      const permit = harness.admit(limiter, harness.request('GET', path, { credentialKey }));
      permit?.release(undefined);
      return permit !== undefined;
    };
    expect(bucket('resource').scope?.(request('GET', '/conversations/FAKE1'))).toBe('token-a|/conversations/FAKE1');
    harness.take(limiter, harness.request('GET', '/conversations/FAKE1')).release({
      status: 429,
      headers: {},
      body: undefined,
      now: Date.now(),
      rateLimit: undefined,
      throttle: { kind: 'rate_limited', retryAfterMs: 5_000, scope: 'resource' },
    });
    expect(goesAtOnce('/conversations/FAKE1')).toBe(false);
    expect(goesAtOnce('/conversations/FAKE2')).toBe(true);
    expect(goesAtOnce('/contacts')).toBe(true);
    expect(goesAtOnce('/conversations/FAKE1', 'token-b')).toBe(true);
    await limiter.close();
  });
});
