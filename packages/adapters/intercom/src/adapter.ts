import { defineAdapter } from '@rosetta/core';
import { classifyIntercom } from './classify-intercom';
import { readIntercomSdkError } from './intercom-sdk-error';
import { intercomLimits } from './limits';

/**
 * The `Intercom-Version` sent on every request, the one the official SDK pins (intercom-node src/BaseClient.ts
 * `normalizeClientOptions`, v7.0.3). Without it Intercom answers in the version set on the app in the Developer Hub;
 * override it per client or call with an `Intercom-Version` header.
 */
export const INTERCOM_VERSION = '2.14';

/**
 * The Intercom REST API (`api.intercom.io`; `api.eu.intercom.io` and `api.au.intercom.io` for the other regions) in
 * Rosetta's error model: the error list's codes over statuses, the request id in the body, merged contacts (410 with
 * a canonical `Link`), the app's 10-second windows and the export-job limit, failed jobs inside HTTP 200, and
 * `starting_after` pagination. See `docs/providers/intercom.md`.
 *
 * @example
 * const client = createClient(intercom, { auth: { token: process.env.INTERCOM_TOKEN } });
 * const contact = await client.get('/contacts/{id}', { params: { id: contactId } });
 */
export const intercom = defineAdapter({
  id: 'intercom',
  displayName: 'Intercom',
  docsUrl: 'https://developers.intercom.com/docs/references/rest-api/api.intercom.io',
  baseUrl: 'https://api.intercom.io',
  // Access tokens (private apps) and OAuth tokens (public apps) are both bearer tokens (intercom-node
  // src/auth/BearerAuthProvider.ts).
  auth: [{ type: 'bearer' }],
  defaultHeaders: { 'Intercom-Version': INTERCOM_VERSION },
  // "X-RateLimit-Reset: Time when the number of requests will be reset to the maximum limit. Shown as UNIX
  // timestamp." (rate-limiting docs); the SDK reads it as seconds too (src/core/fetcher/requestWithRetries.ts).
  rateLimitHeaders: {
    limit: 'x-ratelimit-limit',
    remaining: 'x-ratelimit-remaining',
    reset: 'x-ratelimit-reset',
    resetUnit: 'epoch-seconds',
  },
  // A 429 is a request Intercom throttled, not one it processed ("we therefore measure the amount of requests sent to
  // the API in order to throttle these when they surpass the amount allowed"); the SDK resends a 429 whatever the
  // method.
  throttleRefusesRequest: {
    source:
      'https://developers.intercom.com/docs/references/2.17/rest-api/errors/rate-limiting ; intercom/intercom-node src/core/fetcher/requestWithRetries.ts',
  },
  // intercom-node src/core/fetcher/requestWithRetries.ts: INITIAL_RETRY_DELAY 1000, MAX_RETRY_DELAY 60000.
  retry: { baseDelayMs: 1_000, maxDelayMs: 60_000 },
  limits: intercomLimits,
  // Cursor lists (`/contacts`, `/companies/list`, `/data_connectors`, ...): `starting_after` back from
  // `pages.next.starting_after`, items under `data` (pass `itemsPath` for `/conversations`' `conversations`).
  pagination: {
    type: 'cursor',
    cursorPath: ['pages', 'next', 'starting_after'],
    cursorParam: 'starting_after',
    itemsPath: ['data'],
  },
  classify: classifyIntercom,
  sdkError: readIntercomSdkError,
});
