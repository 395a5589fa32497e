import * as z from 'zod/mini';

// Every member is caught on its own: one odd field (a number where a string was due, a null)
// must cost that field only, never the reading of the whole body.
const text = z.catch(z.optional(z.string()), undefined);

/**
 * One object item of a REST `errors` array (OpenAPI `validation-error`):
 * `{ resource, field, code, message? }`, `code` one of `missing`, `missing_field`, `invalid`,
 * `already_exists`, `unprocessable`, `custom`.
 */
export const githubFieldErrorSchema = z.object({
  resource: text,
  field: text,
  code: text,
  message: text,
});

/** A parsed {@link githubFieldErrorSchema}. */
export type GitHubFieldError = z.infer<typeof githubFieldErrorSchema>;

/**
 * A REST error body (OpenAPI `basic-error`, `validation-error`, `validation-error-simple`):
 * `{ message, documentation_url, status?, errors? }`. `errors` items are objects or bare strings,
 * so they are kept unknown here and read one by one.
 */
export const githubRestErrorSchema = z.object({
  message: text,
  documentation_url: text,
  errors: z.catch(z.optional(z.array(z.unknown())), undefined),
});

/** A parsed {@link githubRestErrorSchema}. */
export type GitHubRestError = z.infer<typeof githubRestErrorSchema>;

/**
 * One item of a GraphQL `errors` array: `{ type?, message, path?, locations?, extensions? }`.
 * `type` is GitHub's (`NOT_FOUND`, `FORBIDDEN`, `RATE_LIMITED`, ...); schema validation errors carry
 * `extensions.code` (`undefinedField`, ...) and no `type`.
 */
export const githubGraphqlErrorSchema = z.object({
  type: text,
  message: text,
  path: z.catch(z.optional(z.array(z.union([z.string(), z.number()]))), undefined),
  extensions: z.catch(z.optional(z.object({ code: text })), undefined),
});

/** A parsed {@link githubGraphqlErrorSchema}. */
export type GitHubGraphqlError = z.infer<typeof githubGraphqlErrorSchema>;

/** A GraphQL response envelope: `{ data?, errors? }`; partial `data` may sit beside `errors`. */
export const githubGraphqlBodySchema = z.object({
  data: z.optional(z.unknown()),
  errors: z.catch(z.optional(z.array(z.unknown())), undefined),
});

/** A parsed {@link githubGraphqlBodySchema}. */
export type GitHubGraphqlBody = z.infer<typeof githubGraphqlBodySchema>;
