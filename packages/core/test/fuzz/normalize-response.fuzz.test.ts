// A few thousand hostile responses per adapter on every run; bench/fuzz.ts runs the same generator
// 100,000 times per adapter. A failure prints the seed and index that replay it.
import { github } from '@rosetta/github';
import { slack } from '@rosetta/slack';
import { stripe } from '@rosetta/stripe';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { genericAdapter } from '../../src/adapter/generic-adapter';
import type { Adapter, ClassifyVerdict } from '../../src/adapter/types';
import { normalizeResponse } from '../../src/classify/normalize-response';
import { checkNormalized } from './check-normalized';
import { createResponseGenerator } from './generate-response';

const CASES = 2_000;
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
    const next = createResponseGenerator({ seed: SEED, hugeChars: 100_000, maxDepth: 100_000 });
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

describe('regressions found by bench/fuzz.ts', () => {
  it('seed 1 #4071: a Stripe OAuth error named after an Object.prototype member does not crash', () => {
    for (const error of ['hasOwnProperty', 'toString', 'constructor', '__proto__', 'valueOf']) {
      const input = { status: 400, body: { error, error_description: 'x' }, url: 'https://connect.stripe.com/oauth/token' };
      expect(checkNormalized(stripe, input)).toBeUndefined();
      expect(checkNormalized(stripe, { status: 400, body: { error: { type: error } }, url: 'https://api.stripe.com/v2/core/x' })).toBeUndefined();
    }
  });

  it('core ignores verdict members of the wrong type from any hook', () => {
    const sloppy = defineAdapter({
      id: 'sloppy',
      displayName: 'Sloppy',
      baseUrl: 'https://api.sloppy.test',
      classify: ({ body }) => body as ClassifyVerdict,
    });
    const verdicts = [
      { kind: Object.prototype.hasOwnProperty },
      { kind: 'not_a_kind', retryable: 'yes' },
      { retryAfterMs: Number.NaN, kind: 'rate_limited' },
      { retryAfterMs: -5_000, kind: 'rate_limited' },
      { code: 42, message: { nested: true } },
    ];
    for (const verdict of verdicts) {
      expect(checkNormalized(sloppy, { status: 200, body: verdict })).toBeUndefined();
      const err = normalizeResponse(sloppy, { status: 503, body: verdict });
      expect(err?.kind).toMatch(/^(unavailable|rate_limited)$/);
      expect(typeof err?.retryable).toBe('boolean');
    }
  });
});
