// normalizeError(hubspot, ...) on errors shaped exactly as @hubspot/api-client throws them. The SDK is not a
// dependency: its ApiException is openapi-generator's TypeScript template (codegen/<api>/apis/exception.ts), rebuilt
// here member for member, and its body is the response deserialized into ModelError
// (codegen/crm/companies/models/ModelError.ts), which keeps only the members the model declares.
import { normalizeError, normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { hubspot } from '../src/index';

/** openapi-generator's `ApiException`, as generated into every @hubspot/api-client API. */
class ApiException<T> extends Error {
  constructor(
    public code: number,
    message: string,
    public body: T,
    public headers: { [key: string]: string },
  ) {
    super(
      `HTTP-Code: ${code}\nMessage: ${message}\nBody: ${JSON.stringify(body)}\nHeaders: ${JSON.stringify(headers)}`,
    );
  }
}

/** `ObjectSerializer.deserialize(body, "Error")`: a ModelError with the declared members only. */
const MODEL_ERROR = ['message', 'correlationId', 'category', 'subCategory', 'errors', 'context', 'links'];
function deserialize(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const members = body as Record<string, unknown>;
  return Object.fromEntries(MODEL_ERROR.filter((k) => members[k] !== undefined).map((k) => [k, members[k]]));
}

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

describe('normalizeError(hubspot, ApiException) reads as normalizeResponse reads the response', () => {
  const errors = fixtures.filter((f) => f.expected !== null && f.response.status >= 300);

  it.each(errors.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const { status, headers = {}, body } = fixture.response;
    const thrown = new ApiException(status, 'An error occurred.', deserialize(body), headers);
    const error = normalizeError(hubspot, thrown);
    const direct = normalizeResponse(hubspot, { ...fixture.response, method: fixture.request.method });
    expect(error?.kind).toBe(fixture.expected?.kind);
    expect(error?.kind).toBe(direct?.kind);
    expect(error?.status).toBe(status);
    expect(error?.requestId).toBe(direct?.requestId);
  });

  it('reads the headers the exception carries, as a response’s, whatever their letter case', () => {
    const headers = { 'X-HubSpot-Correlation-Id': 'FAKE-corr-1', 'Retry-After': '3' };
    const thrown = new ApiException(429, 'An error occurred.', { message: 'Too many requests.' }, headers);
    expect(normalizeError(hubspot, thrown)).toMatchObject({
      kind: 'rate_limited',
      requestId: 'FAKE-corr-1',
      retryAfterMs: 3_000,
    });
  });

  it('is null for errors that are not the SDK error with a response', () => {
    expect(normalizeError(hubspot, new Error('An error occurred.'))).toBeNull();
    expect(
      normalizeError(hubspot, Object.assign(new Error('HTTP-Code: 500'), { code: '500', headers: {} })),
    ).toBeNull();
    const required = Object.assign(new Error('Required parameter companyId was null or undefined'), {
      name: 'RequiredError',
    });
    expect(normalizeError(hubspot, required)).toBeNull();
    expect(normalizeError(hubspot, undefined)).toBeNull();
  });
});
