import { defineAdapter } from '@rosetta/core';
import { classifyZendesk } from './classify-zendesk';
import { zendeskLimits } from './limits';
import { readZendeskSdkError } from './zendesk-sdk-error';
import { zendeskWarnings } from './zendesk-warnings';

/**
 * Zendesk's Support (Ticketing) API in Rosetta's error model: its four error bodies (`{error, description}`,
 * `{error: {title, message}}`, `RecordInvalid` with field `details`, `{errors: [...]}`) and plain-text answers,
 * duplicates as conflicts, a creation race's 409 retried but a safe-update collision's not, the limit a 429 hit,
 * the job limit, a 503's Retry-After, failed jobs inside HTTP 200, and cursor pagination. See
 * `docs/providers/zendesk.md`.
 *
 * Every account has its own host, so `baseUrl` is a placeholder: pass `https://{subdomain}.zendesk.com/api/v2`
 * (`zendeskUrl` builds and checks it). An API token goes as basic auth, user `{email}/token`, password the token;
 * an OAuth access token as a bearer token (`scheme: 'bearer'`).
 *
 * @example
 * const client = createClient(zendesk, {
 *   baseUrl: zendeskUrl('acme'),
 *   auth: { username: 'agent@acme.example/token', password: process.env.ZENDESK_API_TOKEN },
 * });
 * const { ticket } = await client.get<{ ticket: unknown }>('/tickets/{id}', { params: { id: 42 } });
 */
export const zendesk = defineAdapter({
  id: 'zendesk',
  displayName: 'Zendesk Support',
  docsUrl: 'https://developer.zendesk.com/api-reference/ticketing/introduction/',
  baseUrl: 'https://{subdomain}.zendesk.com/api/v2',
  // "{email_address}/token:{api_token}" as basic auth, or "Authorization: Bearer {access_token}" (API introduction,
  // Security and authentication); node-zendesk src/clients/authorization-handler.js builds the same two headers.
  auth: [{ type: 'basic' }, { type: 'bearer' }],
  // POST /oauth/tokens and the OAuth token endpoint carry these in their bodies.
  credentialParams: ['client_secret', 'refresh_token', 'code'],
  // "provide the X-Zendesk-Request-Id header included in the HTTP response" (requests docs, 500 range).
  requestIdHeaders: ['x-zendesk-request-id', 'x-request-id'],
  // "X-Rate-Limit: 700", "X-Rate-Limit-Remaining: 699", and on Ticketing APIs "ratelimit-reset: 41", seconds
  // until the minute resets (rate-limits docs).
  rateLimitHeaders: {
    limit: 'x-rate-limit',
    remaining: 'x-rate-limit-remaining',
    reset: 'ratelimit-reset',
    resetUnit: 'seconds-until',
  },
  // Ticket creation takes an `Idempotency-Key` (kept 2 hours; other POSTs ignore it), so Rosetta sends the caller's
  // key and generates none: a generated key would make every POST look safe to resend.
  idempotency: { header: 'Idempotency-Key', methods: ['POST'], generate: false },
  // "When you reach the limit, the API stops processing any more requests until a certain amount of time has
  // passed"; the official Ruby client resends a 429 whatever the method (middleware/request/retry.rb).
  throttleRefusesRequest: {
    source:
      'https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/best-practices-for-avoiding-rate-limiting/ ; zendesk/zendesk_api_client_rb lib/zendesk_api/middleware/request/retry.rb',
  },
  limits: zendeskLimits,
  // Cursor pagination: `page[size]` on the first request, then `page[after]` = `meta.after_cursor`. Items sit
  // under the resource's name: `tickets` is the default, pass `itemsPath` for others (`['users']`).
  pagination: {
    type: 'cursor',
    cursorPath: ['meta', 'after_cursor'],
    cursorParam: 'page[after]',
    itemsPath: ['tickets'],
  },
  warnings: zendeskWarnings,
  classify: classifyZendesk,
  sdkError: readZendeskSdkError,
});
