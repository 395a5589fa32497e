// The documented shapes of Twilio's bodies. Not run in production (nothing under src/index.ts imports this file):
// `twilio-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to these
// schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * The legacy error body of the 2010 API and most v1/v2 product APIs: Twilio's numeric `code`, `message`,
 * `more_info` (the error's page) and the HTTP `status`; `details` on some products.
 *
 * @see twilio/twilio-node src/base/RestException.ts (`message`, `code`, `more_info`, `details`)
 * @see twilio/twilio-oai spec/json/twilio_oauth_v2.json `components.schemas.Error` (`code`, `message`, `more_info`, `status`)
 * @see https://www.twilio.com/docs/usage/twilios-response
 */
export const twilioLegacyErrorSchema = z.object({
  code: z.optional(z.number()),
  message: z.string(),
  more_info: z.optional(z.string()),
  status: z.optional(z.number()),
  details: z.optional(z.record(z.string(), z.unknown())),
});

/**
 * RFC 9457 problem details with Twilio's `code`; the SDK picks this shape only when `type`/`title` are strings and
 * `status`/`code` are numbers. `errors[]` lists validation failures by JSON pointer.
 *
 * @see twilio/twilio-node src/base/TwilioServiceException.ts (`TwilioServiceErrorResponse`, `isRFC9457Response`)
 */
export const twilioProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.number(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ detail: z.string(), pointer: z.string() }))),
});

/**
 * Bulk Messaging's (`comms.twilio.com/v1`, JSON bodies) list of errors: each with Twilio's `code`, a `message`, the
 * code's `infoUrl` and a `context` (a JSON path of the errant field, the string `"null"` when there is none).
 *
 * @see https://www.twilio.com/docs/bulk-messaging/api/seek-message-resource (400, 404 and 429 answers)
 */
export const twilioErrorListSchema = z.object({
  errors: z.array(
    z.object({
      code: z.number(),
      message: z.string(),
      infoUrl: z.optional(z.string()),
      context: z.optional(z.string()),
    }),
  ),
});
