// "GraphQL queries retrieve data from a server, similar to a GET request for a REST API. However, unlike REST, GraphQL
// queries are sent to a single endpoint and use the POST HTTP method" (https://shopify.dev/docs/apps/build/graphql/basics/queries);
// a mutation changes data. The adapter's safeToRepeat lets a query on /graphql.json, and only a query, be resent after a retryable failure.
import { type AdapterFixture, createScriptedClient, loadFixtures } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { shopify, shopifyAdminUrl } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const byName = (name: string) => (fixtures.find((f) => f.name === name) as AdapterFixture).response;
// INTERNAL_SERVER_ERROR "returned instead of 500" (HTTP 200), and Shopify's REST 500.
const internal = byName('graphql-internal-server-error');
const rest500 = byName('rest-server-error-500');
const success = byName('graphql-success-with-cost');
/** `failure`, then a success, to a client that resends at once. */
const failingOnce = (failure = internal) =>
  createScriptedClient(shopify, [failure, success], {
    baseUrl: shopifyAdminUrl('my-shop', '2025-10'),
    auth: { token: 'FAKE' },
  });
// In the shape of the Admin API reference's `products` query and `productCreate` mutation
// (shopify.dev/docs/api/admin-graphql/latest/queries/products, .../latest/mutations/productCreate).
const QUERY = 'query { products(first: 3) { edges { node { id title } } } }';
const MUTATION =
  'mutation { productCreate(product: { title: "Cool socks" }) { product { id } userErrors { field message } } }';

describe('a GraphQL query is safe to repeat, a mutation is not', () => {
  it.each([
    ['a query', QUERY],
    ['the shorthand', '{ shop { name } }'],
  ])('%s that got INTERNAL_SERVER_ERROR is resent', async (_label, query) => {
    const t = failingOnce();
    await expect(t.client.post('/graphql.json', { body: { query } })).resolves.toEqual(success.body);
    expect(t.log).toHaveLength(2);
  });

  it('a mutation that got INTERNAL_SERVER_ERROR is sent once and may have been processed', async () => {
    const t = failingOnce();
    await expect(t.client.post('/graphql.json', { body: { query: MUTATION } })).rejects.toMatchObject({
      kind: 'server',
      attempts: 1,
      possiblyProcessed: true,
    });
    expect(t.log).toHaveLength(1);
  });

  it('a REST POST is never a query, whatever its body holds', async () => {
    const body = { product: { title: 'x' }, query: '{ shop { name } }' };
    await expect(failingOnce(rest500).client.post('/products.json', { body })).rejects.toMatchObject({ attempts: 1 });
  });
});
