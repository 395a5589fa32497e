import { defineAdapter } from '@rosetta/core';
import { classifyXero } from './classify-xero';
import { xeroLimits } from './limits';

/**
 * The Xero API in Rosetta's error model. See `docs/providers/xero.md`.
 *
 * @example
 * const client = createClient(xero, { auth: { token: process.env.XERO_TOKEN } });
 * const answer = await client.get('/');
 */
export const xero = defineAdapter({
  id: 'xero',
  displayName: 'Xero',
  baseUrl: 'https://api.xero.com/api.xro/2.0',
  // The provider's credential schemes, most usual first: bearer, basic, header (a named header), query.
  auth: [{ type: 'bearer' }],
  // Declare here what the provider documents, each with its source in a comment (docs/writing-an-adapter.md,
  // "The contract"): docsUrl, requestIdHeaders, rateLimitHeaders, retryHintHeaders, idempotency, defaultHeaders,
  // retry (the official SDK's backoff), throttleRefusesRequest, pagination, warnings.
  limits: xeroLimits,
  classify: classifyXero,
});
