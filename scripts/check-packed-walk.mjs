// Run by scripts/check-packed.mjs INSIDE a folder where only the packed packages are npm-installed: walks a multi-page
// list of GitHub, Stripe and Slack with `client.paginate` against `rosetta-simulator` (origin in argv[2]), as a user
// would, and fails unless every recorded page arrives once, in order.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient } from '@rosetta/core';
import { github } from '@rosetta/github';
import { slack } from '@rosetta/slack';
import { stripe } from '@rosetta/stripe';
import { findInstalledAdapters } from '@rosetta/testkit';

const origin = process.argv[2];
if (origin === undefined) throw new Error('usage: node check-packed-walk.mjs <simulator origin>');

// The fixtures ship with each adapter: one file by its export, the folder by discovery.
const page1 = fileURLToPath(import.meta.resolve('@rosetta/github/fixtures/rest-list-issues-page-1.json'));
if (!existsSync(page1)) throw new Error(`@rosetta/github/fixtures/* resolves to a missing file: ${page1}`);
console.log(`fixtures: ${findInstalledAdapters().length} installed adapters ship theirs`);

const walks = [
  {
    adapter: github,
    path: '/repos/{owner}/{repo}/issues',
    options: { params: { owner: 'octocat', repo: 'Spoon-Knife' }, query: { per_page: 2 } },
    expected: [[101, 102], [103, 104], [105]],
  },
  {
    adapter: stripe,
    path: '/v1/customers',
    options: { query: { limit: 2 } },
    expected: [['cus_FAKE0001', 'cus_FAKE0002'], ['cus_FAKE0003', 'cus_FAKE0004'], ['cus_FAKE0005']],
  },
  {
    adapter: slack,
    path: '/users.list',
    options: { query: { limit: 2 }, itemsPath: ['members'] },
    expected: [['W012A3CDE', 'W07QCRPA4'], ['U0G9WFXNZ', 'U0G9WFXP1'], ['U0G9WFXP3']],
  },
];

for (const { adapter, path, options, expected } of walks) {
  const client = createClient(adapter, {
    baseUrl: `${origin}/${adapter.id}`,
    auth: { token: 'xoxb-not-a-token', apiKey: 'sk_test_not_a_key' },
  });
  const pages = [];
  for await (const page of client.paginate.pages(path, options)) pages.push(page.items.map((item) => item.id));
  if (JSON.stringify(pages) !== JSON.stringify(expected)) {
    throw new Error(`${adapter.id} ${path}: pages ${JSON.stringify(pages)}, expected ${JSON.stringify(expected)}`);
  }
  console.log(
    `paginate ${adapter.id} ${path}: ${pages.length} pages, ${pages.map((ids) => ids.join(' ')).join(' | ')}`,
  );
}
