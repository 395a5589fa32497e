import { describe, expect, it } from 'vitest';
import { formEncode } from '../../src/transport/encode-request-body';

describe('formEncode: parity with stripe-node queryStringifyRequestData', () => {
  // Expected strings are the ones stripe-node's own test suite (test/utils.spec.ts) asserts.
  it('handles basic types', () => {
    expect(formEncode({ a: 1, b: 'foo' })).toBe('a=1&b=foo');
  });

  it('handles Dates as unix seconds, nested too', () => {
    expect(
      formEncode({
        date: new Date('2009-02-13T23:31:30Z'),
        created: { gte: new Date('2009-02-13T23:31:30Z'), lt: new Date('2044-05-01T01:28:21Z') },
      }),
    ).toBe('date=1234567890&created[gte]=1234567890&created[lt]=2345678901');
  });

  it('handles deeply nested objects', () => {
    expect(formEncode({ a: { b: { c: { d: 2 } } } })).toBe('a[b][c][d]=2');
  });

  it('handles arrays of objects and indexed objects alike', () => {
    expect(formEncode({ a: [{ b: 'c' }, { b: 'd' }] })).toBe('a[0][b]=c&a[1][b]=d');
    expect(formEncode({ a: { 0: { b: 'c' }, 1: { b: 'd' } } })).toBe('a[0][b]=c&a[1][b]=d');
  });

  it('percent-encodes values and keys, null as an empty value, brackets left literal', () => {
    expect(formEncode({ test: 1, foo: 'baz', somethingElse: '::""%&', nested: { 1: 2, 'a n o t h e r': null } })).toBe(
      'test=1&foo=baz&somethingElse=%3A%3A%22%22%25%26&nested[1]=2&nested[a%20n%20o%20t%20h%20e%20r]=',
    );
  });

  it('indexes arrays of scalars', () => {
    expect(formEncode({ include: ['a', 'b'] })).toBe('include[0]=a&include[1]=b');
  });
});

describe('formEncode', () => {
  it('encodes the Stripe line-item shape', () => {
    expect(formEncode({ items: [{ price: 'price_1', quantity: 2 }], metadata: { order: '42' } })).toBe(
      'items[0][price]=price_1&items[0][quantity]=2&metadata[order]=42',
    );
  });

  it('writes booleans as true/false, null as empty, and skips undefined', () => {
    expect(formEncode({ a: true, b: false, c: null, d: undefined, e: 'x' })).toBe('a=true&b=false&c=&e=x');
  });

  it('skips undefined array items but keeps the other indices', () => {
    expect(formEncode({ a: ['x', undefined, 'z'] })).toBe('a[0]=x&a[2]=z');
  });

  it('escapes the RFC 3986 reserved characters encodeURIComponent leaves alone', () => {
    expect(formEncode({ "k!'()*": "v!'()*" })).toBe('k%21%27%28%29%2A=v%21%27%28%29%2A');
  });

  it('encodes spaces as %20, plus signs and unicode by UTF-8', () => {
    expect(formEncode({ q: 'a b+c', name: 'Zoë' })).toBe('q=a%20b%2Bc&name=Zo%C3%AB');
  });

  it('leaves brackets inside keys literal, like stripe-node', () => {
    expect(formEncode({ 'expand[]': 'x', v: '[1]' })).toBe('expand[]=x&v=[1]');
  });

  it('gives an empty string for empty objects', () => {
    expect(formEncode({})).toBe('');
    expect(formEncode({ a: {}, b: [] })).toBe('');
  });

  it('treats a __proto__ key from parsed JSON as data, without touching prototypes', () => {
    const body: unknown = JSON.parse('{"__proto__":{"polluted":"yes"},"a":1}');
    expect(formEncode(body)).toBe('__proto__[polluted]=yes&a=1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('throws a TypeError for a non-object body, a cycle or an invalid date', () => {
    expect(() => formEncode('a=b')).toThrow(TypeError);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => formEncode(cyclic)).toThrow('circular');
    expect(() => formEncode({ at: new Date(Number.NaN) })).toThrow('invalid Date');
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(formEncode({ a: shared, b: shared })).toBe('a[x]=1&b[x]=1');
  });
});
