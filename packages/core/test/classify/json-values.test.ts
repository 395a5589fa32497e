import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_CHARS,
  codeText,
  cut,
  elementMessage,
  firstUseful,
  identifier,
  isObject,
  text,
} from '../../src/classify/json-values';

describe('json-values', () => {
  it('isObject accepts plain objects only', () => {
    expect(isObject({})).toBe(true);
    expect(isObject([])).toBe(false);
    expect(isObject(null)).toBe(false);
    expect(isObject('x')).toBe(false);
  });

  it('text trims and skips blanks and non-strings, but does not cut (that happens after redaction)', () => {
    expect(text('  hi ')).toBe('hi');
    expect(text(' ')).toBeUndefined();
    expect(text(5)).toBeUndefined();
    expect(text('x'.repeat(MAX_MESSAGE_CHARS + 10))).toHaveLength(MAX_MESSAGE_CHARS + 10);
  });

  it('codeText stringifies finite numbers only', () => {
    expect(codeText(20404)).toBe('20404');
    expect(codeText(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(codeText(' E1 ')).toBe('E1');
    expect(codeText(true)).toBeUndefined();
  });

  it('identifier refuses sentences and URIs', () => {
    expect(identifier('invalid_grant')).toBe('invalid_grant');
    expect(identifier('error.list')).toBe('error.list');
    expect(identifier('Bad Request')).toBeUndefined();
    expect(identifier('about:blank')).toBeUndefined();
    expect(identifier('https://x/y')).toBeUndefined();
    expect(identifier('x'.repeat(101))).toBeUndefined();
  });

  it('elementMessage takes the most specific key present', () => {
    expect(elementMessage({ title: 't', message: 'm' })).toBe('m');
    expect(elementMessage({ title: 't', reason: 'r' })).toBe('r');
    expect(elementMessage({ other: 'o' })).toBeUndefined();
  });

  it('firstUseful skips nulls, numbers and blank strings', () => {
    expect(firstUseful([null, 1, ' ', 'x'])).toBe('x');
    expect(firstUseful([null])).toBeUndefined();
  });

  it('cut bounds a string', () => {
    expect(cut('abcdef', 3)).toBe('abc');
    expect(cut('ab', 3)).toBe('ab');
  });
});
