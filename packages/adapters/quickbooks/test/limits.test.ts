import type { LimitRequest } from '@rosetta/core';
import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../core/src/limit/create-limiter';
import { isPermit } from '../../../core/src/limit/types';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { quickbooksBuilderQuota, quickbooksLimits } from '../src/limits';

const request = (method: string, path: string, credentialKey = 'token-a'): LimitRequest => ({
  method,
  path,
  route: path,
  query: undefined,
  body: undefined,
  credentialKey,
});

const bucket = (id: string) => {
  const found = quickbooksLimits.find((b) => b.id === id);
  if (found === undefined) throw new Error(`no bucket ${id}`);
  return found;
};

/** Calls admitted at once (no time passes, permits never released), for each request in turn, on one limiter. */
function burst(requests: readonly LimitRequest[], buckets = quickbooksLimits): number[] {
  const limiter = createLimiter(buckets, { maxQueued: 10_000, maxHoldMs: 600_000 });
  if (limiter === undefined) throw new Error('no limiter');
  const counts = requests.map((r) => {
    let n = 0;
    let got = limiter.acquire(r);
    for (; isPermit(got); got = limiter.acquire(r)) {
      n++;
      if (n > 1_000) break;
    }
    // The call that had to wait is rejected by close(); that is expected here.
    if (!isPermit(got)) got.catch(() => undefined);
    return n;
  });
  void limiter.close();
  return counts;
}

describe('quickbooksLimits', () => {
  it('every bucket is valid and cites an Intuit page', () => {
    expect(uncitedBuckets([...quickbooksLimits, quickbooksBuilderQuota])).toEqual([]);
    for (const b of [...quickbooksLimits, quickbooksBuilderQuota]) {
      expect(validateBucket(b).source).toMatch(/^https:\/\/developer\.intuit\.com\//);
    }
  });

  it('admits 10 calls at once per realm and app (10 a second, 10 in flight); another token goes on', () => {
    expect(
      burst([request('GET', '/invoice/1'), request('GET', '/invoice/1'), request('GET', '/x', 'token-b')]),
    ).toEqual([10, 0, 10]);
  });

  it('keys a path that carries the realm by realm as well as token', () => {
    const scope = bucket('realm').scope;
    expect(scope?.(request('GET', '/company/123/invoice/1'))).toBe('token-a 123');
    expect(scope?.(request('GET', '/invoice/1'))).toBe('token-a');
  });

  it('admits 500 a minute and 40 batches a minute (without the per-second and in-flight caps)', () => {
    const minuteOnly = quickbooksLimits.filter((b) => b.id === 'realm' || b.id === 'batch');
    expect(burst([request('GET', '/query'), request('POST', '/batch')], minuteOnly)).toEqual([500, 0]);
    // Batches count against the minute too; `/company/1/...` is another realm, with windows of its own.
    expect(
      burst([request('POST', '/batch'), request('POST', '/company/1/batch'), request('GET', '/query')], minuteOnly),
    ).toEqual([40, 40, 460]);
  });

  it('the batch bucket takes batches only', () => {
    expect(bucket('batch').scope?.(request('POST', '/invoice'))).toBeNull();
    expect(bucket('batch').scope?.(request('POST', '/batch'))).toBe('token-a');
  });

  it('the opt-in Builder quota counts every call of the client, whatever the token, to 500,000', () => {
    expect(quickbooksLimits.map((b) => b.id)).not.toContain(quickbooksBuilderQuota.id);
    expect(quickbooksBuilderQuota).toMatchObject({ model: 'quota', limit: 500_000 });
    expect(quickbooksBuilderQuota.scope?.(request('GET', '/a', 'x'))).toBe(
      quickbooksBuilderQuota.scope?.(request('GET', '/b', 'y')),
    );
  });
});
