// The documented shapes of Zendesk's bodies. Not run in production (nothing under src/index.ts imports this file):
// `zendesk-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to these
// schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * A named error: `{ error: 'RecordNotFound', description: 'Not found' }`, `InvalidEndpoint`, `TooManyJobs` (with
 * `current_job_ids`), and `RecordInvalid` with `details: { field: [{ description, error }] }` (`error` is
 * `DuplicateValue`, `InvalidValue`, ...). `error` may also be a sentence and nothing else (`Couldn't authenticate
 * you`).
 *
 * @see https://developer.zendesk.com/api-reference/introduction/requests (400 range, 422)
 * @see https://developer.zendesk.com/api-reference/introduction/rate-limits/#job-limit (`TooManyJobs`)
 * @see zendesk/zendesk_api_client_php src/Zendesk/API/Exceptions/ApiResponseException.php (`details`, DuplicateValue)
 * @see zendesk/zendesk_api_client_rb lib/zendesk_api/error.rb (`RecordInvalid#errors` = body `details`)
 */
export const zendeskNamedErrorSchema = z.object({
  error: z.string(),
  description: z.optional(z.string()),
  details: z.optional(
    z.record(z.string(), z.array(z.object({ description: z.optional(z.string()), error: z.optional(z.string()) }))),
  ),
  current_job_ids: z.optional(z.array(z.string())),
});

/**
 * A wrapped error: `{ error: { title: 'Forbidden', message } }`.
 *
 * @see blakmatrix/node-zendesk src/clients/client.js `request()` (reads `result.error.title` and `.message`)
 */
export const zendeskWrappedErrorSchema = z.object({
  error: z.object({ title: z.optional(z.string()), message: z.optional(z.string()) }),
});

/**
 * A list of errors: `{ errors: [{ code: 'QueryError', title: 'Invalid type:sample_type' }] }`; an empty list is none.
 *
 * @see https://developer.zendesk.com/api-reference/ticketing/organizations/organizations/#autocomplete-organizations
 */
export const zendeskErrorListSchema = z.object({
  errors: z
    .array(
      z.object({
        code: z.optional(z.string()),
        title: z.optional(z.string()),
        detail: z.optional(z.string()),
        status: z.optional(z.union([z.string(), z.number()])),
      }),
    )
    .check(z.minLength(1)),
});

/**
 * A background job's status (`GET /api/v2/job_statuses/{id}`): `queued` and `working`, then one of the terminal
 * `completed`, `failed`, `killed`.
 *
 * @see https://developer.zendesk.com/api-reference/ticketing/ticket-management/job_statuses/
 * @see blakmatrix/node-zendesk src/clients/job-monitor.js (`TERMINAL_STATUSES`)
 */
export const zendeskJobStatusSchema = z.object({
  job_status: z.object({
    id: z.string(),
    status: z.enum(['queued', 'working', 'completed', 'failed', 'killed']),
    message: z.optional(z.nullable(z.string())),
    results: z.optional(z.nullable(z.array(z.unknown()))),
  }),
});

/**
 * A page of a cursor-paginated list: the items under the resource's name (`tickets`, `users`), `meta` with
 * `has_more`, `after_cursor`, `before_cursor`, and `links` with the `next`/`prev` URLs.
 *
 * @see https://developer.zendesk.com/api-reference/introduction/pagination/
 */
export const zendeskCursorPageSchema = z.object({
  meta: z.object({
    has_more: z.boolean(),
    after_cursor: z.nullable(z.string()),
    before_cursor: z.optional(z.nullable(z.string())),
  }),
  links: z.optional(z.object({ next: z.nullable(z.string()), prev: z.optional(z.nullable(z.string())) })),
});
