import { createClient, type LimitResponse } from '@rosetta/core';
import { createScriptedFetch, limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it, vi } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { zendesk } from '../src/index';
import { zendeskLimits } from '../src/limits';

const harness = limiterHarness(zendeskLimits, { request: { credentialKey: 'agent-a' } });
const { request, burst } = harness;

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

  it('a 429 naming an endpoint limit pauses that endpoint only; the account limit, or none named, the account', () => {
    const throttled = (scope: string | undefined): LimitResponse => ({
      status: 429,
      headers: { 'zendesk-ratelimit-tickets-index': 'total=100; remaining=0; resets=41' },
      body: undefined,
      now: Date.now(),
      rateLimit: { limit: 700, remaining: scope === 'account' ? 0 : 512 },
      throttle: { kind: 'rate_limited', retryAfterMs: 41_000, ...(scope === undefined ? {} : { scope }) },
    });
    const l = harness.limiter();
    harness.take(l, request('GET', '/tickets')).release(throttled('tickets-index'));
    expect(harness.admit(l, request('GET', '/tickets'))).toBeUndefined();
    expect(harness.admit(l, request('GET', '/users'))).toBeDefined();
    expect(harness.admit(l, request('POST', '/tickets'))).toBeDefined();
    for (const scope of ['account', undefined]) {
      const m = harness.limiter();
      harness.take(m, request('GET', '/tickets')).release(throttled(scope));
      expect(harness.admit(m, request('GET', '/users')), String(scope)).toBeUndefined();
      void m.close();
    }
    void l.close();
  });

  it('the endpoint bucket never paces below the highest plan (2,500 a minute)', () => {
    expect(burst([request('GET', '/tickets')])).toEqual([200]);
    expect(bucket('endpoint').limit).toBe(2_500);
  });
});

describe('through a client', () => {
  it('a tickets-index 429 holds GET /tickets, not the account’s other calls', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const t = createScriptedFetch([
        {
          status: 429,
          headers: {
            'retry-after': '41',
            'x-rate-limit': '700',
            'x-rate-limit-remaining': '512',
            'zendesk-ratelimit-tickets-index': 'total=100; remaining=0; resets=41',
          },
          body: '',
        },
        { status: 200, body: { users: [] } },
      ]);
      const client = createClient(zendesk, {
        baseUrl: 'https://acme.zendesk.com/api/v2',
        auth: { scheme: 'bearer', token: 'FAKE' },
        fetch: t.fetch,
        retry: false,
      });
      await expect(client.get('/tickets')).rejects.toMatchObject({ kind: 'rate_limited' });
      const other = client.get('/users').catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(10);
      expect(t.log).toEqual(['START GET /api/v2/tickets', 'START GET /api/v2/users']);
      await other;
      await client.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
