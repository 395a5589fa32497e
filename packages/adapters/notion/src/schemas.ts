// The documented shapes of Notion's bodies. Not run in production (nothing under src/index.ts imports this file):
// `notion-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to these
// schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * Notion's error object, the body of every API error and the `error` of a failed async task.
 * `additional_data` holds strings or string lists (`rate_limit_reason`, `error_type`, `minimum_api_version`).
 *
 * @see https://developers.notion.com/reference/status-codes
 * @see makenotion/notion-sdk-js src/errors.ts (`parseAPIErrorResponseBody`, `AdditionalData`)
 */
export const notionErrorSchema = z.object({
  object: z.optional(z.literal('error')),
  status: z.optional(z.number()),
  code: z.string(),
  message: z.string(),
  request_id: z.optional(z.string()),
  additional_data: z.optional(z.record(z.string(), z.union([z.string(), z.array(z.string())]))),
});

/**
 * An async task (`GET /v1/async_tasks/{task_id}`, and the answer of calls made with `allow_async`): a 200 whose
 * `status` moves from `queued`/`running`/`retrying` to `succeeded` (with `result`) or `failed` (with `error`).
 *
 * @see makenotion/notion-sdk-js src/api-endpoints/async-tasks.ts (`GetAsyncTaskResponse`)
 */
export const notionAsyncTaskSchema = z.object({
  object: z.literal('async_task'),
  id: z.string(),
  status: z.enum(['queued', 'running', 'retrying', 'succeeded', 'failed']),
  error: z.optional(notionErrorSchema),
});

/**
 * A page of a list endpoint: `results`, `has_more`, `next_cursor` (null on the last page), and `request_status` when
 * the result set was capped.
 *
 * @see https://developers.notion.com/reference/intro#pagination
 * @see makenotion/notion-sdk-js src/api-endpoints/blocks.ts (`ListBlockChildrenResponse`), common.ts (`RequestStatusResponse`)
 */
export const notionListSchema = z.object({
  object: z.literal('list'),
  results: z.array(z.unknown()),
  has_more: z.boolean(),
  next_cursor: z.nullable(z.string()),
  request_status: z.optional(
    z.object({
      type: z.enum(['complete', 'incomplete']),
      incomplete_reason: z.optional(z.string()),
    }),
  ),
});

/**
 * An OAuth 2.0 error (RFC 6749 §5.2), as `/v1/oauth/token` may answer instead of Notion's error object.
 *
 * @see makenotion/notion-sdk-js test/Client.test.ts ("does not attribute an origin response to the edge proxy")
 */
export const notionOAuthErrorSchema = z.object({
  error: z.string(),
  error_description: z.optional(z.string()),
  request_id: z.optional(z.string()),
});
