import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { airtableLimits } from '../src/limits';

describe('airtableLimits', () => {
  it('every bucket cites the https page its numbers come from', () => {
    expect(uncitedBuckets(airtableLimits)).toEqual([]);
  });
});
