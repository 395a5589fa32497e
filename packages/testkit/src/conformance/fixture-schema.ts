import { ERROR_KINDS } from '@rosetta/core';
import * as z from 'zod/mini';

const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const nonEmpty = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));

const fieldErrorSchema = z.strictObject({
  path: z.string(),
  message: z.string(),
  code: z.optional(z.string()),
});

/**
 * The zod/mini schema of an {@link AdapterFixture}. Objects are strict, so a misspelt member
 * (`retryAfter` for `retryAfterMs`) is an error rather than an assertion silently skipped. It checks; `loadFixtures`
 * and `parseFixture` give typed fixtures.
 */
export const adapterFixtureSchema: z.ZodMiniType<unknown> = z.strictObject({
  name: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be kebab-case: a-z, 0-9 and dashes')),
  // Every fixture cites where its shape comes from; an empty citation is no citation.
  source: nonEmpty,
  notes: z.optional(z.string()),
  request: z.strictObject({
    method: z.enum(HTTP_METHODS),
    path: z.string().check(z.startsWith('/', 'must start with "/"')),
  }),
  now: z.optional(
    z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO-8601 date-time')),
  ),
  response: z.strictObject({
    status: z.int().check(z.gte(100), z.lte(599)),
    headers: z.optional(z.record(z.string(), z.string())),
    body: z.optional(z.unknown()),
  }),
  expected: z.nullable(
    z.strictObject({
      kind: z.enum(ERROR_KINDS),
      code: z.optional(z.string()),
      retryable: z.boolean(),
      retryAfterMs: z.optional(z.number().check(z.gte(0))),
      requestId: z.optional(z.string()),
      fieldErrors: z.optional(z.array(fieldErrorSchema)),
      messageIncludes: z.optional(nonEmpty),
      notProcessed: z.optional(z.boolean()),
      maxRetries: z.optional(z.int().check(z.gte(0))),
    }),
  ),
});
