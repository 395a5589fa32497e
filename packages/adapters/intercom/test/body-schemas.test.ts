import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIntercomError, readJobStatus } from '../src/intercom-error-body';
import {
  intercomDataExportSchema,
  intercomErrorListSchema,
  intercomJobSchema,
  intercomListSchema,
  intercomSingleErrorSchema,
} from '../src/schemas';

// src/schemas.ts declares Intercom's bodies; src/intercom-error-body.ts reads them at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

/** What the reader makes of an error list the schema accepted (empty strings read as absent). */
function expectedList(body: unknown): unknown {
  const list = intercomErrorListSchema.parse(body);
  const some = (s: string | null | undefined) => (s === '' || s === null ? undefined : s);
  const errors = list.errors
    .slice(0, 20)
    .map((e) => ({ code: some(e.code), message: some(e.message), field: some(e.field) }));
  const messages = errors.flatMap((e) => (e.message === undefined ? [] : [e.message]));
  return {
    code: errors[0]?.code,
    message: messages.length === 0 ? undefined : messages.join('; '),
    request_id: some(list.request_id),
    errors,
  };
}

describe('intercom body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (body === undefined || typeof body === 'string') {
      expect(readIntercomError(body) ?? readJobStatus(body)).toBeUndefined();
    } else if (b.type === 'error.list') {
      expect(fixture.expected).not.toBeNull();
      expect(readIntercomError(body)).toEqual(expectedList(body));
    } else if (b.type === 'error') {
      const e = intercomSingleErrorSchema.parse(body);
      expect(readIntercomError(body)).toEqual({ message: e.message, request_id: e.request_id, errors: [] });
    } else if (b.type === 'job') {
      expect(readJobStatus(body)).toBe(intercomJobSchema.parse(body).status);
    } else if ('job_identifier' in b) {
      expect(readJobStatus(body)).toBe(intercomDataExportSchema.parse(body).status);
    } else {
      if (b.type === 'list') intercomListSchema.parse(body);
      // Any other success (a list, a delivery status): no error shape, for the schemas and readers alike.
      expect(fixture.expected).toBeNull();
      expect(intercomErrorListSchema.safeParse(body).success).toBe(false);
      expect(readIntercomError(body) ?? readJobStatus(body)).toBeUndefined();
    }
  });

  it(`reads every error list the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(
      fc.string(),
      fc.constantFrom('unauthorized', 'contact_merged'),
      fc.constant(null),
      fc.jsonValue(),
    );
    const item = fc.record({ code: member, message: member, field: member }, { requiredKeys: [] });
    const body = fc.record(
      {
        type: fc.constantFrom('error.list', 'error', 'list'),
        request_id: member,
        errors: fc.oneof(fc.array(item), member),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(body, (b) => {
        if (intercomErrorListSchema.safeParse(b).success) expect(readIntercomError(b)).toEqual(expectedList(b));
        // Leniency the schema does not have: a member of another type costs that member only, never a throw.
        const read = readIntercomError(b);
        if (b.type === 'error.list' && Array.isArray(b.errors)) expect(read).toBeDefined();
        if (b.type === 'list') expect(read).toBeUndefined();
      }),
      { seed: SEED },
    );
  });

  it('bounds the errors it reads, and reads no job from a body that is not one', () => {
    const many = { type: 'error.list', errors: Array.from({ length: 1_000 }, (_, i) => ({ code: `c${i}` })) };
    expect(readIntercomError(many)?.errors).toHaveLength(20);
    expect(readIntercomError(many)?.code).toBe('c0');
    for (const body of [
      undefined,
      null,
      'failed',
      [],
      {},
      { status: 'failed' },
      { type: 'contact', status: 'failed' },
    ]) {
      expect(readJobStatus(body)).toBeUndefined();
    }
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
