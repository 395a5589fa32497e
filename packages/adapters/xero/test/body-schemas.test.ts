import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readXeroError } from '../src/xero-error-body';
import { xeroErrorSchema } from '../src/schemas';

// src/schemas.ts declares Xero's bodies; src/xero-error-body.ts reads them at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

/** What the reader makes of a body the schema accepted: the members it reads. */
function expectedError(body: unknown): unknown {
  const { code, message } = xeroErrorSchema.parse(body);
  return { code, message };
}

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

describe('xero body schemas and the run-time reader', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    if (typeof body !== 'object' || body === null) {
      // An HTML page, a text body or none: no error body, for the reader either.
      expect(readXeroError(body)).toBeUndefined();
    } else if (fixture.expected === null) {
      // A success: no error shape, for the schema and the reader alike.
      expect(xeroErrorSchema.safeParse(body).success).toBe(false);
      expect(readXeroError(body)).toBeUndefined();
    } else {
      expect(readXeroError(body)).toEqual(expectedError(body));
    }
  });

  it(`reads every body the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.constant(null), fc.jsonValue());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('code', 'message', 'other'), member), (body) => {
        if (xeroErrorSchema.safeParse(body).success) expect(readXeroError(body)).toEqual(expectedError(body));
        // Leniency the schema does not have: a member of another type costs that member only.
        const read = readXeroError(body);
        if (read !== undefined) expect(read.message).toBe(typeof body.message === 'string' ? body.message : undefined);
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
