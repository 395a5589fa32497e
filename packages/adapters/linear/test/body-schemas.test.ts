import { readGraphqlErrors } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLinearError } from '../src/linear-error-body';
import { linearGraphqlBodySchema, linearGraphqlErrorSchema } from '../src/schemas';

// src/schemas.ts declares Linear's answers; core's readGraphqlErrors and src/linear-error-body.ts read them at run
// time without zod. Every fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the
// schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261128;

/** What the readers make of one error item the schema accepted. */
function expectedError(item: unknown): unknown {
  const e = linearGraphqlErrorSchema.parse(item);
  return {
    message: e.message,
    type: e.extensions?.type,
    code: e.extensions?.code,
    userPresentableMessage: e.extensions?.userPresentableMessage,
    statusCode: e.extensions?.statusCode,
    path: e.path,
  };
}

const readAll = (body: unknown) => readGraphqlErrors(body)?.errors.map(readLinearError);

describe('linear body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    if (typeof body !== 'object' || body === null) {
      // An edge page or a text body: no GraphQL answer for the readers either.
      expect(readGraphqlErrors(body)).toBeUndefined();
      return;
    }
    const parsed = linearGraphqlBodySchema.parse(body);
    expect(readAll(body)).toEqual((parsed.errors ?? []).map(expectedError));
    // A success has data and no errors (the SDK's rule); every error fixture has errors, or no data.
    if (fixture.expected === null) expect(parsed.errors === undefined && parsed.data != null).toBe(true);
    else expect(parsed.errors !== undefined || parsed.data == null).toBe(true);
  });

  it(`reads every error item the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue());
    const extKeys = ['type', 'code', 'userError', 'userPresentableMessage', 'statusCode', 'other'];
    const item = fc.record(
      {
        message: member,
        path: fc.oneof(fc.array(fc.oneof(fc.string(), fc.integer())), member),
        extensions: fc.oneof(fc.dictionary(fc.constantFrom(...extKeys), member), member),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(item, (error) => {
        const [read] = readAll({ errors: [error] }) ?? [];
        if (linearGraphqlErrorSchema.safeParse(error).success) expect(read).toEqual(expectedError(error));
        // Leniency the schema does not have: a member of another type costs that member only.
        const ext = (
          typeof error.extensions === 'object' && error.extensions !== null ? error.extensions : {}
        ) as Record<string, unknown>;
        expect(read?.type).toBe(typeof ext.type === 'string' ? ext.type : undefined);
        expect(read?.statusCode).toBe(typeof ext.statusCode === 'number' ? ext.statusCode : undefined);
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
