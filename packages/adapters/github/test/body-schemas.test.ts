import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readGraphqlErrors } from '@rosetta/core';
import { readFieldError, readRestError } from '../src/github-error-body';
import {
  githubFieldErrorSchema,
  githubGraphqlBodySchema,
  githubGraphqlErrorSchema,
  githubRestErrorSchema,
} from '../src/schemas';

// src/schemas.ts declares GitHub's bodies; src/github-error-body.ts (REST) and core's readGraphqlErrors (GraphQL)
// read them at run time without zod. Every fixture is held to both, so a fixture of the wrong shape, or a reader
// that drifts from the schema, fails here.

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What core's reader makes of a GraphQL error item the schema accepted: `locations` is not read. */
function expectedGraphqlError(item: Record<string, unknown>): unknown {
  const { type, message, path, extensions } = githubGraphqlErrorSchema.parse(item);
  return { message, path, code: extensions?.code, type, extensions: extensions && item.extensions };
}

/** One error item as core reads it inside an envelope. */
const readGraphqlError = (item: unknown) => readGraphqlErrors({ errors: [item] })?.errors[0];

function expectRestBody(body: unknown): void {
  const { message, errors } = githubRestErrorSchema.parse(body);
  const raw = (body as { errors?: unknown[] }).errors;
  expect(readRestError(body)).toEqual({ message, errors: raw });
  raw?.forEach((item, i) => {
    if (isObject(item)) expect(readFieldError(item)).toEqual(errors?.[i]);
  });
}

function expectGraphqlBody(body: unknown): void {
  const parsed = githubGraphqlBodySchema.parse(body);
  const read = readGraphqlErrors(body);
  expect(read?.data).toEqual(parsed.data);
  const raw = (body as { errors?: Record<string, unknown>[] }).errors ?? [];
  expect(read?.errors).toEqual(raw.map(expectedGraphqlError));
}

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

describe('github body schemas and the run-time reader', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, { request, response }) => {
    const { body, status } = response;
    if (!isObject(body)) {
      // HTML pages, 204s and lists: no error body, for the reader either.
      expect(readRestError(body) ?? readGraphqlErrors(body)).toBeUndefined();
    } else if (/\/graphql$/.test(request.path) && ('data' in body || 'errors' in body)) {
      expectGraphqlBody(body);
    } else if (status < 300) {
      // A REST success's object body is data (octokit/fixtures' recorded search answer): no error in it.
      expect(readRestError(body)?.errors).toBeUndefined();
    } else {
      // GraphQL's own 401/403 answers are REST-shaped too.
      expect(status).toBeGreaterThanOrEqual(400);
      expectRestBody(body);
    }
  });

  it(`reads every GraphQL error item the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.jsonValue(), fc.array(fc.oneof(fc.string(), fc.integer())));
    const extensions = fc.dictionary(fc.constantFrom('code', 'typeName'), member);
    const item = fc.dictionary(fc.constantFrom('type', 'message', 'path', 'extensions'), fc.oneof(member, extensions));
    fc.assert(
      fc.property(item, (error) => {
        if (githubGraphqlErrorSchema.safeParse(error).success) {
          expect(readGraphqlError(error)).toEqual(expectedGraphqlError(error));
        }
        if (githubFieldErrorSchema.safeParse(error).success) {
          expect(readFieldError(error)).toEqual(githubFieldErrorSchema.parse(error));
        }
        // Leniency the schema does not have: a member of another type costs that member only.
        expect(readGraphqlError(error)?.type).toBe(typeof error.type === 'string' ? error.type : undefined);
        const path = readGraphqlError(error)?.path ?? [];
        expect(path.filter((s) => typeof s !== 'string' && typeof s !== 'number')).toEqual([]);
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
