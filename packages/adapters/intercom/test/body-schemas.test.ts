import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIntercomError } from '../src/intercom-error-body';
import { intercomErrorSchema } from '../src/schemas';

// src/schemas.ts declares Intercom's bodies; src/intercom-error-body.ts reads them at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

/** What the reader makes of a body the schema accepted: the members it reads. */
function expectedError(body: unknown): unknown {
  const { code, message } = intercomErrorSchema.parse(body);
  return { code, message };
}

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

describe('intercom body schemas and the run-time reader', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    if (typeof body !== 'object' || body === null) {
      // An HTML page, a text body or none: no error body, for the reader either.
      expect(readIntercomError(body)).toBeUndefined();
    } else if (fixture.expected === null) {
      // A success: no error shape, for the schema and the reader alike.
      expect(intercomErrorSchema.safeParse(body).success).toBe(false);
      expect(readIntercomError(body)).toBeUndefined();
    } else {
      expect(readIntercomError(body)).toEqual(expectedError(body));
    }
  });

  it(`reads every body the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.constant(null), fc.jsonValue());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('code', 'message', 'other'), member), (body) => {
        if (intercomErrorSchema.safeParse(body).success) expect(readIntercomError(body)).toEqual(expectedError(body));
        // Leniency the schema does not have: a member of another type costs that member only.
        const read = readIntercomError(body);
        if (read !== undefined) expect(read.message).toBe(typeof body.message === 'string' ? body.message : undefined);
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
