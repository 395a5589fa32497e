import { type ClassifyHook, defineAdapter } from '@rosetta/core';

// Acme answers `{"status":"error","code":...}` inside an HTTP 200 when a write clashes.
const classify: ClassifyHook = ({ status, body }) => {
  if (status !== 200 || typeof body !== 'object' || body === null) return undefined;
  const { status: state, code } = body as { status?: unknown; code?: unknown };
  if (state !== 'error') return undefined;
  return { kind: 'conflict', retryable: false, ...(typeof code === 'string' ? { code } : {}) };
};

/**
 * A made-up provider for the conformance suite's self-test. It declares what the three real
 * adapters do not: a query-parameter credential, a custom credential header, idempotency keys on
 * PATCH too, a base path, and its own rate-limit headers.
 */
export const acme = defineAdapter({
  id: 'acme',
  displayName: 'Acme',
  baseUrl: 'https://api.acme.example/v2',
  auth: [
    { type: 'query', param: 'api_token' },
    { type: 'header', header: 'X-Acme-Key' },
    { type: 'basic' },
    { type: 'bearer' },
  ],
  requestIdHeaders: ['x-acme-request'],
  rateLimitHeaders: {
    limit: 'x-acme-limit',
    remaining: 'x-acme-remaining',
    reset: 'x-acme-reset',
    resetUnit: 'epoch-seconds',
  },
  idempotency: { header: 'Acme-Idempotency', methods: ['POST', 'PATCH'], generate: true },
  classify,
});
