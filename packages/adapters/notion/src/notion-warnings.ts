import { incompleteReason } from './notion-error-body';

/**
 * Warnings a successful Notion body carries: a query or list whose result was capped (`request_status` of type
 * `incomplete`, e.g. `query_result_limit_reached` after 10,000 results). Such a page says `has_more: false`, so a
 * walk that follows `next_cursor` ends as if it were complete; the warning is the only trace. Pure; `[]` otherwise.
 *
 * @see https://developers.notion.com/guides/data-apis/query-large-data-sources
 * @example
 * notionWarnings({ results: [], has_more: false, request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' } });
 * // ['incomplete result: query_result_limit_reached']
 */
export function notionWarnings(body: unknown): string[] {
  const reason = incompleteReason(body);
  return reason === undefined ? [] : [`incomplete result: ${reason}`];
}
