import { normalizeError, normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { airtable, readAirtableSdkError } from '../src/index';

// airtable.js's errors, built as Airtable/airtable.js@55cc755fa4f54e20927579a954c161ac2fe81135 builds them:
// src/airtable_error.ts (a plain class: `error`, `message`, `statusCode`) and src/base.ts `_checkStatusForError`
// (copied below, messages and all), `_getErrorForNonObjectBody`, and `CONNECTION_ERROR` with `statusCode: null`.
class AirtableError {
  constructor(
    public error: string,
    public message: string,
    public statusCode: number | null,
  ) {}
}

function checkStatusForError(statusCode: number, body?: { error?: { type?: string; message?: string } }) {
  const { type, message } = body?.error ?? {};
  if (statusCode === 401)
    return new AirtableError(
      'AUTHENTICATION_REQUIRED',
      'You should provide valid api key to perform this operation',
      statusCode,
    );
  if (statusCode === 403)
    return new AirtableError('NOT_AUTHORIZED', 'You are not authorized to perform this operation', statusCode);
  if (statusCode === 404)
    return new AirtableError('NOT_FOUND', message ?? 'Could not find what you are looking for', statusCode);
  if (statusCode === 413) return new AirtableError('REQUEST_TOO_LARGE', 'Request body is too large', statusCode);
  if (statusCode === 422)
    return new AirtableError(
      type ?? 'UNPROCESSABLE_ENTITY',
      message ?? 'The operation cannot be processed',
      statusCode,
    );
  if (statusCode === 429)
    return new AirtableError(
      'TOO_MANY_REQUESTS',
      'You have made too many requests in a short period of time. Please retry your request later',
      statusCode,
    );
  if (statusCode === 500)
    return new AirtableError('SERVER_ERROR', 'Try again. If the problem persists, contact support.', statusCode);
  if (statusCode === 503)
    return new AirtableError(
      'SERVICE_UNAVAILABLE',
      'The service is temporarily unavailable. Please retry shortly.',
      statusCode,
    );
  if (statusCode >= 400)
    return new AirtableError(type ?? 'UNEXPECTED_ERROR', message ?? 'An unexpected error occurred', statusCode);
  return null;
}
const INVALID_JSON = 'The response from Airtable was invalid JSON. Please try again soon.';

// The SDK drops the body of a 429: the spent billing plan reads as its TOO_MANY_REQUESTS, a wait.
const SDK_LOSES_TYPE = new Set(['billing-limit-exceeded-429']);

describe('errors of airtable.js', () => {
  const fixtures = loadFixtures(new URL('./fixtures', import.meta.url)).filter(
    (f) => f.response.status >= 400 && !f.request.path.startsWith('/oauth2') && !SDK_LOSES_TYPE.has(f.name),
  );

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: the same kind as over HTTP', (_, f) => {
    const { status, headers, body } = f.response;
    const object = typeof body === 'object' && body !== null && !Array.isArray(body);
    const sdk = object
      ? checkStatusForError(status, body)
      : new AirtableError('UNEXPECTED_ERROR', INVALID_JSON, status);
    const overHttp = normalizeResponse(airtable, { status, ...(headers ? { headers } : {}), body });
    expect(normalizeError(airtable, sdk)?.kind).toBe(overHttp?.kind);
  });

  it('keeps the type and message the SDK kept, and the 30-second penalty of a 429', () => {
    const unknown = new AirtableError('UNKNOWN_FIELD_NAME', 'Unknown field name: "Nmae"', 422);
    expect(normalizeError(airtable, unknown)).toMatchObject({
      kind: 'validation',
      code: 'UNKNOWN_FIELD_NAME',
      fieldErrors: [{ path: 'Nmae' }],
    });
    expect(normalizeError(airtable, checkStatusForError(429))).toMatchObject({
      kind: 'rate_limited',
      code: 'TOO_MANY_REQUESTS',
      retryAfterMs: 30_000,
    });
  });

  it('reads nothing without an answer: a connection error, the invalid JSON of a 2xx, anything else', () => {
    expect(readAirtableSdkError(new AirtableError('CONNECTION_ERROR', 'socket hang up', null))).toBeUndefined();
    expect(readAirtableSdkError(new AirtableError('UNEXPECTED_ERROR', INVALID_JSON, 200))).toBeUndefined();
    expect(readAirtableSdkError(new AirtableError('UNEXPECTED_ERROR', INVALID_JSON, 502))).toEqual({ status: 502 });
    for (const other of [new Error('x'), { error: 'x', statusCode: 500 }, null, 'x']) {
      expect(readAirtableSdkError(other)).toBeUndefined();
    }
  });
});
