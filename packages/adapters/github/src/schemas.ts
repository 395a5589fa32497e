// The documented shapes of GitHub's error bodies. Not run in production (nothing under src/index.ts imports
// this file): `github-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every
// fixture to these schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * One object item of a REST `errors` array (OpenAPI `validation-error`):
 * `{ resource, field, code, message? }`, `code` one of `missing`, `missing_field`, `invalid`,
 * `already_exists`, `unprocessable`, `custom`.
 *
 * @see https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#validation-failed
 * @see github/rest-api-description (OpenAPI `components.schemas.validation-error`)
 */
export const githubFieldErrorSchema = z.object({
  resource: z.optional(z.string()),
  field: z.optional(z.string()),
  code: z.string(),
  message: z.optional(z.string()),
});

/**
 * A REST error body (OpenAPI `basic-error`, `validation-error`, `validation-error-simple`):
 * `{ message, documentation_url, status?, errors? }`. `errors` items are objects or bare strings.
 *
 * @see octokit/openapi-types.ts (`basic-error`, `validation-error`, `validation-error-simple` schemas)
 */
export const githubRestErrorSchema = z.object({
  message: z.optional(z.string()),
  documentation_url: z.optional(z.string()),
  status: z.optional(z.string()),
  errors: z.optional(z.array(z.union([z.string(), githubFieldErrorSchema]))),
});

/**
 * One item of a GraphQL `errors` array: `{ type?, message, path?, locations?, extensions? }`.
 * `type` is GitHub's (`NOT_FOUND`, `FORBIDDEN`, `RATE_LIMITED`, ...); schema validation errors carry
 * `extensions.code` (`undefinedField`, ...) and no `type`. The GraphQL spec requires `message`, yet a
 * rate-limited body without one is what octokit/plugin-throttling tests against (#632), so it is optional.
 *
 * @see https://spec.graphql.org/October2021/#sec-Errors
 * @see cli/go-gh pkg/api/errors.go (`GraphQLErrorItem`)
 */
export const githubGraphqlErrorSchema = z.object({
  type: z.optional(z.string()),
  message: z.optional(z.string()),
  path: z.optional(z.array(z.union([z.string(), z.number()]))),
  locations: z.optional(z.array(z.object({ line: z.number(), column: z.number() }))),
  extensions: z.optional(z.object({ code: z.optional(z.string()) })),
});

/**
 * A GraphQL response envelope: `{ data?, errors? }`; partial `data` may sit beside `errors`.
 *
 * @see https://spec.graphql.org/October2021/#sec-Response-Format
 */
export const githubGraphqlBodySchema = z.object({
  data: z.optional(z.unknown()),
  errors: z.optional(z.array(githubGraphqlErrorSchema)),
});
