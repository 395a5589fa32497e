import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { notionLimits } from '../src/limits';

const { request, burst } = limiterHarness(notionLimits);

describe('notionLimits', () => {
  it('every bucket is valid and cites Notion’s request-limits page', () => {
    expect(uncitedBuckets(notionLimits)).toEqual([]);
    for (const bucket of notionLimits) {
      expect(validateBucket(bucket).source).toBe('https://developers.notion.com/reference/request-limits');
    }
  });

  it('admits one second of the documented 3 requests per second at once, per connection (token)', () => {
    expect(
      burst(['token-a', 'token-b'].map((credentialKey) => request('GET', '/v1/users', { credentialKey }))),
    ).toEqual([3, 3]);
  });
});
