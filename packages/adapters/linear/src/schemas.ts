// The documented shapes of Linear's GraphQL answers. Not run in production (nothing under src/index.ts imports this
// file): core's readGraphqlErrors and `linear-error-body.ts` read the same members by hand, and
// test/body-schemas.test.ts holds every fixture to these schemas and to those readers
// (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * One item of Linear's `errors` list: `extensions.type` is the SDK's classification key ("ratelimited", "invalid
 * input", "authentication error", ...), `extensions.code` the machine code (`RATELIMITED`, `AUTHENTICATION_ERROR`,
 * `INPUT_ERROR`), `userPresentableMessage` the human text, `statusCode` the status Linear meant.
 *
 * @see linear/linear packages/sdk/src/types.ts (`LinearGraphQLErrorRaw`)
 * @see linear/linear packages/sdk/src/error.ts (`errorMap`)
 * @see https://linear.app/developers/rate-limiting ("Handling rate limit errors": `extensions.code: "RATELIMITED"`)
 */
export const linearGraphqlErrorSchema = z.object({
  message: z.string(),
  path: z.optional(z.array(z.union([z.string(), z.number()]))),
  locations: z.optional(z.array(z.object({ line: z.number(), column: z.number() }))),
  extensions: z.optional(
    z.looseObject({
      type: z.optional(z.string()),
      code: z.optional(z.string()),
      userError: z.optional(z.boolean()),
      userPresentableMessage: z.optional(z.string()),
      statusCode: z.optional(z.number()),
    }),
  ),
});

/**
 * A Linear GraphQL answer: `{ data?, errors? }` (spec §7.1); the SDK's success needs `data` and no `errors`.
 *
 * @see linear/linear packages/sdk/src/types.ts (`LinearRawResponse`)
 * @see https://spec.graphql.org/October2021/#sec-Response-Format
 */
export const linearGraphqlBodySchema = z.object({
  data: z.optional(z.unknown()),
  errors: z.optional(z.array(linearGraphqlErrorSchema)),
});
