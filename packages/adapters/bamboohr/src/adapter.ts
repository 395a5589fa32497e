import { defineAdapter } from '@rosetta/core';
import { classifyBamboohr } from './classify-bamboohr';
import { bamboohrLimits } from './limits';

/**
 * The BambooHR API in Rosetta's error model: errors as an empty body with the message in `X-BambooHR-Error-Message`
 * (or its misspelled twin), RFC 7807 problems on the newer endpoints, 406 and 409 as BambooHR defines them, and a 429
 * that is either throttling (with `Retry-After`) or the plan's employee limit. Paths include the company domain:
 * `/api/gateway.php/{company}/v1/...`. See `docs/providers/bamboohr.md`.
 *
 * @example
 * const client = createClient(bamboohr, { auth: { username: process.env.BAMBOOHR_API_KEY, password: 'x' } });
 * const employee = await client.get('/api/gateway.php/{company}/v1/employees/{id}', {
 *   params: { company: 'acme', id: '123' },
 *   query: { fields: 'firstName,lastName' },
 * });
 */
export const bamboohr = defineAdapter({
  id: 'bamboohr',
  displayName: 'BambooHR',
  docsUrl: 'https://documentation.bamboohr.com/docs/api-details',
  // The gateway host of the docs' OpenAPI servers; `https://{company}.bamboohr.com` works as a baseUrl too.
  baseUrl: 'https://api.bamboohr.com',
  // "Authentication: HTTP Basic, the API key as the username and any string as the password" (api-details):
  // `passwordDefault` lets `{ username: key }` suffice. OAuth apps send a bearer access token.
  auth: [{ type: 'basic', passwordDefault: 'x' }, { type: 'bearer' }],
  // The OAuth token endpoint (`/token.php?request=token`) takes the client secret and refresh token as form fields
  // (bhr-api-python bamboohr_sdk/client/auth/token_refresh_provider.py).
  credentialParams: ['client_secret', 'refresh_token'],
  // bhr-api-python bamboohr_sdk/client/middleware/request_id_middleware.py reads `x-request-id`.
  requestIdHeaders: ['x-request-id'],
  // Legacy endpoints answer errors with an empty body and the message in this header; the help centre spells it
  // with three s ("the extra s in the message will be there").
  messageHeaders: ['x-bamboohr-error-message', 'x-bamboohr-error-messsage'],
  limits: bamboohrLimits,
  classify: classifyBamboohr,
});
