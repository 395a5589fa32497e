import { defineAdapter } from '@rosetta/core';
import { readAsanaSdkError } from './asana-sdk-error';
import { asanaWarnings } from './asana-warnings';
import { classifyAsana } from './classify-asana';
import { asanaLimits } from './limits';

/**
 * The Asana REST API (`app.asana.com/api/1.0`) in Rosetta's error model: `errors[]` bodies (a 400's parameter as a
 * field error, a 500's support phrase as the request id), 429 and its 424 twin as rate limits, 501 from the load
 * balancers as transient, the 412 that hands `/events` a fresh sync token, failed jobs inside HTTP 200, offset
 * pagination, `Asana-Change` deprecation headers as warnings, and the per-token limits. See `docs/providers/asana.md`.
 *
 * @example
 * const client = createClient(asana, { auth: { token: process.env.ASANA_TOKEN } });
 * const { data } = await client.get<{ data: { gid: string } }>('/users/me');
 */
export const asana = defineAdapter({
  id: 'asana',
  displayName: 'Asana',
  docsUrl: 'https://developers.asana.com/reference/rest-api-reference',
  baseUrl: 'https://app.asana.com/api/1.0',
  // Personal access tokens, service account tokens and OAuth access tokens all go as
  // "Authorization: Bearer <token>" (developer-docs defs/asana_oas.yaml securitySchemes; node-asana src/ApiClient.js).
  auth: [{ type: 'bearer' }],
  // The OAuth token exchange (app.asana.com/-/oauth_token) carries these in its form body.
  credentialParams: ['client_secret', 'refresh_token', 'code'],
  // "Requests that hit any of our rate limits will receive a 429 ... Retry-After header indicating how many seconds
  // the client should wait before retrying the request", and the client libraries "automatically retry" it: a
  // throttled request is refused before it runs, whatever the method.
  throttleRefusesRequest: { source: 'https://developers.asana.com/docs/rate-limits' },
  // python-asana v3.2.3 asana/client.py: RETRY_DELAY 1.0 s doubled per retry (RETRY_BACKOFF 2.0), max_retries 5.
  retry: { maxRetries: 5, baseDelayMs: 1_000 },
  limits: asanaLimits,
  // `limit` and `offset` in the query; `next_page.offset` back, `next_page: null` on the last page (pagination docs).
  pagination: { type: 'cursor', cursorPath: ['next_page', 'offset'], cursorParam: 'offset', itemsPath: ['data'] },
  warnings: asanaWarnings,
  classify: classifyAsana,
  // node-asana v3 rejects with superagent's error (`err.status`, `err.response`): read as the answer it carries.
  sdkError: readAsanaSdkError,
});
