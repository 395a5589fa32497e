// Slack takes the token as a form member (`token=xoxb-...`) and answers a refused one with HTTP 200 `ok: false`:
// an error whose text quotes the request's token must not show it.
import { type ApiError, createClient } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { expect, it } from 'vitest';
import { slack } from '../src/index';

const TOKEN = 'xoxb-ZqZ11Z22Z33Zab';

it('scrubs a token sent in the form body from a 200 ok:false answer that echoes it', async () => {
  const t = createScriptedFetch([
    {
      status: 200,
      body: {
        ok: false,
        error: 'invalid_auth',
        detail: `token ${TOKEN} revoked`,
        response_metadata: { messages: [`[ERROR] bad token ${TOKEN}`] },
      },
    },
  ]);
  const client = createClient(slack, { fetch: t.fetch, retry: false, rateLimit: false });
  const events: unknown[] = [];
  client.on('error', (p) => events.push(p));
  const call = client.post('/chat.postMessage', { body: { token: TOKEN, channel: 'C1' } });
  const err = (await call.then(undefined, (e: unknown) => e)) as ApiError;
  await client.close();
  expect(err.kind).toBe('authentication');
  const all = [
    err.message,
    err.stack,
    JSON.stringify(err),
    JSON.stringify(err.toProblemDetails()),
    JSON.stringify(events),
  ];
  for (const text of all) expect(text).not.toContain('Z11Z22');
});
