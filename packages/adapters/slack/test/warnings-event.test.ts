import { createClient } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { slack } from '../src/index';

describe('slack warnings on ok:true', () => {
  it('are emitted as a warning event while the call succeeds', async () => {
    // Shape from docs.slack.dev/apis/web-api (response_metadata.warnings with a top-level `warning`).
    const t = createScriptedFetch([
      {
        status: 200,
        body: {
          ok: true,
          warning: 'missing_charset',
          response_metadata: { warnings: ['missing_charset'] },
          channel: { id: 'C1' },
        },
      },
    ]);
    const client = createClient(slack, { fetch: t.fetch, auth: { token: 'xoxb-fake-token-000' }, rateLimit: false });
    const warnings: string[][] = [];
    client.on('warning', (e) => warnings.push([...e.warnings]));
    await expect(client.post('/conversations.info', { body: { channel: 'C1' } })).resolves.toMatchObject({ ok: true });
    expect(warnings).toEqual([['missing_charset']]);
  });
});
