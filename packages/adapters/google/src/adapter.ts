import { defineAdapter } from '@rosetta/core';
import { classifyGoogle } from './classify-google';
import { readGaxiosError } from './gaxios-error';
import { googleWarnings } from './google-warnings';
import { googleLimits } from './limits';

/**
 * Google's JSON APIs in Rosetta's error model: Cloud APIs answering AIP-193 `google.rpc.Status` errors (canonical
 * codes, `ErrorInfo` reasons, `RetryInfo`, `QuotaFailure`, `BadRequest`), the Workspace legacy `errors[]` format
 * (Drive, Calendar, Gmail, whose rate limits come as 403), failed long-running operations in a 200, OAuth token
 * errors, and per-minute quotas. One adapter for every Google host: pass the API's `baseUrl`
 * (`https://www.googleapis.com` for Drive, Calendar, Gmail and the Cloud Storage JSON API, else the service's own
 * host such as `https://pubsub.googleapis.com`). See `docs/providers/google.md`.
 *
 * @example
 * const drive = createClient(google, { auth: { token: accessToken } });
 * const page = await drive.get('/drive/v3/files', { query: { pageSize: 100 } });
 */
export const google = defineAdapter({
  id: 'google',
  displayName: 'Google APIs',
  docsUrl: 'https://google.aip.dev/193',
  baseUrl: 'https://www.googleapis.com',
  // OAuth 2.0 access tokens; API keys in `X-Goog-Api-Key` or the `key` query parameter
  // (cloud.google.com/docs/authentication/api-keys-use).
  auth: [{ type: 'bearer' }, { type: 'header', header: 'x-goog-api-key' }, { type: 'query', param: 'key' }],
  // Google's system parameter `access_token`, and the secrets of oauth2.googleapis.com/token requests.
  credentialParams: ['access_token', 'refresh_token', 'client_secret'],
  // Google documents no request-id response header for its JSON APIs; a `google.rpc.RequestInfo` detail is read
  // from the body by the classify hook.
  // A rate-quota check happens before the method runs: "The request is denied because there is not enough rate quota
  // for the consumer" (error_reason.proto RATE_LIMIT_EXCEEDED); the Calendar and Gmail guides prescribe resending
  // rate-limited requests with exponential backoff, whatever the method.
  throttleRefusesRequest: {
    // Shipped text, kept short (bytes): the proto of googleapis/googleapis; the Calendar guide is cited above.
    source: 'google/api/error_reason.proto',
  },
  // Drive limits: "wait 1 + random_number_milliseconds … maximum_backoff is typically 32 or 64 seconds".
  retry: { baseDelayMs: 1_000, maxDelayMs: 32_000 },
  limits: googleLimits,
  // AIP-158: `pageToken` in, `nextPageToken` back. Items sit under a per-API name: `items` (Calendar, Cloud Storage,
  // the discovery-era default); pass `itemsPath` per call for Drive (`files`) or Gmail (`messages`).
  pagination: { type: 'cursor', cursorPath: ['nextPageToken'], cursorParam: 'pageToken', itemsPath: ['items'] },
  warnings: googleWarnings,
  classify: classifyGoogle,
  sdkError: readGaxiosError,
});
