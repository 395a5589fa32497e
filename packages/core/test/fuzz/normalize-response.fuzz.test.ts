// A few thousand hostile responses per adapter on every run; bench/fuzz.ts runs the same generator
// 100,000 times per adapter. A failure prints the seed and index that replay it.
import { github } from '@rosetta/github';
import { slack } from '@rosetta/slack';
import { stripe } from '@rosetta/stripe';
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../src/adapter/generic-adapter';
import type { Adapter } from '../../src/adapter/types';
import { checkNormalized } from './check-normalized';
import { createResponseGenerator } from './generate-response';

const CASES = 2_500;
// A new seed per day spreads CI runs over the space; a failure names the seed to replay.
const SEED = Number(process.env.ROSETTA_FUZZ_SEED ?? Math.floor(Date.now() / 86_400_000));
const ADAPTERS: ReadonlyArray<readonly [string, Adapter]> = [
  ['stripe', stripe],
  ['github', github],
  ['slack', slack],
  ['generic', genericAdapter],
];

describe(`normalizeResponse survives hostile responses (seed ${SEED})`, () => {
  it.each(ADAPTERS)('%s: no crash, always null or a well-formed ApiError', (_name, adapter) => {
    const next = createResponseGenerator({ seed: SEED, hugeChars: 200_000, maxDepth: 100_000 });
    const failures: string[] = [];
    const families = new Set<string>();
    for (let i = 0; i < CASES; i++) {
      const { family, input } = next();
      families.add(family);
      const failure = checkNormalized(adapter, input);
      if (failure !== undefined && failures.length < 5) failures.push(`#${i} (${family}, status ${input.status}): ${failure}`);
    }
    expect(failures).toEqual([]);
    // The run did reach every family of input, so a generator change cannot quietly narrow it.
    expect(families.size).toBe(14);
  });
});
