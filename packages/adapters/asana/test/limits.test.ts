import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { asanaLimits } from '../src/limits';

describe('asanaLimits', () => {
  it('every bucket cites the https page its numbers come from', () => {
    expect(uncitedBuckets(asanaLimits)).toEqual([]);
  });
});
