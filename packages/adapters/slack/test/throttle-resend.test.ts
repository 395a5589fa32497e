import { createClient } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { slack } from '../src/index';

describe('slack throttling answers', () => {
  it('a 429 on a POST is resent: Slack refused it before doing anything, and has no idempotency keys', async () => {
    // Shape from docs.slack.dev/apis/web-api/rate-limits: 429, Retry-After seconds, `{ ok: false, error: 'ratelimited' }`.
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } },
      { status: 200, body: { ok: true, channel: 'C1', ts: '1.2' } },
    ]);
    const client = createClient(slack, { fetch: t.fetch, auth: { token: 'xoxb-fake-token-000' }, rateLimit: false });
    const sent = await client.requestWithMeta({
      method: 'POST',
      path: '/chat.postMessage',
      body: { channel: 'C1', text: 'hi' },
    });
    expect(sent.data).toMatchObject({ ok: true, ts: '1.2' });
    expect(sent.meta.attempts).toBe(2);
  });
});
