import type { LimitRequest, LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { estimateComplexity, linearLimits } from '../src/limits';

const request = (path: string, body?: unknown): LimitRequest => ({
  method: 'POST',
  path,
  route: path,
  query: undefined,
  body,
  credentialKey: 'key',
});
const response = (headers: Record<string, string>): LimitResponse => ({
  status: 200,
  headers,
  body: undefined,
  now: 1_000,
  rateLimit: undefined,
  throttle: undefined,
});
const bucket = (id: string) => {
  const found = linearLimits.find((b) => b.id === id);
  if (found === undefined) throw new Error(id);
  return found;
};

describe('linearLimits', () => {
  it('every bucket is valid and cites Linear’s rate-limiting page', () => {
    expect(uncitedBuckets(linearLimits)).toEqual([]);
    for (const b of linearLimits) expect(validateBucket(b).source).toBe('https://linear.app/developers/rate-limiting');
    expect(bucket('requests')).toMatchObject({ model: 'token-bucket', burst: 1_500, ratePerSec: 1_500 / 3_600 });
    expect(bucket('complexity')).toMatchObject({ model: 'cost-bucket', burst: 250_000, ratePerSec: 250_000 / 3_600 });
  });

  it('both budgets apply per credential to /graphql only', () => {
    for (const b of [bucket('requests'), bucket('complexity')]) {
      expect(b.scope?.(request('/graphql'))).toBe('key');
      expect(b.scope?.(request('/oauth/token'))).toBeNull();
    }
  });

  it('reads each budget from its own headers (epoch-ms reset), ignoring malformed values', () => {
    const headers = {
      'x-ratelimit-requests-limit': '5000',
      'x-ratelimit-requests-remaining': '4999',
      'x-ratelimit-requests-reset': '1733302464386',
      'x-ratelimit-complexity-limit': '3000000',
      'x-ratelimit-complexity-remaining': '2999000',
      'x-ratelimit-complexity-reset': '1733302464000',
    };
    expect(bucket('requests').observe?.(response(headers))).toEqual({
      limit: 5000,
      remaining: 4999,
      resetAt: 1733302464386,
    });
    expect(bucket('complexity').observe?.(response(headers))).toEqual({
      limit: 3_000_000,
      remaining: 2_999_000,
      resetAt: 1733302464000,
    });
    expect(bucket('requests').observe?.(response({}))).toBeUndefined();
    expect(
      bucket('requests').observe?.(
        response({ 'x-ratelimit-requests-remaining': 'x', 'x-ratelimit-requests-limit': '-1' }),
      ),
    ).toBeUndefined();
  });

  it('guesses a query’s complexity from its connection sizes, at most 10,000', () => {
    const gql = (query: unknown, variables?: unknown) => estimateComplexity(request('/graphql', { query, variables }));
    expect(gql('{ viewer { id } }')).toBe(1);
    expect(gql('{ issues(first: 10) { nodes { id } } }')).toBe(11);
    expect(gql('query($n: Int) { issues(last: $n) { nodes { id } } }', { n: 50 })).toBe(51);
    expect(gql('{ a(first: 9000) { nodes { b(first: 9000) { id } } } }')).toBe(10_000);
    expect(gql(undefined)).toBe(1);
    expect(bucket('complexity').cost).toBe(estimateComplexity);
  });
});

describe('an operation’s own budget (endpoint)', () => {
  const op = (query: string) => request('/graphql', { query });
  const create = op('mutation { issueCreate(input: { title: "FAKE" }) { success } }');

  it('is one key per credential and operation, alias skipped, and only on /graphql', () => {
    const scope = bucket('endpoint').scope;
    expect(scope?.(create)).toBe('key|issueCreate');
    expect(scope?.(op('mutation Make($i: IssueCreateInput!) { made: issueCreate(input: $i) { success } }'))).toBe(
      'key|issueCreate',
    );
    expect(scope?.(op('{ viewer { id } }'))).toBe('key|viewer');
    expect(scope?.(request('/oauth/token'))).toBeNull();
  });

  it('a RATELIMITED on a spent endpoint budget pauses that operation only; other queries go on', async () => {
    const harness = limiterHarness(linearLimits);
    const limiter = harness.limiter();
    const goesAtOnce = (r: LimitRequest): boolean => {
      const permit = harness.admit(limiter, r);
      permit?.release(undefined);
      return permit !== undefined;
    };
    harness.take(limiter, create).release({
      ...response({ 'x-ratelimit-endpoint-requests-remaining': '0' }),
      status: 400,
      now: Date.now(),
      throttle: { kind: 'rate_limited', retryAfterMs: 30_000, scope: 'endpoint' },
    });
    expect(goesAtOnce(op('mutation { issueCreate(input: {}) { success } }'))).toBe(false);
    expect(goesAtOnce(op('{ viewer { id } }'))).toBe(true);
    expect(goesAtOnce(op('mutation { commentCreate(input: {}) { success } }'))).toBe(true);
    await limiter.close();
  });

  it('a RATELIMITED on the requests budget still pauses every query of the credential', async () => {
    const harness = limiterHarness(linearLimits);
    const limiter = harness.limiter();
    harness.take(limiter, create).release({
      ...response({}),
      status: 400,
      now: Date.now(),
      throttle: { kind: 'rate_limited', retryAfterMs: 30_000, scope: 'requests' },
    });
    expect(harness.admit(limiter, op('{ viewer { id } }'))).toBeUndefined();
    await limiter.close();
  });
});
