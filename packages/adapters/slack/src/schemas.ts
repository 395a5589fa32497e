// The documented shape of Slack's Web API envelope. Not run in production (nothing under src/index.ts imports
// this file): `slack-envelope.ts` reads the same members by hand, and test/body-schemas.test.ts holds every
// fixture to this schema and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

const text = z.optional(z.string());
const strings = z.optional(z.array(z.string()));

/**
 * `response_metadata` of a Web API response: the pagination cursor, warning codes and the
 * human-readable `[ERROR]`/`[WARN]` messages Slack adds to some errors (`invalid_arguments`,
 * `invalid_blocks`, `invalid_attachments`).
 *
 * @see https://api.slack.com/changelog/2016-09-28-response-metadata-is-on-the-way
 */
export const slackResponseMetadataSchema = z.object({
  next_cursor: text,
  warnings: strings,
  messages: strings,
});

/**
 * The envelope every Slack Web API response shares, whatever its HTTP status:
 * `{ ok: true, warning?, ... }` or `{ ok: false, error: "<code>", ... }`. `needed`/`provided`
 * come with `missing_scope`, `detail` with some argument errors.
 *
 * @see https://docs.slack.dev/apis/web-api#responses
 * @see slackapi/node-slack-sdk packages/web-api/src/WebClient.ts (`WebAPICallResult`)
 */
export const slackEnvelopeSchema = z.object({
  ok: z.boolean(),
  error: text,
  /** One warning code, or several joined by commas. */
  warning: text,
  /** Older responses repeat the warning codes here, before `response_metadata` existed. */
  warnings: strings,
  detail: text,
  needed: text,
  provided: text,
  response_metadata: z.optional(slackResponseMetadataSchema),
});
