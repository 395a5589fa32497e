// Real api.hubapi.com answers recorded by nock in grouparoo/grouparoo@a453a40b16fbb8a9ab7a32b16a003fecb89e7bde
// (plugins/@grouparoo/hubspot/__tests__/fixtures/*.js, 2021-2022), stored as `recorded-*.json` fixtures (conformance
// checks kind, retryable and request id); this file checks what a fixture's `expected` cannot say.
import { normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { hubspot } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const read = (name: string) => {
  const fixture = fixtures.find((f) => f.name === name);
  if (fixture === undefined) throw new Error(`no fixture ${name}`);
  const { request, response } = fixture;
  return normalizeResponse(hubspot, { ...response, method: request.method, url: `${hubspot.baseUrl}${request.path}` });
};

describe('recorded HubSpot answers', () => {
  it("reads the legacy v1 validationResults[] as field errors (the v1 contacts API's shape, not errors[])", () => {
    expect(read('recorded-v1-create-invalid-email-400')?.fieldErrors).toEqual([
      { path: 'email', message: 'Email address 000 is invalid', code: 'INVALID_EMAIL' },
    ]);
  });

  it('reads the burst window of a recorded v1 404 (remaining 29 of 100 per 10 s)', () => {
    expect(read('recorded-v1-contact-not-found-404')).toMatchObject({
      kind: 'not_found',
      code: 'OBJECT_NOT_FOUND',
      rateLimit: { limit: 100, remaining: 29 },
    });
  });
});
