// The documented shapes of Salesforce's bodies. Not run in production (nothing under src/index.ts imports this file):
// `salesforce-error-body.ts` and `item-errors.ts` read the same members by hand, and test/body-schemas.test.ts holds
// every fixture to these schemas and to those readers (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * The REST API's error body: a JSON array of `{message, errorCode, fields?}`.
 *
 * @see https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm (MALFORMED_ID, NOT_FOUND)
 * @see jsforce/jsforce src/http-api.ts (`getError`: one element unwrapped, several = MULTIPLE_API_ERRORS)
 */
export const salesforceErrorsSchema = z.array(
  z.object({ message: z.string(), errorCode: z.string(), fields: z.optional(z.array(z.string())) }),
);

/** A record's error inside a SaveResult or a tree result: `statusCode`, not `errorCode`. */
const recordErrorSchema = z.object({ statusCode: z.string(), message: z.string(), fields: z.array(z.string()) });

/**
 * sObject Collections (`/composite/sobjects`): 200 OK with one SaveResult per record.
 *
 * @see https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_create.htm
 */
export const saveResultsSchema = z.array(
  z.object({ id: z.optional(z.string()), success: z.boolean(), errors: z.array(recordErrorSchema) }),
);

/**
 * Composite (`/composite`): 200 OK with one result per subrequest; a failed one has an error array as `body`.
 *
 * @see https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_allornone.htm
 */
export const compositeResponseSchema = z.object({
  compositeResponse: z.array(
    z.object({
      body: z.unknown(),
      httpHeaders: z.record(z.string(), z.string()),
      httpStatusCode: z.number(),
      referenceId: z.string(),
    }),
  ),
});

/**
 * Composite Batch (`/composite/batch`): `hasErrors` "if at least one of the results ... is an HTTP status code in the
 * 400 or 500 range"; a failed result is "a collection containing the error message and error code".
 *
 * @see https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/responses_composite_batch.htm
 */
export const batchResponseSchema = z.object({
  hasErrors: z.boolean(),
  results: z.array(z.object({ statusCode: z.number(), result: z.unknown() })),
});

/**
 * sObject Tree (`/composite/tree/{sObject}`): on failure "only the reference ID of the record that caused the error
 * and the error information"; nothing is created.
 *
 * @see https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/responses_composite_sobject_tree.htm
 */
export const treeResponseSchema = z.object({
  hasErrors: z.boolean(),
  results: z.array(
    z.object({ referenceId: z.string(), id: z.optional(z.string()), errors: z.optional(z.array(recordErrorSchema)) }),
  ),
});

/**
 * The OAuth token endpoint's errors (`/services/oauth2/token`): RFC 6749 bodies.
 *
 * @see https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flow_errors.htm
 */
export const oauthErrorSchema = z.object({ error: z.string(), error_description: z.optional(z.string()) });
