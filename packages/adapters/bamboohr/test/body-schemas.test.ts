import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBamboohrError, readHeaderMessage } from '../src/bamboohr-error-body';
import { bamboohrProblemSchema, bamboohrWrappedErrorSchema } from '../src/schemas';

// src/schemas.ts declares BambooHR's bodies; src/bamboohr-error-body.ts reads them at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

/** What the reader makes of a body one of the schemas accepted. */
function expectedError(body: unknown): unknown {
  const wrapped = bamboohrWrappedErrorSchema.safeParse(body);
  if (wrapped.success) return { code: undefined, message: wrapped.data.error.message, fieldErrors: [] };
  const p = bamboohrProblemSchema.parse(body);
  const fieldErrors = Object.entries(p.fields ?? {}).map(([path, message]) => ({ path, message }));
  return { code: p.code, message: p.detail ?? p.title, fieldErrors };
}

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

describe('bamboohr body schemas and the run-time reader', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    if (typeof body !== 'object' || body === null) {
      // No body (the legacy errors: the message is in a header) or XML text: no error body, for the reader either.
      expect(readBamboohrError(body)).toBeUndefined();
    } else if (fixture.expected === null) {
      expect(readBamboohrError(body)).toBeUndefined();
    } else {
      const shaped =
        bamboohrWrappedErrorSchema.safeParse(body).success || bamboohrProblemSchema.safeParse(body).success;
      expect(shaped).toBe(true);
      expect(readBamboohrError(body)).toEqual(expectedError(body));
    }
  });

  it(`reads every problem body the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.constant(null), fc.integer(), fc.dictionary(fc.string(), fc.string()));
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('title', 'detail', 'code', 'fields', 'status', 'other'), member),
        (body) => {
          const read = readBamboohrError(body);
          if (bamboohrProblemSchema.safeParse(body).success && read !== undefined)
            expect(read).toEqual(expectedError(body));
          // Leniency the schema does not have: a member of another type costs that member only.
          if (read !== undefined) expect(read.code).toBe(typeof body.code === 'string' ? body.code : undefined);
        },
      ),
      { seed: SEED },
    );
  });

  it('reads the message header under both spellings, each repeated message once', () => {
    expect(readHeaderMessage({ 'x-bamboohr-error-message': 'a, b, a' })).toBe('a, b');
    expect(readHeaderMessage({ 'x-bamboohr-error-messsage': 'only the misspelled one' })).toBe(
      'only the misspelled one',
    );
    expect(readHeaderMessage({ 'x-bamboohr-error-message': '' })).toBeUndefined();
    expect(readHeaderMessage({})).toBeUndefined();
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
