// An adapter for an imaginary provider, "Acme Billing": the smallest complete adapter a team writes for an API
// Rosetta does not ship. Its rules are made up for this example; a real adapter cites the provider's docs or
// official SDK for each of them (docs/writing-an-adapter.md, "The citation rule").
import { type BucketDefinition, type ClassifyHook, defineAdapter } from '@rosetta/core';

const DOCS = 'https://docs.acme.example/billing';

/** Acme's error envelope: `{ "error": { "code", "message", "field"? } }`, plus `"status": "error"` in a 200. */
interface AcmeError {
  readonly code?: string;
  readonly message?: string;
}

/** The `error` member of an Acme body, when it has the documented shape; never throws on any other value. */
function acmeError(body: unknown): AcmeError | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const { error } = body;
  if (typeof error !== 'object' || error === null) return undefined;
  const text = (key: string): string | undefined => {
    const value: unknown = (error as Record<string, unknown>)[key];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const code = text('code');
  const message = text('message');
  return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
}

/**
 * What core's defaults get wrong for Acme: a write that clashes with another answers **200** with
 * `"status": "error"`, a conflict rather than a success. Everything else core already reads without help: the
 * status, `error.code`, `error.message`, `error.field` as a field error, `Retry-After` and the rate-limit headers
 * declared below; the conformance suite's fixtures prove it, so this hook holds nothing more.
 */
const classify: ClassifyHook = ({ status, body }) => {
  if (status !== 200) return undefined;
  const failed = typeof body === 'object' && body !== null && 'status' in body && body.status === 'error';
  const error = failed ? acmeError(body) : undefined;
  if (error === undefined) return undefined;
  // Core reads no message from a 2xx: the verdict carries it.
  return {
    kind: 'conflict',
    retryable: false,
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.message === undefined ? {} : { message: error.message }),
  };
};

/** "600 requests per minute per API token", stated in `x-acme-ratelimit-*` on every answer. */
const acmeLimits: readonly BucketDefinition[] = [
  { id: 'minute', model: 'fixed-window', limit: 600, windowMs: 60_000, source: `${DOCS}/rate-limits` },
];

/**
 * The Acme Billing API: bearer tokens, `x-acme-request-id` ids, a per-minute window with state headers (reset in
 * epoch seconds), idempotency keys on POST, conflicts inside 200s.
 *
 * @example
 * const client = createClient(acme, { auth: { token: process.env.ACME_TOKEN ?? '' } });
 * await client.get('/invoices/{id}', { params: { id: 'inv_1' } });
 */
export const acme = defineAdapter({
  id: 'acme',
  displayName: 'Acme Billing',
  docsUrl: DOCS,
  baseUrl: 'https://api.acme.example/v1',
  auth: [{ type: 'bearer' }],
  requestIdHeaders: ['x-acme-request-id'],
  rateLimitHeaders: {
    limit: 'x-acme-ratelimit-limit',
    remaining: 'x-acme-ratelimit-remaining',
    reset: 'x-acme-ratelimit-reset',
    resetUnit: 'epoch-seconds',
  },
  idempotency: { header: 'Idempotency-Key' },
  limits: acmeLimits,
  classify,
});
