import * as z from 'zod/mini';

// Every member is caught: one odd field (a number where a string was due) must not throw away the
// rest of the envelope, and classification must never fail on a body of the wrong shape.
const text = z.catch(z.optional(z.string()), undefined);
// Lists stay `unknown[]` so that one non-string entry does not drop its well-formed neighbours.
const list = z.catch(z.optional(z.array(z.unknown())), undefined);

/**
 * `response_metadata` of a Web API response: the pagination cursor, warning codes and the
 * human-readable `[ERROR]`/`[WARN]` messages Slack adds to some errors (`invalid_arguments`,
 * `invalid_blocks`, `invalid_attachments`).
 *
 * @see https://api.slack.com/changelog/2016-09-28-response-metadata-is-on-the-way
 */
export const slackResponseMetadataSchema = z.object({
  next_cursor: text,
  warnings: list,
  messages: list,
});

/**
 * The envelope every Slack Web API response shares, whatever its HTTP status:
 * `{ ok: true, warning?, ... }` or `{ ok: false, error: "<code>", ... }`. `needed`/`provided`
 * come with `missing_scope`, `detail` with some argument errors.
 *
 * @see https://docs.slack.dev/apis/web-api#responses
 */
export const slackEnvelopeSchema = z.object({
  ok: z.catch(z.optional(z.boolean()), undefined),
  error: text,
  /** One warning code, or several joined by commas. */
  warning: text,
  /** Older responses repeat the warning codes here, before `response_metadata` existed. */
  warnings: list,
  detail: text,
  needed: text,
  provided: text,
  response_metadata: z.catch(z.optional(slackResponseMetadataSchema), undefined),
});

/** A parsed Slack Web API envelope; every member may be missing. */
export type SlackEnvelope = z.infer<typeof slackEnvelopeSchema>;
