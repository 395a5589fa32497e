import { defineAdapter } from '@rosetta/core';
import { classifyIntercom } from './classify-intercom';
import { intercomLimits } from './limits';

/**
 * The Intercom API in Rosetta's error model. See `docs/providers/intercom.md`.
 *
 * @example
 * const client = createClient(intercom, { auth: { token: process.env.INTERCOM_TOKEN } });
 * const answer = await client.get('/');
 */
export const intercom = defineAdapter({
  id: 'intercom',
  displayName: 'Intercom',
  baseUrl: 'https://api.intercom.io',
  // The provider's credential schemes, most usual first: bearer, basic, header (a named header), query.
  auth: [{ type: 'bearer' }],
  // Declare here what the provider documents, each with its source in a comment (docs/writing-an-adapter.md,
  // "The contract"): docsUrl, requestIdHeaders, rateLimitHeaders, retryHintHeaders, idempotency, defaultHeaders,
  // retry (the official SDK's backoff), throttleRefusesRequest, pagination, warnings.
  limits: intercomLimits,
  classify: classifyIntercom,
});
