// The documented shapes of Microsoft Graph's bodies. Not run in production (nothing under src/index.ts imports this
// file): core's `readODataError` and `graph-batch.ts` read the same members by hand, and test/body-schemas.test.ts
// holds every fixture to these schemas and to those readers (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * `innerError` (the schema in the docs spells it `innererror`): ids and date, and in some workloads a more specific
 * `code` and a nested `innerError`. Other members (`message`, `status` in the throttling sample) pass through.
 *
 * @see microsoftgraph/msgraph-sdk-typescript packages/msgraph-sdk/models/oDataErrors/index.ts (InnerError)
 */
export const graphInnerErrorSchema = z.looseObject({
  code: z.optional(z.string()),
  date: z.optional(z.string()),
  'request-id': z.optional(z.string()),
  'client-request-id': z.optional(z.string()),
});

/**
 * Graph's error body: `{error: {code, message, target?, details?, innerError?}}`. `code` may be empty (a Planner 403
 * in the json-batching sample).
 *
 * @see https://learn.microsoft.com/graph/errors
 * @see microsoftgraph/msgraph-sdk-typescript packages/msgraph-sdk/models/oDataErrors/index.ts (MainError, ErrorDetails)
 */
export const graphErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    target: z.optional(z.string()),
    details: z.optional(
      z.array(
        z.object({ code: z.optional(z.string()), message: z.optional(z.string()), target: z.optional(z.string()) }),
      ),
    ),
    innerError: z.optional(graphInnerErrorSchema),
    innererror: z.optional(graphInnerErrorSchema),
  }),
});

/**
 * A `$batch` response: `responses[]` of `{id, status, headers?, body?}`, in any order.
 *
 * @see https://learn.microsoft.com/graph/json-batching
 */
export const graphBatchSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.int(),
      headers: z.optional(z.record(z.string(), z.string())),
      body: z.optional(z.unknown()),
    }),
  ),
});

/**
 * A collection page: `value[]` with `@odata.nextLink` while more pages follow (`@odata.deltaLink` on a delta's last).
 *
 * @see https://learn.microsoft.com/graph/paging
 */
export const graphCollectionSchema = z.looseObject({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.optional(z.string()),
  '@odata.deltaLink': z.optional(z.string()),
});
