import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readGraphqlErrors } from '../../../src/classify/readers/graphql-errors';

const SEED = 20261126;

describe('readGraphqlErrors', () => {
  it('reads message, path, extensions.code, type and the whole extensions of each error', () => {
    // Shape: https://spec.graphql.org/October2021/#sec-Errors; the Shopify ACCESS_DENIED body of
    // Shopify/function-examples#164.
    const extensions = { code: 'ACCESS_DENIED', requiredAccess: 'read_products' };
    const read = readGraphqlErrors({
      data: { products: null },
      errors: [{ message: 'Access denied', path: ['products', 0], locations: [{ line: 2, column: 3 }], extensions }],
      extensions: { cost: { requestedQueryCost: 10 } },
    });
    expect(read).toEqual({
      data: { products: null },
      errors: [{ message: 'Access denied', path: ['products', 0], code: 'ACCESS_DENIED', type: undefined, extensions }],
      extensions: { cost: { requestedQueryCost: 10 } },
    });
  });

  it("reads GitHub's top-level type", () => {
    expect(readGraphqlErrors({ errors: [{ type: 'NOT_FOUND', message: 'x' }] })?.errors[0]?.type).toBe('NOT_FOUND');
  });

  it('is undefined for bodies that are not objects, and gives no errors without a list', () => {
    for (const body of [undefined, null, 'text', 42, [], [{ message: 'x' }]])
      expect(readGraphqlErrors(body)).toBeUndefined();
    expect(readGraphqlErrors({ data: { a: 1 } })).toEqual({ errors: [], data: { a: 1 }, extensions: undefined });
    expect(readGraphqlErrors({ errors: 'nope' })?.errors).toEqual([]);
  });

  it('skips items that are not objects and reads odd members as absent, one by one', () => {
    const read = readGraphqlErrors({
      errors: [null, 1, 'x', [], { message: 7, path: ['a', {}], extensions: { code: 5 } }],
      extensions: [],
    });
    expect(read?.errors).toEqual([
      { message: undefined, path: undefined, code: undefined, type: undefined, extensions: { code: 5 } },
    ]);
    expect(read?.extensions).toBeUndefined();
  });

  it('reads at most the first 100 errors', () => {
    const errors = Array.from({ length: 5_000 }, (_, i) => ({ message: `e${i}` }));
    const read = readGraphqlErrors({ errors });
    expect(read?.errors).toHaveLength(100);
    expect(read?.errors[99]?.message).toBe('e99');
  });

  it(`never throws on JSON and keeps only strings and numbers in paths (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 5 }), (body, errors) => {
        const read = readGraphqlErrors(body);
        const withList = readGraphqlErrors({ errors });
        for (const e of withList?.errors ?? []) {
          expect((e.path ?? []).every((s) => typeof s === 'string' || typeof s === 'number')).toBe(true);
          expect(e.code === undefined || typeof e.code === 'string').toBe(true);
        }
        if (read !== undefined) expect(Array.isArray(read.errors)).toBe(true);
      }),
      { seed: SEED },
    );
  });
});
