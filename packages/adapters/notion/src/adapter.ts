import { defineAdapter } from '@rosetta/core';
import { classifyNotion } from './classify-notion';
import { notionLimits } from './limits';
import { readNotionSdkError } from './notion-sdk-error';
import { notionWarnings } from './notion-warnings';

/**
 * The API version pinned on every request, as the official SDK pins it (notion-sdk-js src/Client.ts
 * `defaultNotionVersion`). Requests without it fail with `missing_version`; override it per client or call
 * with a `Notion-Version` header.
 */
export const NOTION_VERSION = '2025-09-03';

/**
 * The Notion API (`api.notion.com/v1`) in Rosetta's error model: every documented error code (the code decides,
 * as in the official SDK), RFC 6749 bodies from `/v1/oauth/token`, answers from Notion's edge proxy (a `cf-ray`
 * without `x-notion-request-id`), failed async tasks inside HTTP 200, cursor pagination and the per-connection
 * limit of 3 requests per second. See `docs/providers/notion.md`.
 *
 * @example
 * const client = createClient(notion, { auth: { token: process.env.NOTION_TOKEN } });
 * const page = await client.get('/v1/pages/{id}', { params: { id: pageId } });
 */
export const notion = defineAdapter({
  id: 'notion',
  displayName: 'Notion',
  docsUrl: 'https://developers.notion.com/reference/intro',
  baseUrl: 'https://api.notion.com',
  // Integration tokens are bearer tokens; /v1/oauth/token takes the OAuth client id and secret as basic auth.
  auth: [{ type: 'bearer' }, { type: 'basic' }],
  // Notion's id first; an edge-proxy answer carries only Cloudflare's Ray ID, which Notion support asks for.
  requestIdHeaders: ['x-notion-request-id', 'cf-ray'],
  defaultHeaders: { 'Notion-Version': NOTION_VERSION },
  // A 429 is refused, not processed: "Requests made after waiting this minimum amount of time should no longer be
  // rate limited", and Notion's own SDK resends a 429 whatever the method (src/Client.ts `canRetry`).
  throttleRefusesRequest: {
    source: 'https://developers.notion.com/reference/request-limits ; makenotion/notion-sdk-js src/Client.ts canRetry',
  },
  // notion-sdk-js src/constants.ts: DEFAULT_INITIAL_RETRY_DELAY_MS 1_000, DEFAULT_MAX_RETRY_DELAY_MS 60_000.
  retry: { baseDelayMs: 1_000, maxDelayMs: 60_000 },
  limits: notionLimits,
  // GET lists (block children, users, comments, property items): `start_cursor` in the query, `next_cursor` back.
  pagination: { type: 'cursor', cursorPath: ['next_cursor'], cursorParam: 'start_cursor', itemsPath: ['results'] },
  warnings: notionWarnings,
  classify: classifyNotion,
  sdkError: readNotionSdkError,
});
