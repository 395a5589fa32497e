// stripe-node 23 (a root devDependency) beneath a Rosetta client: `Stripe.createFetchHttpClient(client.fetch)` with
// the SDK's own retries off, against the simulator and a scripted transport.
import { createClient, isApiError, normalizeError, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch, loadFixtures, SIMULATE_HEADER, type Simulator, startSimulator } from '@rosetta/testkit';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stripe } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const KEY = 'sk_test_FAKE0000sdk';

/** stripe-node as the docs set it up for a custom fetch, its own retries off (Rosetta's are the only ones). */
const sdkOver = (fetchFn: typeof fetch): Stripe =>
  new Stripe(KEY, { httpClient: Stripe.createFetchHttpClient(fetchFn), maxNetworkRetries: 0, telemetry: false });

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ providers: [{ id: 'stripe', fixtures }] });
});
afterAll(() => sim.close());
// A failed pacing test must not leave its limits on the fixtures' provider.
afterEach(() => sim.setScenario('stripe', {}));

describe('stripe-node through client.fetch', () => {
  it("is paced by the test-mode bucket (chosen by the SDK's key, read from its Authorization): none refused", async () => {
    // Stripe's documented sandbox limit, 25 operations per second (docs.stripe.com/rate-limits), on the simulator;
    // the client's `test` bucket well under it (15/s), so that a loaded machine's stalls and socket set-up delays on
    // loopback cannot bunch the client's sends into more than the simulator's bucket holds (20/s refused 1 at load 30).
    // Were the key not read, the `live` bucket (100/s) would let all 60 calls through at once: 35 refused.
    sim.setScenario('stripe', { limits: [{ model: 'stripe', ratePerSec: 25, burst: 25 }] });
    const client = createClient(stripe, {
      baseUrl: sim.urlFor('stripe'),
      rateLimit: { buckets: { test: { ratePerSec: 15, burst: 15 } } },
    });
    const sdk = sdkOver(client.fetch);
    const before = sim.stats('stripe');
    const customers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => sdk.customers.retrieve(`cus_FAKE${String(i).padStart(4, '0')}`)),
    );
    expect(customers).toHaveLength(60);
    const after = sim.stats('stripe');
    expect(after.rateLimited - before.rateLimited).toBe(0);
    expect(after.requests - before.requests).toBe(60);
    await client.close();
  });

  it("retries a POST carrying stripe-node's own Idempotency-Key, with that same key", async () => {
    const t = createScriptedFetch([
      { status: 500, body: { error: { type: 'api_error', message: 'try again' } } },
      { status: 200, body: { id: 'cus_FAKE0001', object: 'customer' } },
    ]);
    const client = createClient(stripe, { fetch: t.fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const customer = await sdkOver(client.fetch).customers.create({ email: 'a@example.com' });
    expect(customer.id).toBe('cus_FAKE0001');
    expect(t.log).toEqual(['START POST /v1/customers', 'START POST /v1/customers']);
    const [first, second] = t.requests.map((r) => r.headers['idempotency-key']);
    // stripe-node keys every v1 POST (src/RequestSender.ts _defaultIdempotencyKey); Rosetta resends it, never its own.
    expect(first).toMatch(/^stripe-node-retry-/);
    expect(second).toBe(first);
    expect(t.requests[0]?.body).toBe('email=a%40example.com');
    await client.close();
  });

  it('does not resend a POST without an idempotency key: the SDK gets the 500 and throws', async () => {
    const t = createScriptedFetch([
      { status: 500, body: { error: { type: 'api_error', message: 'boom' } } },
      { status: 200, body: {} },
    ]);
    const client = createClient(stripe, { fetch: t.fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const sdk = sdkOver(client.fetch);
    // stripe-node keys every POST; a caller that blanks the header (a proxy, a hand-written call) sends none.
    const thrown = await sdk
      .rawRequest('POST', '/v1/charges', {}, { additionalHeaders: { 'Idempotency-Key': '' } })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(t.log).toEqual(['START POST /v1/charges']);
    expect(thrown).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(normalizeError(stripe, thrown)).toMatchObject({ kind: 'server', status: 500 });
    await client.close();
  });

  it("never lets the SDK's key leak: redacted in Rosetta's events", async () => {
    const t = createScriptedFetch([{ status: 200, body: { id: 'cus_FAKE0001', object: 'customer' } }]);
    const client = createClient(stripe, { fetch: t.fetch });
    const seen: string[] = [];
    client.on('request', (e) => seen.push(JSON.stringify(e)));
    await sdkOver(client.fetch).customers.retrieve('cus_FAKE0001');
    expect(t.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen).toHaveLength(1);
    expect(seen.join('')).not.toContain(KEY.slice(8));
    await client.close();
  });
});

describe('normalizeError(stripe, error thrown by stripe-node) reads as normalizeResponse reads the response', () => {
  // stripe-node cannot parse an empty body (src/RequestSender.ts: "Invalid JSON received from the Stripe API"): the
  // StripeAPIError it throws carries no status, so there is no response to read.
  const NO_RESPONSE = new Set(['external-dependency-424', 'unavailable-503']);
  const errors = fixtures.filter((f) => f.expected !== null);

  it.each(errors.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const client = createClient(stripe, { baseUrl: sim.urlFor('stripe'), retry: false, rateLimit: false });
    const { method, path } = fixture.request;
    const thrown = await sdkOver(client.fetch)
      .rawRequest(method, path, method === 'POST' ? {} : undefined, {
        additionalHeaders: { [SIMULATE_HEADER]: fixture.name },
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(thrown).toBeInstanceOf(Stripe.errors.StripeError);
    const error = normalizeError(stripe, thrown);
    if (NO_RESPONSE.has(fixture.name)) {
      expect(error).toBeNull();
    } else {
      const direct = normalizeResponse(stripe, { ...fixture.response, method, url: `${stripe.baseUrl}${path}` });
      expect(error?.kind).toBe(fixture.expected?.kind);
      expect(error?.kind).toBe(direct?.kind);
      expect(error?.code).toBe(direct?.code);
      expect(error?.status).toBe(fixture.response.status);
    }
    await client.close();
  });

  it('is null for anything that is not a stripe-node error with a response', () => {
    expect(normalizeError(stripe, new Error('x'))).toBeNull();
    expect(normalizeError(stripe, new Stripe.errors.StripeConnectionError({ message: 'reset' }))).toBeNull();
    expect(normalizeError(stripe, 'text')).toBeNull();
  });

  it('gives the ApiError of a client.fetch rejection wrapped by the SDK', async () => {
    const client = createClient(stripe, { baseUrl: 'http://127.0.0.1:9/', retry: false });
    const thrown = await sdkOver(client.fetch)
      .customers.retrieve('cus_1')
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(thrown).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    // stripe-node keeps the fetch error as `detail`, not `cause`: there is no chain to the ApiError to follow.
    expect(isApiError((thrown as { detail?: { cause?: unknown } }).detail?.cause)).toBe(true);
    await client.close();
  });
});
