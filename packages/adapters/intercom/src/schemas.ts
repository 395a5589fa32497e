// The documented shapes of Intercom's bodies. Not run in production (nothing under src/index.ts imports this
// file): `intercom-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to
// these schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/** One error of an error list. @see intercom/intercom-node src/api/types/Error_.ts `Error_.Errors.Item` */
export const intercomErrorItemSchema = z.object({
  code: z.string(),
  message: z.optional(z.string()),
  field: z.optional(z.string()),
});

/**
 * Intercom's error list, the body of every documented error. `request_id` is optional in the SDK and nullable in
 * the OpenAPI description.
 *
 * @see intercom/intercom-node src/api/types/Error_.ts ; intercom/Intercom-OpenAPI descriptions/2.16/api.intercom.io.yaml
 *   `components.schemas.error`
 */
export const intercomErrorListSchema = z.object({
  type: z.literal('error.list'),
  request_id: z.optional(z.nullable(z.string())),
  errors: z.array(intercomErrorItemSchema).check(z.minLength(1)),
});

/**
 * The single error some newer endpoints answer instead of a list.
 *
 * @see intercom/Intercom-OpenAPI descriptions/2.16/api.intercom.io.yaml `/messages/whatsapp/status` 400 example
 */
export const intercomSingleErrorSchema = z.object({
  type: z.literal('error'),
  request_id: z.optional(z.string()),
  message: z.string(),
});

/** @see intercom/Intercom-OpenAPI descriptions/2.16/api.intercom.io.yaml `components.schemas.jobs` */
export const intercomJobSchema = z.object({
  type: z.literal('job'),
  id: z.string(),
  status: z.enum(['pending', 'success', 'failed']),
});

/** @see intercom/Intercom-OpenAPI descriptions/2.16/api.intercom.io.yaml `components.schemas.data_export` */
export const intercomDataExportSchema = z.object({
  job_identifier: z.string(),
  status: z.string(),
  download_url: z.optional(z.string()),
  download_expires_at: z.optional(z.string()),
});

/**
 * A list page: items under `data`, the next cursor at `pages.next.starting_after`.
 *
 * @see intercom/Intercom-OpenAPI descriptions/2.16/api.intercom.io.yaml `components.schemas.cursor_pages`,
 *   `starting_after_paging`
 */
export const intercomListSchema = z.object({
  type: z.literal('list'),
  data: z.array(z.unknown()),
  pages: z.optional(
    z.object({
      type: z.literal('pages'),
      next: z.optional(
        z.nullable(z.object({ per_page: z.optional(z.number()), starting_after: z.optional(z.nullable(z.string())) })),
      ),
    }),
  ),
});
