import { defineAdapter } from '@rosetta/core';
import { classifyTwilio } from './classify-twilio';
import { twilioLimits } from './limits';

/**
 * The Twilio API in Rosetta's error model. See `docs/providers/twilio.md`.
 *
 * @example
 * const client = createClient(twilio, { auth: { token: process.env.TWILIO_TOKEN } });
 * const answer = await client.get('/');
 */
export const twilio = defineAdapter({
  id: 'twilio',
  displayName: 'Twilio',
  baseUrl: 'https://api.twilio.com',
  // The provider's credential schemes, most usual first: bearer, basic, header (a named header), query.
  auth: [{ type: 'bearer' }],
  // Declare here what the provider documents, each with its source in a comment (docs/writing-an-adapter.md,
  // "The contract"): docsUrl, requestIdHeaders, rateLimitHeaders, retryHintHeaders, idempotency, defaultHeaders,
  // retry (the official SDK's backoff), throttleRefusesRequest, pagination, warnings.
  limits: twilioLimits,
  classify: classifyTwilio,
});
