import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twilioErrorListSchema, twilioLegacyErrorSchema, twilioProblemSchema } from '../src/schemas';
import {
  readTwilioError,
  readTwilioErrorList,
  readTwilioLegacyError,
  readTwilioProblem,
} from '../src/twilio-error-body';

// src/schemas.ts declares Twilio's three error bodies; src/twilio-error-body.ts reads them at run time without zod.
// Every fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from a schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

/** What the readers make of a body each schema accepted. */
function expectedProblem(body: unknown): unknown {
  const p = twilioProblemSchema.parse(body);
  return { shape: 'problem', code: p.code, message: p.detail || p.title, status: p.status };
}
function expectedList(body: unknown): unknown {
  const first = twilioErrorListSchema.parse(body).errors[0];
  return first === undefined
    ? undefined
    : { shape: 'errors', code: first.code, message: first.message, status: undefined };
}
function expectedLegacy(body: unknown): unknown {
  const e = twilioLegacyErrorSchema.parse(body);
  return { shape: 'legacy', code: e.code, message: e.message, status: e.status };
}

describe('twilio body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches its declared shape', (_, fixture) => {
    const body = fixture.response.body;
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (fixture.expected === null || typeof body !== 'object' || body === null) {
      // A success, or an answer without a JSON body (XML, none): none of Twilio's error shapes.
      expect(readTwilioError(body)).toBeUndefined();
    } else if (typeof b.type === 'string') {
      expect(readTwilioError(body)).toEqual(expectedProblem(body));
    } else if (Array.isArray(b.errors)) {
      expect(readTwilioError(body)).toEqual(expectedList(body));
    } else {
      expect(readTwilioError(body)).toEqual(expectedLegacy(body));
    }
  });

  it('covers all three error bodies', () => {
    const bodies = fixtures.map((f) => f.response.body);
    expect(bodies.some((b) => twilioProblemSchema.safeParse(b).success)).toBe(true);
    expect(bodies.some((b) => twilioErrorListSchema.safeParse(b).success)).toBe(true);
    expect(bodies.some((b) => twilioLegacyErrorSchema.safeParse(b).success)).toBe(true);
  });

  it(`reads every body a schema accepts as that schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.jsonValue());
    const keys = ['type', 'title', 'status', 'code', 'detail', 'instance', 'message', 'more_info', 'details'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), member), (body) => {
        if (twilioProblemSchema.safeParse(body).success && Number.isInteger(body.code)) {
          expect(readTwilioProblem(body)).toEqual(expectedProblem(body));
        }
        if (
          twilioLegacyErrorSchema.safeParse(body).success &&
          (body.code === undefined || Number.isInteger(body.code))
        ) {
          expect(readTwilioLegacyError(body)).toEqual(expectedLegacy(body));
        }
        // Leniency the schemas do not have: a member of another type costs that member only.
        const read = readTwilioError(body);
        if (read?.code !== undefined) expect(read.code).toBe(body.code);
      }),
      { seed: SEED },
    );
  });

  it(`reads the first element of any errors[] list (seed ${SEED})`, () => {
    const element = fc.record(
      { code: fc.oneof(fc.integer(), fc.string()), message: fc.oneof(fc.string(), fc.integer()), context: fc.string() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(element, { maxLength: 3 }), (errors) => {
        const body = { errors };
        if (twilioErrorListSchema.safeParse(body).success)
          expect(readTwilioErrorList(body)).toEqual(expectedList(body));
        const first = errors[0];
        const read = readTwilioErrorList(body);
        if (first === undefined) expect(read).toBeUndefined();
        else if (Number.isInteger(first.code) || typeof first.message === 'string') expect(read?.shape).toBe('errors');
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
