import { type Adapter, type ApiError, isApiError } from '@rosetta/core';
import { expect } from 'vitest';
import { errorSummary } from './conformance-context';
import type { AdapterFixture } from './fixture';

/**
 * Asserts a reading (from `normalizeResponse` or a client) against a fixture's `expected`: `null` for
 * a success; else provider, status, kind and retryable, plus every optional member the fixture sets.
 * One comparison, so that a failure shows every field side by side.
 */
export function expectFixtureReading(adapter: Adapter, fixture: AdapterFixture, actual: unknown): void {
  const expected = fixture.expected;
  if (expected === null) {
    expect(actual === null ? null : errorSummary(actual), 'a success').toBeNull();
    return;
  }
  expect(isApiError(actual), `an ApiError, got ${String(actual)}`).toBe(true);
  const error = actual as ApiError;
  const wanted: Record<string, unknown> = {
    provider: adapter.id,
    status: fixture.response.status,
    kind: expected.kind,
    retryable: expected.retryable,
  };
  const got: Record<string, unknown> = {
    provider: error.provider,
    status: error.status,
    kind: error.kind,
    retryable: error.retryable,
  };
  const optional = [
    ['code', expected.code, error.code],
    ['retryAfterMs', expected.retryAfterMs, error.retryAfterMs],
    ['requestId', expected.requestId, error.requestId],
    ['fieldErrors', expected.fieldErrors, error.fieldErrors],
  ] as const;
  for (const [name, want, have] of optional) {
    if (want === undefined) continue;
    wanted[name] = want;
    got[name] = have;
  }
  if (expected.messageIncludes !== undefined) {
    wanted.message = expect.stringContaining(expected.messageIncludes);
    got.message = error.message;
  }
  expect(got).toEqual(wanted);
}
