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
// A fixed seed, printed in the suite's name, so a red run replays as it was; `ROSETTA_FUZZ_SEED` explores others
// (bench/fuzz.ts runs the same generator 100,000 times per adapter).
const SEED = Number(process.env.ROSETTA_FUZZ_SEED ?? 20_261_128);
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
      if (failure !== undefined && failures.length < 5)
        failures.push(`#${i} (${family}, status ${input.status}): ${failure}`);
    }
    expect(failures).toEqual([]);
    // The run did reach every family of input, so a generator change cannot quietly narrow it.
    expect(families.size).toBe(14);
  });
});

describe('regressions found by bench/fuzz.ts', () => {
  it('seed 1 #4071: a Stripe OAuth error named after an Object.prototype member does not crash', () => {
    for (const error of ['hasOwnProperty', 'toString', 'constructor', '__proto__', 'valueOf']) {
      const input = {
        status: 400,
        body: { error, error_description: 'x' },
        url: 'https://connect.stripe.com/oauth/token',
      };
      expect(checkNormalized(stripe, input)).toBeUndefined();
      expect(
        checkNormalized(stripe, {
          status: 400,
          body: { error: { type: error } },
          url: 'https://api.stripe.com/v2/core/x',
        }),
      ).toBeUndefined();
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

describe('regressions found by bench/fuzz.ts (bounds)', () => {
  it('seed 1 #39694: a 1 MB Stripe code or message makes a short message and a bounded JSON', () => {
    const huge = 'x'.repeat(1_000_000);
    for (const error of [
      { type: 'card_error', code: huge },
      { type: 'api_error', message: huge, decline_code: huge },
      { error: huge, error_description: huge },
    ]) {
      const body = 'type' in error ? { error } : error;
      expect(checkNormalized(stripe, { status: 409, body })).toBeUndefined();
      const err = normalizeResponse(stripe, { status: 402, body });
      expect(err?.message.length).toBeLessThan(1_000);
      expect(JSON.stringify(err).length).toBeLessThan(20_000);
    }
  });
});

describe('regressions found by bench/fuzz.ts (field errors)', () => {
  it('seed 1 #26962: a 1 MB Stripe param gives bounded field errors', () => {
    const body = { error: { type: 'invalid_request_error', message: 'bad', param: 'p'.repeat(1_000_000) } };
    expect(checkNormalized(stripe, { status: 400, body })).toBeUndefined();
    const err = normalizeResponse(stripe, { status: 400, body });
    expect(err?.kind).toBe('validation');
    expect(err?.fieldErrors[0]?.path.length).toBeLessThanOrEqual(200);
  });

  it('core keeps at most 50 well-formed field errors from a hook', () => {
    const many = defineAdapter({
      id: 'many',
      displayName: 'Many',
      baseUrl: 'https://api.many.test',
      classify: () => ({
        kind: 'validation',
        fieldErrors: [
          null,
          { path: 1 },
          ...Array.from({ length: 500 }, (_, i) => ({ path: `f${i}`, message: 'm'.repeat(10_000) })),
        ] as never,
      }),
    });
    const err = normalizeResponse(many, { status: 422 });
    expect(err?.fieldErrors).toHaveLength(50);
    expect(err?.fieldErrors[0]).toEqual({ path: 'f0', message: 'm'.repeat(500) });
  });
});
