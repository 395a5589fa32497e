import { defineAdapter } from '@rosetta/core';
import { classifyAsana } from './classify-asana';
import { asanaLimits } from './limits';

/**
 * The Asana API in Rosetta's error model. See `docs/providers/asana.md`.
 *
 * @example
 * const client = createClient(asana, { auth: { token: process.env.ASANA_TOKEN } });
 * const answer = await client.get('/');
 */
export const asana = defineAdapter({
  id: 'asana',
  displayName: 'Asana',
  baseUrl: 'https://app.asana.com/api/1.0',
  // The provider's credential schemes, most usual first: bearer, basic, header (a named header), query.
  auth: [{ type: 'bearer' }],
  // Declare here what the provider documents, each with its source in a comment (docs/writing-an-adapter.md,
  // "The contract"): docsUrl, requestIdHeaders, rateLimitHeaders, retryHintHeaders, idempotency, defaultHeaders,
  // retry (the official SDK's backoff), throttleRefusesRequest, pagination, warnings.
  limits: asanaLimits,
  classify: classifyAsana,
});
