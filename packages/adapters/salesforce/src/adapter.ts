import { defineAdapter } from '@rosetta/core';
import { classifySalesforce } from './classify-salesforce';
import { salesforceLimits } from './limits';
import { readSalesforceSdkError } from './salesforce-sdk-error';

/**
 * The REST API version `salesforceBaseUrl` pins (Spring '26). Salesforce serves every version back to 31.0 side by
 * side; jsforce pins its own default (`'50.0'`, src/connection.ts `defaultConnectionConfig`).
 */
export const SALESFORCE_API_VERSION = '66.0';

/**
 * The base URL of one org's REST API: `{instanceUrl}/services/data/v{version}`. Pass the token response's
 * `instance_url` (`https://MyDomainName.my.salesforce.com`); paths are then relative to the version root
 * (`/sobjects/Account/{id}`, `/query`), as jsforce's relative URLs are.
 *
 * @example
 * salesforceBaseUrl('https://acme.my.salesforce.com'); // 'https://acme.my.salesforce.com/services/data/v66.0'
 */
export function salesforceBaseUrl(instanceUrl: string, version: string = SALESFORCE_API_VERSION): string {
  return `${instanceUrl.replace(/\/+$/, '')}/services/data/v${version}`;
}

/**
 * The Salesforce REST API (`/services/data/vXX.X` on an org's own instance) in Rosetta's error model: the JSON array
 * error body, REQUEST_LIMIT_EXCEEDED told apart (24-hour allocation = `quota_exceeded`, concurrent long requests =
 * `rate_limited`), `Sforce-Limit-Info` as the allocation's state, sessions a refresh cannot fix, OAuth token errors,
 * Salesforce Edge statuses, and composite/collection answers as data. See `docs/providers/salesforce.md`.
 *
 * There is no shared host: every org has its own, so `baseUrl` is required in practice (the default is the docs'
 * placeholder, which Salesforce Edge answers with 420).
 *
 * @example
 * const client = createClient(salesforce, {
 *   baseUrl: salesforceBaseUrl(instanceUrl),
 *   auth: { token: accessToken },
 * });
 * const account = await client.get('/sobjects/Account/{id}', { params: { id } });
 */
export const salesforce = defineAdapter({
  id: 'salesforce',
  displayName: 'Salesforce',
  docsUrl: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/intro_rest.htm',
  baseUrl: salesforceBaseUrl('https://MyDomainName.my.salesforce.com'),
  // "Authorization: Bearer token": an OAuth access token or a session id (errorcodes.htm examples; jsforce beforeSend).
  auth: [{ type: 'bearer' }],
  // The OAuth token endpoint (`/services/oauth2/token`) takes these in its form body.
  credentialParams: ['client_secret', 'refresh_token', 'password', 'assertion'],
  // "Any new concurrent requests aren't processed until there are fewer requests than the allowed limit": the
  // concurrent REQUEST_LIMIT_EXCEEDED (the only `rate_limited` answer) is a refusal: the call applied nothing, so it is
  // never `possiblyProcessed` (it is not resent: no wait is published, see classify-salesforce.ts).
  throttleRefusesRequest: {
    source:
      'https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm',
  },
  limits: salesforceLimits,
  classify: classifySalesforce,
  sdkError: readSalesforceSdkError,
});
