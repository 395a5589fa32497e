import { defineAdapter } from './define-adapter';

/**
 * An adapter for any JSON HTTP API: core's defaults only (status table, Retry-After, rate-limit headers,
 * RFC 9457 problem details, common body shapes). Give the client a `baseUrl`.
 *
 * @example
 * const api = createClient(genericAdapter, { baseUrl: 'https://api.example.com', auth: { token } });
 */
export const genericAdapter = /* @__PURE__ */ defineAdapter({
  id: 'generic',
  displayName: 'Generic HTTP API',
  baseUrl: 'http://localhost',
  auth: [
    { type: 'bearer' },
    { type: 'basic' },
    { type: 'header', header: 'x-api-key' },
    { type: 'query', param: 'api_key' },
  ],
  pagination: { type: 'link' },
});
