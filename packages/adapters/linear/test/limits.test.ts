import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { linearLimits } from '../src/limits';

describe('linearLimits', () => {
  it('every bucket cites the https page its numbers come from', () => {
    expect(uncitedBuckets(linearLimits)).toEqual([]);
  });
});
