import { defineAdapter } from '@rosetta/core';
import { classifyXero } from './classify-xero';
import { xeroLimits } from './limits';
import { readXeroSdkError } from './xero-sdk-error';
import { xeroWarnings } from './xero-warnings';

/**
 * Xero's Accounting and Payroll APIs in Rosetta's error model: the Accounting `ApiException` (`ValidationException`
 * with each element's validation messages), Payroll's problem details inside a `{ ..., problem }` envelope (whose
 * successes carry `"problem": null`), PascalCase 401/403 problem bodies (`TokenExpired`, a missing or revoked tenant),
 * which limit a 429 hit (`X-Rate-Limit-Problem`: the daily quota is spent, minute and concurrent limits are waits),
 * text 503s, and `summarizeErrors=false` batches whose every element failed inside HTTP 200. See
 * `docs/providers/xero.md`.
 *
 * Every call but `/connections` names its organisation in the `xero-tenant-id` header; Payroll lives under
 * `https://api.xero.com/payroll.xro/2.0` (UK, NZ) or `/payroll.xro/1.0` (AU): pass it as `baseUrl`.
 *
 * @example
 * const client = createClient(xero, { auth: { token: process.env.XERO_ACCESS_TOKEN } });
 * const { Invoices } = await client.get<{ Invoices: unknown[] }>('/Invoices', {
 *   headers: { 'xero-tenant-id': tenantId },
 * });
 */
export const xero = defineAdapter({
  id: 'xero',
  displayName: 'Xero',
  docsUrl: 'https://developer.xero.com/documentation/api/http-response-codes',
  baseUrl: 'https://api.xero.com/api.xro/2.0',
  // OAuth 2.0 access tokens as "Authorization: Bearer" (xero-node src/gen/api/accountingApi.ts, OAuth2 auth).
  auth: [{ type: 'bearer' }],
  // The identity endpoint (identity.xero.com/connect/token) takes these in its form body.
  credentialParams: ['client_secret', 'refresh_token', 'code'],
  // Every answer carries `xero-correlation-id` (XeroAPI/xero-ruby spec/api_error_spec.rb, recorded headers).
  requestIdHeaders: ['xero-correlation-id'],
  // Every PUT and POST of the Accounting and Payroll APIs takes `Idempotency-Key`: "This allows you to safely retry
  // requests without the risk of duplicate processing. 128 character max." (XeroAPI/Xero-OpenAPI xero_accounting.yaml
  // and xero-payroll-uk.yaml, parameters.idempotencyKey). Xero creates with PUT, so both methods get a generated key.
  idempotency: { header: 'Idempotency-Key', methods: ['POST', 'PUT'], generate: true },
  limits: xeroLimits,
  warnings: xeroWarnings,
  classify: classifyXero,
  sdkError: readXeroSdkError,
});
