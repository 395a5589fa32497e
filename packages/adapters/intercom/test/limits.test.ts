import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { intercomLimits } from '../src/limits';

describe('intercomLimits', () => {
  it('every bucket cites the https page its numbers come from', () => {
    expect(uncitedBuckets(intercomLimits)).toEqual([]);
  });
});
