import { defineAdapter } from '@rosetta/core';
import { afterEach, describe, vi } from 'vitest';
import { describeRetryCheck } from '../../src/conformance/describe-retry-check';
import type { AdapterFixture } from '../../src/conformance/fixture';

// A made-up provider whose docs call `POST /search` a read (like Shopify's or GitHub's GraphQL queries): the
// attempt-count check must expect the resends the adapter's `safeToRepeat` allows, or a correct adapter fails it.
const lookup = defineAdapter({
  id: 'lookup',
  displayName: 'Lookup',
  baseUrl: 'https://api.lookup.example',
  auth: [{ type: 'bearer' }],
  safeToRepeat: ({ method, path }) => method === 'POST' && path === '/search',
});

const unavailable = (name: string, method: string, path: string): AdapterFixture => ({
  name,
  source: 'synthetic: made-up provider for the retry check self-test',
  request: { method, path },
  response: { status: 503, headers: { 'content-type': 'application/json' }, body: { error: 'busy' } },
  expected: { kind: 'unavailable', retryable: true },
});

describe('retry check on an adapter whose safeToRepeat declares POST /search a read', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const origin = 'https://lookup.conformance.test';
  describeRetryCheck({
    adapter: lookup,
    // POST /search is resent (maxRetries + 1 attempts); POST /orders, which the hook does not declare, is not.
    fixtures: [unavailable('search-503', 'POST', '/search?q=a'), unavailable('orders-503', 'POST', '/orders')],
    credentials: undefined,
    maxRetries: 2,
    maxRetryAfterMs: 60_000,
    deadlineMs: 600_000,
    numRuns: 1,
    origin,
    baseUrl: origin,
  });
});
