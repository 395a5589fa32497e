import { webhookPayloadErrors } from './airtable-error-body';

/**
 * Warnings a successful Airtable body carries: webhook payloads that report a broken webhook (`error: true` with
 * `code` `INVALID_FILTERS`, `INVALID_HOOK` or `INTERNAL_ERROR`). Listing the payloads succeeded; the webhook itself
 * stopped delivering and has to be fixed or recreated, which nothing else would tell. Pure; `[]` otherwise.
 *
 * @see https://airtable.com/developers/web/api/model/webhooks-payload
 * @example
 * airtableWarnings({ payloads: [{ error: true, code: 'INVALID_FILTERS' }], cursor: 2, mightHaveMore: false });
 * // ['webhook payload error: INVALID_FILTERS']
 */
export function airtableWarnings(body: unknown): string[] {
  return webhookPayloadErrors(body).map((code) => `webhook payload error: ${code}`);
}
