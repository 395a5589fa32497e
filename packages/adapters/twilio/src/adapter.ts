import { defineAdapter } from '@rosetta/core';
import { classifyTwilio } from './classify-twilio';
import { twilioLimits } from './limits';
import { readTwilioSdkError } from './twilio-sdk-error';

/**
 * Twilio's REST API 2010 (`api.twilio.com/2010-04-01`) and its v1/v2 product APIs in Rosetta's error model: its three
 * error bodies (legacy `{code, message, more_info, status}`, RFC 9457 problem details with a `code`, Bulk Messaging's
 * `errors[]`), Twilio's error code over the HTTP status, 20429 as the account's concurrency cap (refused, so safe to
 * resend), Verify's spent attempts, and a POST's 500 that may have sent the message. See `docs/providers/twilio.md`.
 *
 * Bodies go form-encoded, as the 2010 API and most products take them; the JSON APIs (`comms.twilio.com`, Content,
 * Conversations v2, ...) take a string body with `content-type: application/json`. Each product has its own host:
 * pass `twilioUrl('verify')` as `baseUrl`. Paths of the 2010 API end in `.json` (XML is its default).
 *
 * @example
 * const client = createClient(twilio, {
 *   auth: { username: process.env.TWILIO_API_KEY, password: process.env.TWILIO_API_SECRET },
 * });
 * await client.post('/2010-04-01/Accounts/{sid}/Messages.json', {
 *   params: { sid: accountSid },
 *   body: { To: '+15558675310', From: '+15017122661', Body: 'Hello' },
 * });
 */
export const twilio = defineAdapter({
  id: 'twilio',
  displayName: 'Twilio',
  docsUrl: 'https://www.twilio.com/docs/usage/twilios-response',
  baseUrl: 'https://api.twilio.com',
  // HTTP basic auth: Account SID and Auth Token, or API Key SID and secret (docs/api/errors/20003,
  // "Authenticating requests to the Twilio API"); OAuth access tokens go as bearer tokens.
  auth: [{ type: 'basic' }, { type: 'bearer' }],
  // `Twilio-Request-Id: RQ...` on every answer.
  requestIdHeaders: ['twilio-request-id'],
  // twilio-node src/base/RequestClient.ts: DEFAULT_CONTENT_TYPE = "application/x-www-form-urlencoded".
  bodyEncoding: 'form',
  // "An API Request that receives an error 429 response is never processed and is always safe to retry."
  throttleRefusesRequest: { source: 'https://www.twilio.com/docs/api/errors/20429' },
  // twilio-node's opt-in autoRetry waits random · min(3,000 ms, 100 ms · 2^n) before retry n: full jitter from
  // 200 ms, capped at 3 s, which is core's `random · min(max, base · 2^(n-1))` with these numbers.
  retry: { baseDelayMs: 200, maxDelayMs: 3_000 },
  limits: twilioLimits,
  classify: classifyTwilio,
  sdkError: readTwilioSdkError,
});
