import type { LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { zendeskLimits } from '../src/limits';

const { request, burst } = limiterHarness(zendeskLimits, { request: { credentialKey: 'agent-a' } });

const bucket = (id: string) => {
  const found = zendeskLimits.find((b) => b.id === id);
  if (found === undefined) throw new Error(`no bucket ${id}`);
  return found;
};

describe('zendeskLimits', () => {
  it('every bucket is valid and cites Zendesk’s rate-limits page', () => {
    expect(uncitedBuckets(zendeskLimits)).toEqual([]);
    for (const b of zendeskLimits) {
      expect(validateBucket(b).source).toMatch(
        /^https:\/\/developer\.zendesk\.com\/api-reference\/introduction\/rate-limits\//,
      );
    }
  });

  it('admits the Team plan’s 200 a minute per account, Help Center apart', () => {
    expect(burst([request('GET', '/tickets'), request('GET', '/help_center/articles')])).toEqual([200, 200]);
  });

  it('admits 30 updates to one ticket by one user, then another ticket or user goes on', () => {
    expect(
      burst([
        request('PUT', '/tickets/1'),
        request('PUT', '/tickets/1.json'),
        request('PUT', '/tickets/2/tags'),
        request('PUT', '/tickets/1', { credentialKey: 'agent-b' }),
      ]),
    ).toEqual([30, 0, 30, 30]);
  });

  it('admits 100 ticket updates a minute per account, 10 incremental exports, 30 job-queueing calls', () => {
    const updates = Array.from({ length: 5 }, (_, i) => request('PUT', `/tickets/${i + 10}`));
    expect(burst(updates)).toEqual([30, 30, 30, 10, 0]);
    expect(burst([request('GET', '/incremental/tickets/cursor')])).toEqual([10]);
    expect(burst([request('PUT', '/tickets/update_many.json'), request('POST', '/users/create_many')])).toEqual([
      30, 0,
    ]);
  });

  it('a GET of a ticket, or a PUT of something else, takes no ticket-update bucket', () => {
    const scope = bucket('update-ticket').scope;
    expect(scope?.(request('GET', '/tickets/1'))).toBeNull();
    expect(scope?.(request('PUT', '/users/1'))).toBeNull();
    expect(scope?.(request('PUT', '/tickets/update_many'))).toBeNull();
    expect(scope?.(request('PUT', '/tickets/7/tags'))).toBe('agent-a 7');
  });

  it('admits 5 updates a minute to one user, then another user goes on; reads and bulk updates take no slot', () => {
    expect(burst([request('PUT', '/users/7'), request('PUT', '/users/7.json'), request('PUT', '/users/8')])).toEqual([
      5, 0, 5,
    ]);
    const scope = bucket('update-user').scope;
    expect(scope?.(request('GET', '/users/7'))).toBeNull();
    expect(scope?.(request('PUT', '/users/update_many'))).toBeNull();
    expect(scope?.(request('PUT', '/users/7', { credentialKey: 'agent-b' }))).toBe('agent-b 7');
  });

  // support.zendesk.com/hc/en-us/articles/4422518967706: "a rate limit of 5 requests per minute for the Update
  // organizations endpoint", aligned with the per-user limit of Update User.
  it('admits 5 updates a minute to one organization, then another organization goes on; users are apart', () => {
    expect(
      burst([
        request('PUT', '/organizations/7'),
        request('PUT', '/organizations/7.json'),
        request('PUT', '/organizations/8'),
        request('PUT', '/users/7'),
      ]),
    ).toEqual([5, 0, 5, 5]);
    const scope = bucket('update-organization').scope;
    expect(scope?.(request('GET', '/organizations/7'))).toBeNull();
    expect(scope?.(request('PUT', '/users/7'))).toBeNull();
    expect(scope?.(request('PUT', '/organizations/update_many'))).toBeNull();
    expect(scope?.(request('PUT', '/organizations/7', { credentialKey: 'agent-b' }))).toBe('agent-b 7');
    expect(bucket('update-user').scope?.(request('PUT', '/organizations/7'))).toBeNull();
  });

  it('reads the job limit from zendesk-ratelimit-inflight-jobs, and no state into endpoint buckets', () => {
    const response = (headers: Record<string, string>): LimitResponse => ({
      status: 200,
      headers,
      body: undefined,
      now: 1_000,
      rateLimit: { limit: 700, remaining: 699 },
      throttle: undefined,
    });
    expect(
      bucket('inflight-jobs').observe?.(
        response({ 'zendesk-ratelimit-inflight-jobs': 'total=30; remaining=29; resets=60' }),
      ),
    ).toEqual({
      limit: 30,
      remaining: 29,
      resetAt: 61_000,
    });
    expect(bucket('inflight-jobs').observe?.(response({}))).toBeUndefined();
    for (const id of [
      'update-ticket',
      'update-ticket-account',
      'incremental-exports',
      'update-user',
      'update-organization',
    ]) {
      expect(bucket(id).observe?.(response({})), id).toBeUndefined();
    }
  });
});
