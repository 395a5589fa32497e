import { defineAdapter } from '@rosetta/core';
import { readAirtableSdkError } from './airtable-sdk-error';
import { airtableWarnings } from './airtable-warnings';
import { classifyAirtable } from './classify-airtable';
import { airtableLimits } from './limits';

/**
 * Airtable's Web API (`api.airtable.com/v0`) in Rosetta's error model: its three error body shapes (an error object,
 * a bare type string, an `errors` list), the type deciding the kind, a 429 told apart as "wait" (5 requests per
 * second per base, 50 per token, then a 30-second penalty) or "quota spent" (the plan's monthly calls), the field
 * named inside a 422 message, OAuth token errors, offset pagination and broken-webhook warnings. See
 * `docs/providers/airtable.md`.
 *
 * @example
 * const client = createClient(airtable, { auth: { token: process.env.AIRTABLE_TOKEN } });
 * const { records } = await client.get<{ records: unknown[] }>('/v0/{baseId}/{table}', {
 *   params: { baseId: 'appFAKE0000000001', table: 'Tasks' },
 * });
 */
export const airtable = defineAdapter({
  id: 'airtable',
  displayName: 'Airtable',
  docsUrl: 'https://airtable.com/developers/web/api/introduction',
  baseUrl: 'https://api.airtable.com',
  // Personal access tokens and OAuth access tokens are bearer tokens (airtable.js src/base.ts `_getRequestHeaders`);
  // the OAuth token endpoint takes a confidential client's id and secret as basic auth.
  auth: [{ type: 'bearer' }, { type: 'basic' }],
  // The OAuth token endpoint's form members (airtable.com/developers/web/api/oauth-reference).
  credentialParams: ['client_secret', 'refresh_token', 'code', 'code_verifier'],
  // A throttled request did not succeed ("must wait 30 seconds before subsequent requests will succeed"), and the
  // official client resends every 429 whatever the method (src/base.ts `makeRequest`).
  throttleRefusesRequest: {
    source:
      'https://support.airtable.com/docs/managing-api-call-limits-in-airtable ; Airtable/airtable.js src/base.ts makeRequest',
  },
  // airtable.js src/internal_config.json: INITIAL_RETRY_DELAY_IF_RATE_LIMITED 5000; the cap is the documented
  // 30-second penalty, not the SDK's 600000 (a 10-minute backoff outlasts any penalty Airtable describes).
  retry: { baseDelayMs: 5_000, maxDelayMs: 30_000 },
  limits: airtableLimits,
  // List records: `offset` in the query, `offset` back while more pages follow (airtable.js src/query.ts `eachPage`).
  pagination: { type: 'cursor', cursorPath: ['offset'], cursorParam: 'offset', itemsPath: ['records'] },
  warnings: airtableWarnings,
  classify: classifyAirtable,
  sdkError: readAirtableSdkError,
});
