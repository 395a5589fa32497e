import type { LimitRequest, LimitResponse } from '@rosetta/core';
import { uncitedBuckets } from '@rosetta/testkit';
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
    for (const b of linearLimits) {
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
