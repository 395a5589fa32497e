import { defineAdapter } from '@rosetta/core';
import { classifyHubSpot } from './classify-hubspot';
import { readHubspotSdkError } from './hubspot-sdk-error';
import { hubspotLimits } from './limits';

/**
 * HubSpot's CRM v3 APIs in Rosetta's error model: error categories (`VALIDATION_ERROR`, `OBJECT_NOT_FOUND`,
 * `MISSING_SCOPES`, ...), the 10-second burst, the search limit and the daily quota told apart on a 429
 * (`policyName`), `correlationId` as the request id, 207 batch answers as data. See `docs/providers/hubspot.md`.
 *
 * @example
 * const client = createClient(hubspot, { auth: { token: process.env.HUBSPOT_TOKEN } });
 * const contact = await client.get('/crm/v3/objects/contacts/{id}', { params: { id: '51' } });
 */
export const hubspot = defineAdapter({
  id: 'hubspot',
  displayName: 'HubSpot',
  docsUrl: 'https://developers.hubspot.com/docs/api-reference/error-handling',
  baseUrl: 'https://api.hubapi.com',
  // Private app tokens and OAuth access tokens both go as `Authorization: Bearer` (intro-to-auth docs); developer
  // API keys (app settings endpoints: webhooks, timeline event types) still go as the `hapikey` query parameter.
  auth: [{ type: 'bearer' }, { type: 'query', param: 'hapikey' }],
  // POST /oauth/v1/token carries these in its form body.
  credentialParams: ['client_secret', 'refresh_token'],
  // The same value as the body's `correlationId` ("Include this value with any error reports", codegen `Error`).
  requestIdHeaders: ['x-hubspot-correlation-id'],
  // The burst window's state; the daily pair is read by the `daily` bucket (limits.ts).
  rateLimitHeaders: { limit: 'x-hubspot-ratelimit-max', remaining: 'x-hubspot-ratelimit-remaining' },
  // "pause your requests for a few seconds, then retry" (error-handling docs: 502/504, 503, 521).
  retry: { baseDelayMs: 2_000 },
  // "Any app or integration exceeding its rate limits will receive a 429 error response for all subsequent API
  // calls": the call is answered with the 429 instead of being served. @hubspot/api-client resends every POST
  // (creates included) on TEN_SECONDLY_ROLLING and on the search limit (src/services/decorators/RetryDecorator.ts).
  throttleRefusesRequest: {
    source:
      'https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines ; HubSpot/hubspot-api-nodejs src/services/decorators/RetryDecorator.ts',
  },
  limits: hubspotLimits,
  // GET list endpoints: `{results: [...], paging: {next: {after}}}`, the next page via `?after=` (CRM objects docs).
  pagination: { type: 'cursor', cursorPath: ['paging', 'next', 'after'], cursorParam: 'after', itemsPath: ['results'] },
  classify: classifyHubSpot,
  sdkError: readHubspotSdkError,
});
