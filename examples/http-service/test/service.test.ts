import type { AdapterFixture } from '@rosetta/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { runTour } from '../src/run-tour';
import {
  type ExampleOptions,
  FAKE_GITHUB_TOKEN,
  FAKE_STRIPE_KEY,
  type RunningExample,
  startExample,
} from '../src/start-example';

// The worst case of a provider's answer: the credential quoted in full, in the body and in a header. Shaped like
// the recorded ones (stripe authentication-invalid-api-key, which quotes the key masked; github
// rest-validation-missing-field), with the secret put in on purpose.
const stripeEchoesKey: AdapterFixture = {
  name: 'echoes-the-key',
  source: 'the stripe fixture authentication-invalid-api-key, with the key quoted in full (a test of this example)',
  request: { method: 'GET', path: '/v1/customers/cus_FAKE0001' },
  response: {
    status: 401,
    headers: { 'content-type': 'application/json', 'request-id': 'req_FAKEecho', 'x-debug-key': FAKE_STRIPE_KEY },
    body: { error: { message: `Invalid API Key provided: ${FAKE_STRIPE_KEY}`, type: 'invalid_request_error' } },
  },
  expected: { kind: 'authentication', retryable: false },
};
const githubEchoesToken: AdapterFixture = {
  name: 'validation-echoes-token',
  source:
    'the github fixture rest-validation-missing-field, with the token quoted in the message (a test of this example)',
  request: { method: 'POST', path: '/repos/octocat/hello-world/issues' },
  response: {
    status: 422,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: {
      message: `Validation Failed for ${FAKE_GITHUB_TOKEN}`,
      errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
    },
  },
  expected: { kind: 'validation', retryable: false },
};

let example: RunningExample | undefined;
afterEach(async () => {
  await example?.close();
  example = undefined;
});

async function start(options: ExampleOptions = {}): Promise<RunningExample> {
  example = await startExample(options);
  return example;
}

/** A request to the service, as its own client sees the answer. */
async function ask(
  running: RunningExample,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; raw: string; body: Record<string, unknown> }> {
  const res = await fetch(`${running.url}${path}`, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const raw = await res.text();
  return { status: res.status, headers: res.headers, raw, body: JSON.parse(raw) as Record<string, unknown> };
}

describe('the HTTP service example', () => {
  it('answers with what it chose from both providers', async () => {
    const running = await start();
    const customer = await ask(running, '/customers/cus_FAKE0001');
    expect(customer.status).toBe(200);
    expect(customer.body).toEqual({ id: 'cus_FAKE0001', email: 'jenny.rosen@example.com' });
    const issues = await ask(running, '/repos/octocat/hello-world/issues');
    expect(issues.status).toBe(200);
    expect(issues.body).toEqual([
      { number: 1347, title: 'Found a bug' },
      { number: 1346, title: 'Another one' },
    ]);
  });

  it("passes a not_found through as a 404 problem, without the provider's raw body or request id", async () => {
    const running = await start();
    running.simulate({ stripe: 'not-found-resource-missing' });
    const answer = await ask(running, '/customers/cus_FAKEMISSING');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body).toMatchObject({
      type: 'https://api.example.com/problems/not_found',
      status: 404,
      detail: "No such customer: 'cus_FAKEMISSING'",
      code: 'resource_missing',
      retryable: false,
    });
    expect(Object.keys(answer.body).sort()).toEqual([
      'code',
      'detail',
      'instance',
      'retryable',
      'status',
      'title',
      'type',
    ]);
    expect(answer.raw).not.toContain('dashboard.stripe.com'); // the body's request_log_url
    expect(answer.raw).not.toContain('req_FAKE0000000007');
  });

  it("passes the caller's validation errors through as a 422 with field errors", async () => {
    const running = await start();
    running.simulate({ github: 'rest-validation-missing-field' });
    const answer = await ask(running, '/repos/octocat/hello-world/issues', { method: 'POST', body: { title: '' } });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      code: 'missing_field',
      fieldErrors: [{ path: 'title', message: 'title is missing', code: 'missing_field' }],
    });
  });

  it('refuses a malformed id itself (400) and calls no provider', async () => {
    const running = await start();
    const answer = await ask(running, '/customers/cus_x%2F..%2Fbalance');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ type: 'https://api.example.com/problems/bad-request', status: 400 });
    expect(running.sim.stats('stripe').requests).toBe(0);
  });

  it('answers a refused credential of its own with a 502 that says nothing of it', async () => {
    const running = await start({ extraFixtures: { stripe: [stripeEchoesKey] } });
    running.simulate({ stripe: 'authentication-invalid-api-key' });
    const masked = await ask(running, '/customers/cus_FAKE0001');
    expect(masked.status).toBe(502);
    expect(masked.body).toMatchObject({ type: 'https://api.example.com/problems/upstream-failed', retryable: false });
    expect(masked.raw).not.toContain('sk_test_'); // Stripe's message quotes the key, masked
    expect(masked.raw).not.toContain('Invalid API Key');

    running.simulate({ stripe: 'echoes-the-key' });
    const echoed = await ask(running, '/customers/cus_FAKE0001');
    expect(echoed.status).toBe(502);
    const seen = `${echoed.raw} ${JSON.stringify([...echoed.headers])}`;
    for (const piece of [FAKE_STRIPE_KEY, FAKE_STRIPE_KEY.slice(-12), 'req_FAKEecho'])
      expect(seen).not.toContain(piece);
    // The service's own log keeps the provider's request id for support, and still no credential.
    expect(JSON.stringify(running.logs)).toContain('req_FAKEecho');
    expect(JSON.stringify(running.logs)).not.toContain(FAKE_STRIPE_KEY);
  });

  it('keeps a credential the provider quotes out of a passed-through message', async () => {
    const running = await start({ extraFixtures: { github: [githubEchoesToken] } });
    running.simulate({ github: 'validation-echoes-token' });
    const answer = await ask(running, '/repos/octocat/hello-world/issues', { method: 'POST', body: {} });
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toContain('Validation Failed for [REDACTED]');
    expect(answer.raw).not.toContain(FAKE_GITHUB_TOKEN);
    expect(answer.raw).not.toContain(FAKE_GITHUB_TOKEN.slice(4, 16));
  });

  it("turns the provider's rate limit into a 503 with Retry-After, and sends nothing more until it ends", async () => {
    const running = await start();
    running.simulate({ github: 'rest-primary-rate-limit-403' }); // the reset is 600 s ahead
    const limited = await ask(running, '/repos/octocat/hello-world/issues');
    expect(limited.status).toBe(503);
    expect(limited.body).toMatchObject({ type: 'https://api.example.com/problems/upstream-busy', retryable: true });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(590);
    expect(retryAfter).toBeLessThanOrEqual(602);
    expect(limited.raw).not.toContain('192.0.2.1'); // GitHub's message names the caller's IP address

    running.simulate({});
    const sent = running.sim.stats('github').requests;
    const held = await ask(running, '/repos/octocat/hello-world/issues');
    expect(held.status).toBe(503);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThanOrEqual(590);
    expect(running.sim.stats('github').requests).toBe(sent);
  });

  it('maps upstream failures to 502, 503 and 504', async () => {
    const running = await start({ timeoutMs: 200 });
    running.simulate({ stripe: 'server-500-api-error', github: 'rest-service-unavailable' });
    expect((await ask(running, '/customers/cus_FAKE0001')).status).toBe(502);
    const unavailable = await ask(running, '/repos/octocat/hello-world/issues');
    expect(unavailable.status).toBe(503);
    expect(unavailable.raw).not.toContain('No server is currently available');

    running.simulate({});
    running.sim.setScenario('stripe', { slow: { delayMs: 1_000 } });
    const slow = await ask(running, '/customers/cus_FAKE0001');
    expect(slow.status).toBe(504);
    expect(slow.body).toMatchObject({ type: 'https://api.example.com/problems/upstream-timeout', retryable: true });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const running = await start();
    const answer = await ask(running, '/nope');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  });

  it('runs its tour (`pnpm start`)', async () => {
    const lines = (await runTour()).join('\n');
    expect(lines).toContain('-> 200');
    expect(lines).toContain('-> 422');
    expect(lines).toMatch(/-> 503, Retry-After: \d+/);
    expect(lines).not.toContain(FAKE_STRIPE_KEY);
  });
});
