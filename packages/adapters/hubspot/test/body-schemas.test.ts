import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHubSpotError } from '../src/hubspot-error-body';
import { hubspotBatchResponseSchema, hubspotErrorSchema } from '../src/schemas';

// src/schemas.ts declares HubSpot's bodies; src/hubspot-error-body.ts reads them at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

/** What the reader makes of a body the schema accepted: `requestId` and `links` are not read, `errors` always a list. */
function expected(body: unknown): unknown {
  const { requestId: _, links: __, errors, validationResults, ...members } = hubspotErrorSchema.parse(body);
  const details = [
    ...(errors ?? []).map((d) => ({
      message: d.message,
      code: d.code,
      in: d.in,
      subCategory: d.subCategory,
      context: d.context,
    })),
    // v1 `validationResults[]` items read as errors[] items: `error` is the code, `name` the field.
    ...(validationResults ?? []).map((v) => ({ message: v.message, code: v.error, in: v.name })),
  ];
  return {
    status: members.status,
    message: members.message,
    correlationId: members.correlationId,
    category: members.category,
    subCategory: members.subCategory,
    errorType: members.errorType,
    policyName: members.policyName,
    errors: details,
    context: members.context,
  };
}

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20260302;

describe('hubspot body schemas and the run-time reader', () => {
  it('has at least 20 cited fixtures, with fake correlation ids only', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) {
      expect(fixture.source, fixture.name).not.toBe('');
      const text = JSON.stringify(fixture);
      for (const id of text.match(/"correlationId":"[^"]*"|"x-hubspot-correlation-id":"[^"]*"/g) ?? []) {
        expect(id, fixture.name).toContain('fake-');
      }
    }
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    if (fixture.expected === null) {
      // A success: a batch answer (its item errors are data) or a record, never an error body.
      const batch = hubspotBatchResponseSchema.safeParse(body);
      if (batch.success)
        for (const item of batch.data.errors ?? []) expect(readHubSpotError(item)).toEqual(expected(item));
      else expect((body as { status?: unknown } | undefined)?.status).not.toBe('error');
    } else if (typeof body === 'object' && body !== null) {
      expect(readHubSpotError(body)).toEqual(expected(body));
    }
  });

  it(`reads every body the schema accepts as the schema does, and skips members of another type (seed ${SEED})`, () => {
    const keys = ['status', 'message', 'correlationId', 'category', 'subCategory', 'errorType', 'policyName'] as const;
    const member = fc.oneof(fc.string(), fc.constant(null), fc.jsonValue());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys, 'errors', 'context'), member), (body) => {
        if (hubspotErrorSchema.safeParse(body).success) expect(readHubSpotError(body)).toEqual(expected(body));
        const read = readHubSpotError(body);
        for (const key of keys) expect(read?.[key]).toBe(typeof body[key] === 'string' ? body[key] : undefined);
        expect(Array.isArray(read?.errors)).toBe(true);
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
