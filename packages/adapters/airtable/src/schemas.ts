// The documented shapes of Airtable's bodies. Not run in production (nothing under src/index.ts imports this file):
// `airtable-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to these
// schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/** An Airtable error type: upper snake case (`NOT_FOUND`), unlike RFC 6749's lower-case codes. */
const airtableType = z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/));

/**
 * The documented error body: "a JSON-encoded body that contains error and message fields", the error an object
 * with `type` and `message` (`message` is absent from some answers, e.g. an expired list iterator).
 *
 * @see https://airtable.com/developers/web/api/errors
 * @see Airtable/airtable.js src/base.ts (`_checkStatusForError` reads `error.type` and `error.message`)
 */
export const airtableErrorSchema = z.object({
  error: z.object({ type: airtableType, message: z.optional(z.string()) }),
});

/**
 * The bare form: the type as the `error` string, e.g. `{"error": "NOT_FOUND"}` for an unknown route.
 *
 * @see Airtable/airtable.js test/test_helpers.js (the mock API's fallback 404)
 */
export const airtableBareErrorSchema = z.object({ error: airtableType, message: z.optional(z.string()) });

/**
 * The list form, seen on 429s: `{"errors": [{"error": "RATE_LIMIT_REACHED", "message": "..."}]}`.
 *
 * @see https://github.com/hackclub/hackatime/issues/299 (a captured 429 body)
 */
export const airtableErrorListSchema = z.object({
  errors: z.array(z.object({ error: airtableType, message: z.optional(z.string()) })).check(z.minLength(1)),
});

/**
 * The OAuth token endpoint's RFC 6749 error (`https://airtable.com/oauth2/v1/token`), read by core's shared reader.
 *
 * @see https://airtable.com/developers/web/api/oauth-reference
 */
export const airtableOAuthErrorSchema = z.object({
  error: z.string().check(z.regex(/^[a-z_]+$/)),
  error_description: z.optional(z.string()),
});

/**
 * A page of "list records": `records`, and `offset` while more pages follow (sent back as the `offset` parameter).
 *
 * @see https://airtable.com/developers/web/api/list-records
 * @see Airtable/airtable.js src/query.ts (`eachPage`: `result.offset` becomes `params.offset`)
 */
export const airtableRecordListSchema = z.object({
  records: z.array(z.object({ id: z.string() })),
  offset: z.optional(z.string()),
});

/**
 * A page of "list webhook payloads"; a payload with `error: true` reports a broken webhook by its `code`.
 *
 * @see https://airtable.com/developers/web/api/list-webhook-payloads
 * @see https://airtable.com/developers/web/api/model/webhooks-payload
 */
export const airtableWebhookPayloadsSchema = z.object({
  payloads: z.array(z.object({ error: z.optional(z.literal(true)), code: z.optional(z.string()) })),
  cursor: z.number(),
  mightHaveMore: z.boolean(),
});
