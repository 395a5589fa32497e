import { readOAuthError } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { salesforceItemErrors } from '../src/item-errors';
import { readSalesforceErrors } from '../src/salesforce-error-body';
import {
  batchResponseSchema,
  compositeResponseSchema,
  oauthErrorSchema,
  salesforceErrorsSchema,
  saveResultsSchema,
  treeResponseSchema,
} from '../src/schemas';

// src/schemas.ts declares Salesforce's bodies; src/salesforce-error-body.ts and src/item-errors.ts read them at run
// time without zod. Every fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the
// schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20260714;

/** What the reader makes of an error array the schema accepted. */
function expectedErrors(body: unknown) {
  return salesforceErrorsSchema.parse(body).map((e) => ({
    errorCode: e.errorCode,
    message: e.message,
    fields: e.fields ?? [],
  }));
}

describe('salesforce body schemas and the run-time readers', () => {
  it('has at least 20 fixtures, each citing its source, with fake tokens only', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) {
      expect(fixture.source, fixture.name).not.toBe('');
      expect(JSON.stringify(fixture), fixture.name).not.toMatch(/00D[A-Za-z0-9]{12}![A-Za-z0-9._]{20,}/);
    }
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (fixture.expected === null) {
      // A success: a record, or a composite/collection answer whose failed items are data.
      const shapes = [saveResultsSchema, compositeResponseSchema, batchResponseSchema];
      const shape = shapes.find((s) => s.safeParse(body).success);
      if (shape === undefined) expect(salesforceItemErrors(body)).toEqual([]);
      else expect(salesforceItemErrors(body).length).toBeGreaterThan(0);
      if (shape === compositeResponseSchema) {
        for (const sub of compositeResponseSchema.parse(body).compositeResponse) {
          if (sub.httpStatusCode >= 400) expect(readSalesforceErrors(sub.body)).toEqual(expectedErrors(sub.body));
          else expect(saveResultsSchema.safeParse(sub.body).success).toBe(true);
        }
      }
    } else if (fixture.response.status === 300) {
      expect(body).toEqual(expect.arrayContaining([expect.stringMatching(/^\/services\/data\//)]));
      expect(readSalesforceErrors(body)).toEqual([]);
    } else if (Array.isArray(body)) {
      expect(readSalesforceErrors(body)).toEqual(expectedErrors(body));
    } else if (typeof b.error === 'string') {
      expect(readOAuthError(body)).toMatchObject({ error: oauthErrorSchema.parse(body).error });
      expect(readSalesforceErrors(body)).toEqual([]);
    } else if (b.hasErrors === true) {
      const tree = treeResponseSchema.parse(body);
      const errors = tree.results.flatMap((r) => r.errors ?? []);
      expect(readSalesforceErrors(body)).toEqual(
        errors.map((e) => ({ errorCode: e.statusCode, message: e.message, fields: e.fields })),
      );
    } else {
      // A page or an empty body from Salesforce Edge: none of the API's shapes.
      expect(typeof body === 'string' || body === undefined).toBe(true);
      expect(readSalesforceErrors(body)).toEqual([]);
    }
  });

  it(`reads every error array the schema accepts as the schema does, and skips items of another type (seed ${SEED})`, () => {
    const member = fc.oneof(
      fc.string(),
      fc.constant(null),
      fc.array(fc.oneof(fc.string(), fc.integer())),
      fc.jsonValue(),
    );
    const item = fc.dictionary(fc.constantFrom('message', 'errorCode', 'statusCode', 'fields', 'extra'), member);
    fc.assert(
      fc.property(fc.array(fc.oneof(item, fc.jsonValue())), (body) => {
        if (salesforceErrorsSchema.safeParse(body).success)
          expect(readSalesforceErrors(body)).toEqual(expectedErrors(body));
        for (const e of readSalesforceErrors(body)) {
          expect(e.errorCode === undefined || typeof e.errorCode === 'string').toBe(true);
          expect(e.errorCode !== undefined || e.message !== undefined).toBe(true);
          expect(e.fields.every((f) => typeof f === 'string')).toBe(true);
        }
        expect(() => salesforceItemErrors(body)).not.toThrow();
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
