import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBulkErrors, readErrorCollection, readTask } from '../src/jira-error-body';
import {
  atlassianGatewayErrorSchema,
  jiraCreatedIssuesSchema,
  jiraErrorCollectionSchema,
  jiraSearchPageSchema,
  jiraTaskSchema,
} from '../src/schemas';

// src/schemas.ts declares Jira's bodies; src/jira-error-body.ts reads them at run time without zod. Every fixture is
// held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261128;

describe('jira body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (body === undefined || typeof body === 'string') {
      // No body, or a text / HTML page: none of Jira's shapes.
      expect(readErrorCollection(body) ?? readTask(body)).toBeUndefined();
    } else if ('issues' in b && Array.isArray(b.errors)) {
      const parsed = jiraCreatedIssuesSchema.parse(body);
      expect(readBulkErrors(body)).toEqual(
        parsed.errors.map((e) => ({
          index: e.failedElementNumber,
          collection: e.elementErrors && {
            errorMessages: e.elementErrors.errorMessages ?? [],
            errors: e.elementErrors.errors,
          },
        })),
      );
      expect(readErrorCollection(body)).toBeUndefined();
    } else if ('issues' in b) {
      jiraSearchPageSchema.parse(body);
      expect(readErrorCollection(body) ?? readTask(body)).toBeUndefined();
    } else if ('errorMessages' in b || 'errors' in b) {
      const parsed = jiraErrorCollectionSchema.parse(body);
      expect(readErrorCollection(body)).toEqual({ errorMessages: parsed.errorMessages ?? [], errors: parsed.errors });
    } else if ('progress' in b) {
      const parsed = jiraTaskSchema.parse(body);
      expect(readTask(body)).toEqual({ status: parsed.status, message: parsed.message });
    } else if (typeof b.code === 'number') {
      atlassianGatewayErrorSchema.parse(body);
      expect(readErrorCollection(body)).toBeUndefined();
    } else {
      // Any other body (a created issue, an `errorMessage` or `message` only): no ErrorCollection, no task.
      expect(jiraErrorCollectionSchema.safeParse(body).success && 'errorMessages' in b).toBe(false);
      expect(readTask(body)).toBeUndefined();
    }
  });

  it(`reads every ErrorCollection the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()), fc.jsonValue());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('errorMessages', 'errors', 'status', 'extra'), member), (body) => {
        const parsed = jiraErrorCollectionSchema.safeParse(body);
        const read = readErrorCollection(body);
        if (parsed.success && (parsed.data.errorMessages !== undefined || parsed.data.errors !== undefined)) {
          expect(read?.errorMessages).toEqual((parsed.data.errorMessages ?? []).filter((m) => m.trim() !== ''));
          expect(read?.errors).toEqual(parsed.data.errors);
        }
        // Leniency the schema does not have: a member of another type costs that member only.
        if (read !== undefined) for (const m of read.errorMessages) expect(typeof m).toBe('string');
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
