import { readOAuthError } from '@rosetta/core';
import { fixtureBody, loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incompleteReason, readAsyncTask, readNotionError } from '../src/notion-error-body';
import { notionAsyncTaskSchema, notionErrorSchema, notionListSchema, notionOAuthErrorSchema } from '../src/schemas';

// src/schemas.ts declares Notion's bodies; src/notion-error-body.ts (and core's OAuth reader) read them at run time
// without zod. Every fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the
// schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261127;

/** What the reader makes of an error the schema accepted: the members it reads, absent ones undefined. */
function expectedError(body: unknown): unknown {
  const e = notionErrorSchema.parse(body);
  return {
    code: e.code,
    message: e.message,
    status: e.status,
    request_id: e.request_id,
    additional_data: e.additional_data,
  };
}

describe('notion body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixtureBody(fixture);
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof body === 'string') {
      // An edge proxy's or gateway's page: none of Notion's shapes.
      expect(readNotionError(body) ?? readOAuthError(body) ?? readAsyncTask(body)).toBeUndefined();
    } else if (b.object === 'error') {
      expect(readNotionError(body)).toEqual(expectedError(body));
    } else if (typeof b.error === 'string') {
      const parsed = notionOAuthErrorSchema.parse(body);
      expect(readOAuthError(body)).toMatchObject({ error: parsed.error });
      expect(readNotionError(body)).toBeUndefined();
    } else if (b.object === 'async_task') {
      const task = notionAsyncTaskSchema.parse(body);
      const read = readAsyncTask(body);
      expect(read?.status).toBe(task.status);
      expect(read?.error).toEqual(task.error === undefined ? undefined : expectedError(task.error));
    } else if (b.object === 'list') {
      const list = notionListSchema.parse(body);
      expect(incompleteReason(body)).toBe(
        list.request_status?.type === 'incomplete' ? list.request_status.incomplete_reason : undefined,
      );
      expect(readNotionError(body)).toBeUndefined();
    } else {
      // Any other success (a page, a block, an introspection): no error shape, for the schemas and readers alike.
      expect(fixture.expected).toBeNull();
      expect(notionErrorSchema.safeParse(body).success).toBe(false);
      expect(readNotionError(body) ?? readOAuthError(body) ?? readAsyncTask(body)).toBeUndefined();
    }
  });

  it(`reads every error the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.jsonValue());
    const keys = ['object', 'status', 'code', 'message', 'request_id', 'additional_data', 'extra'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), member), (body) => {
        if (notionErrorSchema.safeParse(body).success) expect(readNotionError(body)).toEqual(expectedError(body));
        // Leniency the schema does not have: a member of another type costs that member only.
        const read = readNotionError(body);
        if (read === undefined) return;
        expect(read.code).toBe(body.code);
        expect(read.message).toBe(typeof body.message === 'string' ? body.message : undefined);
        expect(read.status).toBe(typeof body.status === 'number' ? body.status : undefined);
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
