import { github } from '@rosetta/github';
import { slack } from '@rosetta/slack';
import { stripe } from '@rosetta/stripe';
import { type AdapterFixture, loadFixtures, type Simulator, startSimulator } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/adapter/types';
import { createClient } from '../../src/client/create-client';
import { createRedactor } from '../../src/errors/redact';
import { createPaginator, type PaginateOptions } from '../../src/client/paginate';

// The recorded multi-page fixtures of each adapter, served by the simulator on loopback: the client's
// baseUrl points at the simulator while GitHub's Link headers still name api.github.com.
const fixturesOf = (id: string): AdapterFixture[] =>
  loadFixtures(new URL(`../../../adapters/${id}/test/fixtures`, import.meta.url));

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    providers: ['github', 'stripe', 'slack'].map((id) => ({ id, fixtures: fixturesOf(id) })),
  });
});
afterAll(() => sim.close());

function walk(adapter: Adapter, path: string, options: PaginateOptions) {
  const baseUrl = sim.urlFor(adapter.id);
  const client = createClient(adapter, {
    baseUrl,
    auth: { token: 'xoxb-not-a-token', apiKey: 'sk_test_not_a_key' },
    retry: false,
  });
  return createPaginator({
    adapter,
    baseUrl,
    requestWithMeta: client.requestWithMeta,
    redactor: createRedactor(),
  }).pages<Record<string, unknown>>(path, options);
}

async function pagesOf(adapter: Adapter, path: string, options: PaginateOptions = {}) {
  const out: Array<{ ids: unknown[]; requestId: string | undefined }> = [];
  for await (const page of walk(adapter, path, options)) {
    out.push({ ids: page.items.map((item) => item.id), requestId: page.meta.requestId });
  }
  return out;
}

describe('paginate walks every recorded page through the simulator', () => {
  it('GitHub: Link rel="next" on api.github.com, followed through the simulator base', async () => {
    const before = sim.stats('github').requests;
    expect(
      await pagesOf(github, '/repos/{owner}/{repo}/issues', {
        params: { owner: 'octocat', repo: 'Spoon-Knife' },
        query: { per_page: 2 },
      }),
    ).toEqual([
      { ids: [101, 102], requestId: 'FAKE:0002:0000:0000:00000001' },
      { ids: [103, 104], requestId: 'FAKE:0002:0000:0000:00000002' },
      { ids: [105], requestId: 'FAKE:0002:0000:0000:00000003' },
    ]);
    expect(sim.stats('github').requests - before).toBe(3);
  });

  it('Stripe: has_more and starting_after=<last id>', async () => {
    expect(await pagesOf(stripe, '/v1/customers', { query: { limit: 2 } })).toEqual([
      { ids: ['cus_FAKE0001', 'cus_FAKE0002'], requestId: 'req_FAKE0000000002' },
      { ids: ['cus_FAKE0003', 'cus_FAKE0004'], requestId: 'req_FAKE0000000003' },
      { ids: ['cus_FAKE0005'], requestId: 'req_FAKE0000000004' },
    ]);
  });

  it('Slack: response_metadata.next_cursor sent back as cursor until empty', async () => {
    expect(await pagesOf(slack, '/users.list', { query: { limit: 2 }, itemsPath: ['members'] })).toEqual([
      { ids: ['W012A3CDE', 'W07QCRPA4'], requestId: 'fake-req-users-0001' },
      { ids: ['U0G9WFXNZ', 'U0G9WFXP1'], requestId: 'fake-req-users-0002' },
      { ids: ['U0G9WFXP3'], requestId: 'fake-req-users-0003' },
    ]);
  });

  it('the simulator picks the page by its cursor, whatever the other query parameters', async () => {
    // No limit: page 2 is asked as ?starting_after=cus_FAKE0002 alone, which no fixture spells exactly.
    const pages = await pagesOf(stripe, '/v1/customers', { query: { expand: ['data.tax'] } });
    expect(pages.map((p) => p.ids)).toEqual([
      ['cus_FAKE0001', 'cus_FAKE0002'],
      ['cus_FAKE0003', 'cus_FAKE0004'],
      ['cus_FAKE0005'],
    ]);
  });
});
