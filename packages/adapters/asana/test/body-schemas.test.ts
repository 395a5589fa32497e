import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAsanaErrors, readJob, readSyncToken, topMessage } from '../src/asana-error-body';
import { asanaErrorResponseSchema, asanaJobSchema, asanaListSchema, asanaSyncErrorSchema } from '../src/schemas';

// src/schemas.ts declares Asana's bodies; src/asana-error-body.ts reads them at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

/** What the reader makes of an `errors` array the schema accepted: the members it reads. */
const expectedErrors = (body: unknown) =>
  asanaErrorResponseSchema.parse(body).errors.map((e) => ({ message: e.message, phrase: e.phrase }));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

describe('asana body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    if (!isObject(body)) {
      // A text body or none: no Asana shape, for the readers either.
      expect(readAsanaErrors(body) ?? readSyncToken(body) ?? readJob(body)).toBeUndefined();
    } else if ('errors' in body) {
      expect(readAsanaErrors(body)).toEqual(expectedErrors(body));
    } else if (fixture.response.status === 412) {
      const parsed = asanaSyncErrorSchema.parse(body);
      expect(readSyncToken(body)).toBe(parsed.sync);
      expect(topMessage(body)).toBe(parsed.message);
    } else if (isObject(body.data) && body.data.resource_type === 'job') {
      expect(readJob(body)).toMatchObject({ status: asanaJobSchema.parse(body).data.status });
    } else if (Array.isArray(body.data)) {
      const list = asanaListSchema.parse(body);
      expect(readSyncToken(body)).toBe(list.sync);
      expect(readAsanaErrors(body)).toBeUndefined();
    } else {
      // Any other body: a success (a record, an empty data record) or a 429 with `{}`; no error shape for either.
      expect(asanaErrorResponseSchema.safeParse(body).success).toBe(false);
      expect(readAsanaErrors(body) ?? readSyncToken(body) ?? readJob(body)).toBeUndefined();
    }
  });

  it(`reads every errors array the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.jsonValue());
    const entry = fc.oneof(fc.dictionary(fc.constantFrom('message', 'help', 'phrase', 'other'), member), member);
    fc.assert(
      fc.property(fc.array(entry), (errors) => {
        const body = { errors };
        if (asanaErrorResponseSchema.safeParse(body).success)
          expect(readAsanaErrors(body)).toEqual(expectedErrors(body));
        // Leniency the schema does not have: an odd entry or member costs that entry or member only.
        const read = readAsanaErrors(body) ?? [];
        const objects = errors.filter((e) => isObject(e) && !Array.isArray(e)) as Record<string, unknown>[];
        expect(read).toHaveLength(objects.length);
        read.forEach((e, i) => {
          const raw = objects[i]?.message;
          expect(e.message).toBe(typeof raw === 'string' ? raw : undefined);
        });
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
