import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { twilioLimits } from '../src/limits';

describe('twilioLimits', () => {
  it('every bucket cites the https page its numbers come from', () => {
    expect(uncitedBuckets(twilioLimits)).toEqual([]);
  });
});
