import type { LimitRequest, LimitResponse } from '@rosetta/core';
import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../core/src/limit/create-limiter';
import { isPermit } from '../../../core/src/limit/types';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { hubspotLimits } from '../src/limits';

const request = (method: string, path: string): LimitRequest => ({
  method,
  path,
  route: path,
  query: undefined,
  body: undefined,
  credentialKey: 'tok',
});
const contacts = request('GET', '/crm/v3/objects/contacts');
const search = request('POST', '/crm/v3/objects/contacts/search');

/** Calls admitted at once (no time passes). */
function burst(r: LimitRequest): number {
  const limiter = createLimiter(hubspotLimits, { maxQueued: 1_000, maxHoldMs: 60_000 });
  if (limiter === undefined) throw new Error('no limiter');
  let n = 0;
  let got = limiter.acquire(r);
  for (; isPermit(got); got = limiter.acquire(r)) n++;
  got.catch(() => undefined);
  void limiter.close();
  return n;
}

const response = (headers: Record<string, string>): LimitResponse => ({
  status: 200,
  headers,
  body: undefined,
  now: 0,
  rateLimit: undefined,
  throttle: undefined,
});
const bucket = (id: string) => hubspotLimits.find((b) => b.id === id);

describe('hubspotLimits', () => {
  it('every bucket is valid and cites the usage guidelines', () => {
    expect(uncitedBuckets(hubspotLimits)).toEqual([]);
    for (const b of hubspotLimits) {
      expect(validateBucket(b).source).toContain(
        'https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines',
      );
    }
  });

  it('admits 100 CRM calls per 10 s and 4 searches at once: search is exempt from the burst, not from the day', () => {
    expect(burst(contacts)).toBe(100);
    expect(burst(search)).toBe(4);
    expect(hubspotLimits.map((b) => [b.id, b.scope?.(contacts) ?? null, b.scope?.(search) ?? null])).toEqual([
      ['burst', 'tok', null],
      ['search', null, 'tok'],
      ['daily', null, null],
    ]);
    // The daily quota has no scope function: one key per credential, for every request.
    expect(bucket('daily')?.model).toBe('quota');
  });

  it('reads the burst from Max/Remaining and the day from Daily/Daily-Remaining, never one as the other', () => {
    const headers = {
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-remaining': '12',
      'x-hubspot-ratelimit-daily': '625000',
      'x-hubspot-ratelimit-daily-remaining': '600000',
    };
    expect(bucket('burst')?.observe?.(response(headers))).toEqual({ limit: 190, remaining: 12 });
    expect(bucket('daily')?.observe?.(response(headers))).toEqual({ limit: 625_000, remaining: 600_000 });
    expect(bucket('search')?.observe?.(response(headers))).toBeUndefined();
    // OAuth calls carry no daily pair; garbage counts as absent.
    expect(bucket('daily')?.observe?.(response({ 'x-hubspot-ratelimit-max': '100' }))).toBeUndefined();
    expect(
      bucket('burst')?.observe?.(response({ 'x-hubspot-ratelimit-max': '1e3', 'x-hubspot-ratelimit-remaining': '-1' })),
    ).toBeUndefined();
  });
});
