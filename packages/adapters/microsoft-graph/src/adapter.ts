import { defineAdapter } from '@rosetta/core';
import { classifyMicrosoftGraph } from './classify-microsoft-graph';
import { graphWarnings } from './graph-batch';
import { readGraphSdkError } from './graph-sdk-error';
import { microsoftGraphLimits } from './limits';

/**
 * Microsoft Graph v1.0 (`graph.microsoft.com/v1.0`) in Rosetta's error model: OData error bodies whose most specific
 * known code decides (`itemNotFound`, `Authorization_RequestDenied`, `ErrorItemNotFound`, `activityLimitReached`,
 * ...), delta resyncs (410 Gone, `resync*`, `syncStateNotFound`) as not-retryable conflicts, claims challenges
 * (`WWW-Authenticate: ... error="insufficient_claims"`) as authentication errors, `$batch` 200s with failed items
 * as successes with warnings, decimal `Retry-After` seconds, and the global and Outlook mailbox limits.
 * See `docs/providers/microsoft-graph.md`.
 *
 * @example
 * const client = createClient(microsoftGraph, { auth: { token: accessToken } });
 * const me = await client.get('/me', { query: { $select: 'displayName' } });
 */
export const microsoftGraph = defineAdapter({
  id: 'microsoft-graph',
  displayName: 'Microsoft Graph',
  docsUrl: 'https://learn.microsoft.com/graph/errors',
  // National clouds (graph.microsoft.us, microsoftgraph.chinacloudapi.cn, ...) are a `baseUrl` option away.
  baseUrl: 'https://graph.microsoft.com/v1.0',
  // Entra ID access tokens (delegated or app-only), obtained with MSAL or @azure/identity.
  auth: [{ type: 'bearer' }],
  // `request-id` is Graph's id of the request (also in the body's innerError); `client-request-id` echoes the id
  // the client sent. Support asks for both, with the timestamp.
  requestIdHeaders: ['request-id', 'client-request-id'],
  // Only the Identity and access service names the throttled scope (`Tenant_Application/ReadWrite/<app>/<tenant>`);
  // it has no remaining/limit headers (x-ms-throttle-limit-percentage is a share, not a count).
  rateLimitHeaders: { scope: 'x-ms-throttle-scope' },
  // msgraph-sdk-javascript RetryHandlerOptions: DEFAULT_DELAY 3 s; MAX_DELAY 180 s caps backoff (Rosetta never caps
  // a Retry-After below the server's own value; see the provider page).
  retry: { baseDelayMs: 3_000, maxDelayMs: 180_000 },
  limits: microsoftGraphLimits,
  warnings: graphWarnings,
  classify: classifyMicrosoftGraph,
  sdkError: readGraphSdkError,
});
