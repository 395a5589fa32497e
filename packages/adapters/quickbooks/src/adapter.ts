import { defineAdapter } from '@rosetta/core';
import { classifyQuickbooks } from './classify-quickbooks';
import { quickbooksLimits } from './limits';
import { readQuickbooksSdkError } from './quickbooks-sdk-error';
import { quickbooksWarnings } from './quickbooks-warnings';

/**
 * QuickBooks Online's Accounting API in Rosetta's error model: Fault bodies in both casings (the API's `Fault.Error`,
 * the gateway's `fault.error`) and in XML, Fault codes over Fault types (610 not found, 5010/6240/6140 conflicts,
 * 6190 billing, 120/3100 permission, 3200 authentication), Faults inside HTTP 200 (the body's own, or every item of
 * a batch; a partly failed batch is a success with warnings), 429s without Retry-After (60 seconds), and the
 * per-realm limits. See `docs/providers/quickbooks.md`.
 *
 * Every company (realm) has its own base URL: pass `quickbooksUrl(realmId)` (or `{ sandbox: true }`). Authenticate
 * with the OAuth 2.0 access token issued for that company.
 *
 * @example
 * const client = createClient(quickbooks, {
 *   baseUrl: quickbooksUrl(realmId),
 *   auth: { token: process.env.QUICKBOOKS_ACCESS_TOKEN },
 * });
 * const { Invoice } = await client.get<{ Invoice: unknown }>('/invoice/{id}', { params: { id: 130 } });
 */
export const quickbooks = defineAdapter({
  id: 'quickbooks',
  displayName: 'QuickBooks Online',
  docsUrl: 'https://developer.intuit.com/app/developer/qbo/docs/develop/troubleshooting/error-codes',
  baseUrl: 'https://quickbooks.api.intuit.com/v3/company/{realmId}',
  // "Authorization: Bearer {access_token}" (OAuth 2.0); intuit/QuickBooks-V3-PHP-SDK SyncRestHandler.php
  // getOAuth2AuthorizationHeader builds the same header.
  auth: [{ type: 'bearer' }],
  // The OAuth token endpoint (oauth.platform.intuit.com) carries these in its form bodies.
  credentialParams: ['client_secret', 'refresh_token', 'code'],
  // Intuit's transaction id, "intuit_tid", on every answer: the id Intuit support asks for (PHP SDK CoreConstants
  // INTUIT_TID; .NET SDK FaultHandler.cs reads the same header).
  requestIdHeaders: ['intuit_tid'],
  // The RequestID "as a query string parameter": "If the service receives another request with the same RequestID,
  // instead of performing the operation again ... the service sends the same response" (blogs.intuit.com/blog/2015/
  // 04/06/15346/). A call's `idempotencyKey` is sent as `?requestid=`, and makes a POST safe to resend. Not generated:
  // with a RequestID, a batch's `bId`s may have at most 10 characters, so adding one to every POST would break batches.
  idempotency: { param: 'requestid', generate: false },
  // "You'll see HTTP Status Code 429 when throttling occurs. If you see this, wait 60 seconds before retrying the
  // request": the throttled request was refused, and is to be resent.
  throttleRefusesRequest: {
    source: 'https://developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles',
  },
  limits: quickbooksLimits,
  warnings: quickbooksWarnings,
  classify: classifyQuickbooks,
  sdkError: readQuickbooksSdkError,
});
