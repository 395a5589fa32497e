import type { LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { endpointOf, issueOf, jiraLimits, quotaState } from '../src/limits';

const { request, burst } = limiterHarness(jiraLimits, {
  request: { credentialKey: 'key-a', credentialTag: 'api-token' },
});

describe('jiraLimits', () => {
  it('every bucket is valid and cites Atlassian’s rate-limiting page', () => {
    expect(uncitedBuckets(jiraLimits)).toEqual([]);
    for (const bucket of jiraLimits) {
      expect(validateBucket(bucket).source).toBe('https://developer.atlassian.com/cloud/jira/platform/rate-limiting/');
    }
  });

  it('admits one second of the burst rate per endpoint and method: 100 GETs, 50 PUTs (cost 2)', () => {
    const [gets, otherEndpoint, puts] = burst([
      request('GET', '/rest/api/3/project/search'),
      request('GET', '/rest/api/3/myself'),
      request('PUT', '/rest/api/3/project/FAKE1'),
    ]);
    expect([gets, otherEndpoint, puts]).toEqual([100, 100, 50]);
  });

  it('admits 20 writes to one issue at once (20 per 2 s), any number of reads, and other issues apart', () => {
    const [one, sameIssueLowerCase, other] = burst([
      request('POST', '/rest/api/3/issue/PROJ-1/comment'),
      request('PUT', '/rest/api/3/issue/proj-1'),
      request('POST', '/rest/api/3/issue/10001/comment'),
    ]);
    expect([one, sameIssueLowerCase, other]).toEqual([20, 0, 20]);
  });

  it('names the issue of a write, behind the OAuth gateway too, and nothing else', () => {
    expect(issueOf(request('PUT', '/rest/api/3/issue/PROJ-12'))).toBe('issue:PROJ-12');
    expect(issueOf(request('POST', '/ex/jira/FAKE-cloud/rest/api/2/issue/10001/transitions'))).toBe('issue:10001');
    expect(issueOf(request('DELETE', '/rest/agile/1.0/issue/ABC-1/estimation'))).toBe('issue:ABC-1');
    expect(issueOf(request('GET', '/rest/api/3/issue/PROJ-12'))).toBeNull();
    for (const path of ['/rest/api/3/issue/bulk', '/rest/api/3/issue', '/rest/api/3/issue/createmeta']) {
      expect(issueOf(request('POST', path)), path).toBeNull();
    }
  });

  it('folds ids and keys of a route into one endpoint, per credential and method', () => {
    expect(endpointOf(request('GET', '/rest/api/3/issue/PROJ-1'))).toBe(
      endpointOf(request('GET', '/rest/api/3/issue/PROJ-2')),
    );
    expect(endpointOf(request('GET', '/rest/api/3/issue/PROJ-1'))).not.toBe(
      endpointOf(request('PUT', '/rest/api/3/issue/PROJ-1')),
    );
    expect(endpointOf(request('GET', '/rest/api/3/issue/{key}'))).toBe('key-a GET /rest/api/{}/issue/{key}');
  });

  it('counts the points quota for apps (bearer tokens) only, not for API-token (email) traffic', () => {
    const quota = jiraLimits.find((b) => b.id === 'quota');
    expect(quota?.scope?.(request('GET', '/rest/api/3/myself', { credentialTag: 'app' }))).toBe('app');
    expect(quota?.scope?.(request('GET', '/rest/api/3/myself'))).toBeNull();
  });
});

describe('quotaState', () => {
  const response = (headers: Record<string, string>): LimitResponse => ({
    status: 200,
    headers,
    body: undefined,
    now: 1_000_000,
    rateLimit: undefined,
    throttle: undefined,
  });

  it('reads the enforced RateLimit fields of the app quota: q, r and t seconds', () => {
    const state = quotaState(
      response({
        'ratelimit-policy': '"global-app-quota";q=65000;w=3600',
        ratelimit: '"global-app-quota";r=11000;t=600',
      }),
    );
    expect(state).toEqual({ limit: 65_000, remaining: 11_000, resetAt: 1_000_000 + 600_000 });
  });

  it('finds the quota among several policies, and leaves remaining out when Jira does (well within limits)', () => {
    const state = quotaState(
      response({
        'ratelimit-policy': '"jira-burst-based";q=100;w=1, "tenant-app-quota";q=120000;w=3600',
        ratelimit: '"jira-burst-based";r=90;t=1,"tenant-app-quota";t=200',
      }),
    );
    expect(state).toEqual({ limit: 120_000, resetAt: 1_200_000 });
  });

  it('ignores Beta- headers (informational only) and responses without the fields', () => {
    expect(
      quotaState(response({ 'beta-ratelimit': '"global-app-quota";r=0;t=50', 'beta-retry-after': '50' })),
    ).toBeUndefined();
    expect(quotaState(response({ 'x-ratelimit-limit': '350', 'x-ratelimit-remaining': '349' }))).toBeUndefined();
  });
});
