// The simulator's limit models over a real loopback socket: option, admin route, headers, hold and release.
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function call(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    status: res.status,
    headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

describe('simulator limits over a socket', () => {
  it('applies limits given as an option, each to its route, and counts refusals by limit', async () => {
    sim = await startSimulator({
      providers: [
        {
          id: 'shop',
          fixtures: [],
          limits: [
            { model: 'shopify-rest', capacity: 1, leakPerSec: 0.001, route: { pathPrefix: '/admin/products' } },
            {
              model: 'shopify-graphql',
              maximumAvailable: 10,
              restoreRate: 0.001,
              route: { pathPrefix: '/admin/graphql' },
            },
          ],
        },
      ],
    });
    const rest = `${sim.urlFor('shop')}/admin/products.json`;
    expect((await call(rest)).headers['x-shopify-shop-api-call-limit']).toBe('1/1');
    const refused = await call(rest);
    expect(refused).toMatchObject({ status: 429, headers: { 'retry-after': '2.0' } });

    const gql = `${sim.urlFor('shop')}/admin/graphql.json`;
    const query = { method: 'POST', body: JSON.stringify({ query: '{ products }', variables: { first: 5 } }) };
    const served = await call(gql, query);
    expect(served.status).toBe(200);
    expect(served.body.extensions.cost).toMatchObject({ requestedQueryCost: 7, actualQueryCost: 7 });
    const throttled = await call(gql, query);
    expect(throttled.status).toBe(200);
    expect(throttled.body.errors[0].extensions.code).toBe('THROTTLED');
    expect(sim.stats('shop')).toMatchObject({ rateLimited: 2, refusedBy: { rest: 1, graphql: 1 } });
  });

  it('POST /__simulator/scenario swaps the limits (fresh state); {} restores the provider’s own', async () => {
    sim = await startSimulator({
      providers: [{ id: 'slack', fixtures: [], limits: [{ model: 'slack', limit: 1, windowMs: 60_000 }] }],
    });
    const method = `${sim.urlFor('slack')}/conversations.list`;
    expect((await call(method, { method: 'POST' })).status).toBe(200);
    expect(await call(method, { method: 'POST' })).toMatchObject({
      status: 429,
      headers: { 'retry-after': '60' },
      body: { ok: false, error: 'ratelimited' },
    });
    const setLimits = (scenario: object) =>
      call(`${sim?.origin}/__simulator/scenario`, {
        method: 'POST',
        body: JSON.stringify({ provider: 'slack', scenario }),
      });
    expect((await setLimits({ limits: [{ model: 'hubspot', daily: { limit: 1, windowMs: 3_600_000 } }] })).status).toBe(
      200,
    );
    expect((await call(method, { method: 'POST' })).headers['x-hubspot-ratelimit-daily-remaining']).toBe('0');
    expect((await call(method, { method: 'POST' })).body).toMatchObject({ policyName: 'DAILY' });
    expect((await setLimits({ limits: [{ model: 'nope' }] })).status).toBe(400);
    // the bad scenario changed nothing: still the daily quota
    expect((await call(method, { method: 'POST' })).body).toMatchObject({ policyName: 'DAILY' });
    await setLimits({});
    expect((await call(method, { method: 'POST' })).status).toBe(200);
  });

  it('a concurrency cap holds admitted answers and frees their slots once written', async () => {
    sim = await startSimulator({
      providers: [{ id: 'twilio', fixtures: [], limits: [{ model: 'concurrency', maxInFlight: 2, serviceMs: 150 }] }],
    });
    const url = `${sim.urlFor('twilio')}/Messages.json`;
    const first = await Promise.all([call(url), call(url), call(url)]);
    expect(first.map((a) => a.status).sort()).toEqual([200, 200, 429]);
    // both slots free again once their answers are out
    const again = await Promise.all([call(url), call(url)]);
    expect(again.map((a) => a.status)).toEqual([200, 200]);
  });

  it('a request refused by a later limit frees the slot an earlier one gave it', async () => {
    sim = await startSimulator({
      providers: [
        {
          id: 'p',
          fixtures: [],
          limits: [
            { model: 'concurrency', maxInFlight: 1, serviceMs: 1 },
            { model: 'stripe', ratePerSec: 0.001, burst: 1 },
          ],
        },
      ],
    });
    const url = `${sim.urlFor('p')}/v1/customers`;
    expect((await call(url)).status).toBe(200);
    // Both refused by the token bucket: had the first kept its concurrency slot, the second would get 20429.
    expect((await call(url)).body).toMatchObject({ error: { code: 'rate_limit' } });
    expect((await call(url)).body).toMatchObject({ error: { code: 'rate_limit' } });
  });
});
