import { describe, expect, it } from 'vitest';
import { AdapterDefinitionError, defineAdapter, isAdapter } from '../../src/adapter/define-adapter';
import { genericAdapter } from '../../src/adapter/generic-adapter';

describe('defineAdapter', () => {
  it('returns a frozen, branded adapter', () => {
    const a = defineAdapter({
      id: 'acme',
      displayName: 'Acme',
      baseUrl: 'https://api.acme.test',
      requestIdHeaders: ['x-id'],
    });
    expect(isAdapter(a)).toBe(true);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.requestIdHeaders)).toBe(true);
    expect(a[Symbol.for('rosetta.adapter') as never]).toBe(true);
    expect(isAdapter({ id: 'x' })).toBe(false);
    expect(isAdapter(genericAdapter)).toBe(true);
  });

  it('names every bad field in a clear error', () => {
    const bad = () =>
      defineAdapter({
        id: 'Bad Id',
        displayName: 'x',
        baseUrl: 'ftp://nope',
        auth: [{ type: 'header', header: 'bad header' }],
        classify: 'not a function' as never,
      });
    expect(bad).toThrow(AdapterDefinitionError);
    expect(bad).toThrow(/id: must be lower-case/);
    expect(bad).toThrow(/baseUrl: must be an absolute http\(s\) URL/);
    expect(bad).toThrow(/auth\.0\.header: must be a valid HTTP header name/);
    expect(bad).toThrow(/classify: must be a function/);
    expect(() => defineAdapter({ id: 'x', displayName: 'X' } as never)).toThrow(
      /baseUrl: expected string, got nothing \(the member is missing\)/,
    );
  });
});
