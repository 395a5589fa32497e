// The documented shapes of Asana's bodies. Not run in production (nothing under src/index.ts imports this file):
// `asana-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to these
// schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * One entry of `errors`: `message` ("project: Missing input"), `help` (a link to the errors docs), and on 500s only
 * `phrase` ("6 sad squid snuggle softly"), which Asana support uses to find the occurrence. All optional.
 *
 * @see https://developers.asana.com/docs/errors
 * @see Asana/developer-docs defs/asana_oas.yaml (`components.schemas.Error`)
 */
export const asanaErrorSchema = z.object({
  message: z.optional(z.string()),
  help: z.optional(z.string()),
  phrase: z.optional(z.string()),
});

/**
 * The body of every error but the 412 of `/events`: "an errors field at the top level ... an array of at least one
 * error object".
 *
 * @see Asana/developer-docs defs/asana_oas.yaml (`components.schemas.ErrorResponse`)
 */
export const asanaErrorResponseSchema = z.object({
  errors: z.array(asanaErrorSchema).check(z.minLength(1)),
});

/**
 * `/events`' 412 (first call without a sync token, or an expired one): a message and a fresh `sync` token.
 *
 * @see Asana/python-asana v3.2.3 tests/test_client_events.py (`test_project_events_get_invalid_token`),
 *   asana/error.py (`InvalidTokenError` reads `response.json()['sync']`)
 * @see Asana/node-asana README.md "Getting events" (`error.response.body.sync`)
 */
export const asanaSyncErrorSchema = z.object({
  message: z.optional(z.string()),
  sync: z.string(),
});

/**
 * A page of a list endpoint: `data` and `next_page` (`{offset, path, uri}`, or null on the last page); `/events`
 * answers `data`, `sync` and `has_more` instead.
 *
 * @see https://developers.asana.com/docs/pagination
 * @see Asana/developer-docs defs/asana_oas.yaml (`/events` `getEvents` 200)
 */
export const asanaListSchema = z.object({
  data: z.array(z.unknown()),
  next_page: z.optional(z.nullable(z.object({ offset: z.string(), path: z.string(), uri: z.string() }))),
  sync: z.optional(z.string()),
  has_more: z.optional(z.boolean()),
});

/**
 * A job (`GET /jobs/{job_gid}`): `status` moves from `not_started`/`in_progress` to `succeeded` or `failed`.
 *
 * @see Asana/developer-docs defs/asana_oas.yaml (`components.schemas.JobCompact`)
 */
export const asanaJobSchema = z.object({
  data: z.object({
    gid: z.string(),
    resource_type: z.literal('job'),
    resource_subtype: z.optional(z.string()),
    status: z.enum(['not_started', 'in_progress', 'succeeded', 'failed']),
  }),
});
