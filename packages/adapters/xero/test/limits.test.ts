import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { xeroLimits } from '../src/limits';

describe('xeroLimits', () => {
  it('every bucket cites the https page its numbers come from', () => {
    expect(uncitedBuckets(xeroLimits)).toEqual([]);
  });
});
