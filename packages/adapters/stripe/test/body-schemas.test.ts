import { fixtureBody, loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripeErrorBodySchema, stripeErrorObjectSchema, stripeOAuthErrorBodySchema } from '../src/schemas';
import { readStripeError, readStripeOAuthError } from '../src/stripe-error-body';

// src/schemas.ts declares Stripe's bodies; src/stripe-error-body.ts reads them at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

/** What the reader makes of a body the schema accepted: nulls read as absent, `doc_url` is not read. */
function expectedError(body: unknown): unknown {
  const { doc_url: _, ...members } = stripeErrorBodySchema.parse(body).error;
  return Object.fromEntries(Object.entries(members).map(([key, value]) => [key, value ?? undefined]));
}

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

describe('stripe body schemas and the run-time reader', () => {
  it.each(fixtures.map((f) => [f.name, fixtureBody(f)] as const))('%s matches the declared shape', (_, body) => {
    const error = (body as { error?: unknown } | undefined)?.error;
    if (typeof error === 'string') {
      const parsed = stripeOAuthErrorBodySchema.parse(body);
      expect(readStripeOAuthError(body)).toEqual({
        ...parsed,
        error_description: parsed.error_description ?? undefined,
      });
    } else if (error !== undefined) {
      expect(readStripeError(body)).toEqual(expectedError(body));
      expect(readStripeOAuthError(body)).toBeUndefined();
    } else {
      // A success: neither shape, for the schemas and the reader alike.
      expect(stripeErrorBodySchema.safeParse(body).success).toBe(false);
      expect(readStripeError(body) ?? readStripeOAuthError(body)).toBeUndefined();
    }
  });

  it(`reads every body the schema accepts as the schema does (seed ${SEED})`, () => {
    const keys = Object.keys(stripeErrorObjectSchema.shape) as (keyof typeof stripeErrorObjectSchema.shape)[];
    const member = fc.oneof(fc.string(), fc.constant(null), fc.jsonValue());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys, 'charge'), member), (error) => {
        const body = { error };
        if (stripeErrorBodySchema.safeParse(body).success) expect(readStripeError(body)).toEqual(expectedError(body));
        // Leniency the schema does not have: a member of another type costs that member only.
        for (const [key, value] of Object.entries(readStripeError(body) ?? {})) {
          expect(value).toBe(typeof error[key] === 'string' ? error[key] : undefined);
        }
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
