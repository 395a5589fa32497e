import { describe, expect, it } from 'vitest';
import { MAX_FIELD_ERRORS, collectFieldErrors } from '../../src/classify/field-errors';

describe('collectFieldErrors', () => {
  it('is empty for bodies without field errors and for non-objects', () => {
    for (const body of [undefined, null, 'x', 3, {}, [], { message: 'm' }])
      expect(collectFieldErrors(body)).toEqual([]);
  });

  it('reads a top-level array of elements', () => {
    expect(collectFieldErrors([{ field: 'a', message: 'x', code: 'C' }, 'junk', null])).toEqual([
      { path: 'a', message: 'x', code: 'C' },
    ]);
  });

  it('reads the body itself when it names a field', () => {
    expect(collectFieldErrors({ field: 'email', message: 'taken', code: 'already_exists' })).toEqual([
      { path: 'email', message: 'taken', code: 'already_exists' },
    ]);
  });

  it('uses "Invalid value" when an element names a field but says nothing else', () => {
    expect(collectFieldErrors({ errors: [{ field: 'x' }] })).toEqual([{ path: 'x', message: 'Invalid value' }]);
  });

  it('reads numeric path segments and skips elements whose path is not text', () => {
    expect(
      collectFieldErrors({
        errors: [
          { loc: ['items', 0, 'price'], msg: 'bad' },
          { loc: [{}], msg: 'no' },
        ],
      }),
    ).toEqual([{ path: 'items.0.price', message: 'bad' }]);
  });

  it('follows error wrappers only a few levels deep', () => {
    const shallow = { error: { error: { errors: [{ field: 'a', message: 'm' }] } } };
    expect(collectFieldErrors(shallow)).toHaveLength(1);
    let deep: Record<string, unknown> = { errors: [{ field: 'a', message: 'm' }] };
    for (let i = 0; i < 10; i++) deep = { error: deep };
    expect(collectFieldErrors(deep)).toEqual([]);
  });

  it('stops at the limit across shapes', () => {
    const list = Array.from({ length: 40 }, (_, i) => ({ field: `l${i}`, message: 'm' }));
    const map = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`m${i}`, 'm']));
    expect(collectFieldErrors({ errors: list, fields: map })).toHaveLength(MAX_FIELD_ERRORS);
  });
});
