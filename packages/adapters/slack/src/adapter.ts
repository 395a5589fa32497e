import { defineAdapter } from '@rosetta/core';
import { classifySlack } from './classify-slack';
import { slackLimits } from './limits';
import { slackWarnings } from './slack-warnings';

/**
 * The Slack Web API (`https://slack.com/api/<method>`): bearer bot/user tokens (`xoxb-`, `xoxp-`),
 * JSON bodies, `{ ok: false, error }` failures on HTTP 200, 429 with `Retry-After` seconds, cursor
 * pagination through `response_metadata.next_cursor`. Slack has no idempotency keys.
 *
 * Pagination items live under a different key per method (`channels` for conversations.list,
 * `members` for users.list and conversations.members, `messages` for conversations.history):
 * `channels` is only the default; pass the method's `itemsPath` per call.
 *
 * @example
 * const err = normalizeResponse(slack, { status: 200, body: { ok: false, error: 'channel_not_found' } });
 * err?.kind; // 'not_found'
 */
export const slack = defineAdapter({
  id: 'slack',
  displayName: 'Slack',
  docsUrl: 'https://docs.slack.dev/apis/web-api',
  baseUrl: 'https://slack.com/api',
  auth: [{ type: 'bearer' }],
  // Tokens may also travel as a `token` form field; oauth.v2.access takes client and refresh secrets.
  credentialParams: ['token', 'client_secret', 'refresh_token', 'code'],
  requestIdHeaders: ['x-slack-req-id'],
  bodyEncoding: 'json',
  limits: slackLimits,
  pagination: {
    type: 'cursor',
    cursorPath: ['response_metadata', 'next_cursor'],
    cursorParam: 'cursor',
    itemsPath: ['channels'],
  },
  classify: classifySlack,
  // `ok:true` answers may carry deprecation and charset warnings; the client emits them as `warning` events.
  warnings: slackWarnings,
});
