import { defineAdapter, normalizeResponse } from '@rosetta/core';
import { createApiError } from '../../../core/src/errors/kind-errors';
import { describe, expect, it } from 'vitest';
import { readingProblems } from '../../src/conformance/check-reading';
import { errorSurfaces } from '../../src/conformance/error-surfaces';
import { missingFixtureCategories } from '../../src/conformance/fixture-coverage';
import type { AdapterFixture } from '../../src/index';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.example' });

describe('readingProblems', () => {
  it('accepts null and a sound ApiError', () => {
    expect(readingProblems(acme, 200, null)).toEqual([]);
    expect(
      readingProblems(acme, 429, normalizeResponse(acme, { status: 429, headers: { 'retry-after': '3' } })),
    ).toEqual([]);
  });

  it('names each problem of an unsound result', () => {
    expect(readingProblems(acme, 500, { kind: 'server' })[0]).toContain('neither null nor an ApiError');
    const bad = createApiError({ kind: 'server', provider: 'other', status: 502, retryable: true, retryAfterMs: -5 });
    expect(readingProblems(acme, 500, bad)).toEqual([
      'retryAfterMs is -5, not a finite number >= 0',
      'provider is other, not acme',
      'status is 502, not the 500 received',
    ]);
    const infinite = createApiError({
      kind: 'rate_limited',
      provider: 'acme',
      status: 429,
      retryable: true,
      retryAfterMs: Infinity,
    });
    expect(readingProblems(acme, 429, infinite)).toEqual(['retryAfterMs is Infinity, not a finite number >= 0']);
  });
});

describe('errorSurfaces', () => {
  it('renders every way an error is shown: message, stack, String, JSON, inspect, problem details', () => {
    const error = normalizeResponse(acme, { status: 404, body: { message: 'No such widget' } });
    if (error === null) throw new Error('expected an error');
    const surfaces = errorSurfaces(error);
    expect(Object.keys(surfaces)).toEqual(['message', 'stack', 'string', 'json', 'inspect', 'problemDetails']);
    for (const name of ['message', 'string', 'json', 'inspect', 'problemDetails']) {
      expect(surfaces[name], name).toContain('No such widget');
    }
  });
});

describe('missingFixtureCategories', () => {
  const fixture = (expected: AdapterFixture['expected']): AdapterFixture => ({
    name: 'x',
    source: 'https://docs.example.com',
    request: { method: 'GET', path: '/' },
    response: { status: 200 },
    expected,
  });
  const error = (
    kind: 'authentication' | 'permission' | 'not_found' | 'validation' | 'rate_limited' | 'server' | 'unavailable',
  ) => fixture({ kind, retryable: false });

  it('lists what is missing, with alternatives joined by "or"', () => {
    expect(missingFixtureCategories([])).toEqual([
      'success',
      'authentication',
      'permission',
      'not_found',
      'validation',
      'rate_limited',
      'server or unavailable',
    ]);
    expect(missingFixtureCategories([fixture(null), error('permission'), error('unavailable')])).toEqual([
      'authentication',
      'not_found',
      'validation',
      'rate_limited',
    ]);
  });

  it('is empty when every category is covered, either of server or unavailable sufficing', () => {
    const all = [
      fixture(null),
      error('authentication'),
      error('permission'),
      error('not_found'),
      error('validation'),
      error('rate_limited'),
    ];
    expect(missingFixtureCategories([...all, error('server')])).toEqual([]);
    expect(missingFixtureCategories([...all, error('unavailable')])).toEqual([]);
  });
});
