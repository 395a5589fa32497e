import type { BucketDefinition, LimitRequest, LimitResponse } from '@rosetta/core';

// "Live mode: 100 operations · Sandbox: 25 operations" per second, per account.
const DOCS = 'https://docs.stripe.com/rate-limits';

/** Test-mode keys (`sk_test_`, `rk_test_`) are tagged `'test'` by the client (`LimitRequest.credentialTag`). */
const isTestMode = (request: LimitRequest): boolean => request.credentialTag === 'test';

/**
 * The limiter a 429 names: `Stripe-Rate-Limited-Reason` (`global-rate`, `global-concurrency`, `endpoint-rate`,
 * `endpoint-concurrency`, `resource-specific`; DOCS, "Handling limiting gracefully"), read by core as the scope.
 */
const limiterOf = (response: LimitResponse): string | undefined => response.throttle?.scope?.split('-')[0];

// Meter events have a limit of their own, far above the 25 per second of other endpoints (DOCS).
const METER_EVENTS = /meter_event/;

// The Files API (`/v1/files`, on files.stripe.com too: the limiter sees the path) and the Search API
// (`GET /v1/customers/search` and the like) have stricter limits of their own (DOCS).
const FILES = /^\/v1\/files(\/|$)/;
const SEARCH = /^\/v1\/\w+\/search$/;

/**
 * Stripe's global rate limiter, per account: a token bucket of 100 operations per second in live
 * mode and 25 in test mode (sandbox). Stripe sends no state headers, so these numbers are all the
 * client knows until a 429 pauses the bucket. The capacity is one second of tokens.
 *
 * @example
 * createClient(stripe, { rateLimit: { buckets: { live: { ratePerSec: 50, burst: 50 } } } });
 */
export const stripeLimits: readonly BucketDefinition[] = [
  {
    id: 'live',
    model: 'token-bucket',
    ratePerSec: 100,
    burst: 100,
    source: DOCS,
    scope: (r) => (isTestMode(r) ? null : r.credentialKey),
  },
  {
    id: 'test',
    model: 'token-bucket',
    ratePerSec: 25,
    burst: 25,
    source: DOCS,
    scope: (r) => (isTestMode(r) ? r.credentialKey : null),
  },
  // "API endpoints have a default limit of 25 requests per second", each named operation (method and route) apart.
  // An `endpoint-*` 429 pauses this endpoint only: the account's other endpoints go on.
  {
    id: 'endpoint',
    model: 'token-bucket',
    ratePerSec: 25,
    burst: 25,
    source: DOCS,
    scope: (r) => (METER_EVENTS.test(r.path) ? null : `${r.credentialKey} ${r.method} ${r.route}`),
    owns: (response) => limiterOf(response) === 'endpoint',
  },
  // Limits of one object (1,000 updates an hour per PaymentIntent, invoices per subscription): a `resource-specific`
  // 429 pauses this object's path only. Its numbers are the endpoint's, so it never paces below it.
  {
    id: 'resource',
    model: 'token-bucket',
    ratePerSec: 25,
    burst: 25,
    source: DOCS,
    scope: (r) => (METER_EVENTS.test(r.path) ? null : `${r.credentialKey} ${r.method} ${r.path}`),
    owns: (response) => limiterOf(response) === 'resource',
  },
  // "Files API: 20 read operations and 20 write operations per second", "Search API: 20 read operations per second":
  // one bucket per key, API and reads (GET) or writes, shared by all of that API's endpoints. A test-mode key and a
  // live one are two credentials, so the two modes never share a bucket.
  {
    id: 'stricter',
    model: 'token-bucket',
    ratePerSec: 20,
    burst: 20,
    source: DOCS,
    scope: (r) => {
      const read = r.method === 'GET';
      const api = FILES.test(r.path) ? 'files' : read && SEARCH.test(r.path) ? 'search' : null;
      return api && `${r.credentialKey} ${api} ${read}`;
    },
  },
];
