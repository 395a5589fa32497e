import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { quickbooksBuilderQuota, quickbooksLimits } from '../src/limits';

const { request, burst } = limiterHarness(quickbooksLimits);
// The per-minute windows alone: without the per-second and in-flight caps, which bind first in a burst.
const minuteOnly = limiterHarness(quickbooksLimits.filter((b) => b.id === 'realm' || b.id === 'batch'));

const bucket = (id: string) => {
  const found = quickbooksLimits.find((b) => b.id === id);
  if (found === undefined) throw new Error(`no bucket ${id}`);
  return found;
};

describe('quickbooksLimits', () => {
  it('every bucket is valid and cites an Intuit page', () => {
    expect(uncitedBuckets([...quickbooksLimits, quickbooksBuilderQuota])).toEqual([]);
    for (const b of [...quickbooksLimits, quickbooksBuilderQuota]) {
      expect(validateBucket(b).source).toMatch(/^https:\/\/developer\.intuit\.com\//);
    }
  });

  it('admits 10 calls at once per realm and app (10 a second, 10 in flight); another token goes on', () => {
    expect(
      burst([
        request('GET', '/invoice/1'),
        request('GET', '/invoice/1'),
        request('GET', '/x', { credentialKey: 'token-b' }),
      ]),
    ).toEqual([10, 0, 10]);
  });

  it('keys a path that carries the realm by realm as well as token', () => {
    const scope = bucket('realm').scope;
    expect(scope?.(request('GET', '/company/123/invoice/1'))).toBe('token-a 123');
    expect(scope?.(request('GET', '/invoice/1'))).toBe('token-a');
  });

  it('admits 500 a minute and 40 batches a minute (without the per-second and in-flight caps)', () => {
    expect(minuteOnly.burst([request('GET', '/query'), request('POST', '/batch')])).toEqual([500, 0]);
    // Batches count against the minute too; `/company/1/...` is another realm, with windows of its own.
    expect(
      minuteOnly.burst([request('POST', '/batch'), request('POST', '/company/1/batch'), request('GET', '/query')]),
    ).toEqual([40, 40, 460]);
  });

  it('the batch bucket takes batches only', () => {
    expect(bucket('batch').scope?.(request('POST', '/invoice'))).toBeNull();
    expect(bucket('batch').scope?.(request('POST', '/batch'))).toBe('token-a');
  });

  it('the opt-in Builder quota counts every call of the client, whatever the token, to 500,000', () => {
    expect(quickbooksLimits.map((b) => b.id)).not.toContain(quickbooksBuilderQuota.id);
    expect(quickbooksBuilderQuota).toMatchObject({ model: 'quota', limit: 500_000 });
    expect(quickbooksBuilderQuota.scope?.(request('GET', '/a', { credentialKey: 'x' }))).toBe(
      quickbooksBuilderQuota.scope?.(request('GET', '/b', { credentialKey: 'y' })),
    );
  });
});
