import type { ErrorKind } from '@rosetta/core';
import { CATEGORY_KINDS } from './classify-hubspot';
import { type HubSpotErrorContext, readHubSpotError } from './hubspot-error-body';

/** One failed item of a batch answer, in Rosetta's words. */
export interface HubSpotBatchItemError {
  /** The item's category read as an error kind; `unknown` for a category without a meaning of its own. */
  readonly kind: ErrorKind;
  /** `subCategory`, else `category` (`OBJECT_NOT_FOUND`, `VALIDATION_ERROR`, ...). */
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  /** Which inputs failed: `{"ids": ["2"]}`, `{"objectWriteTraceId": ["b"]}`, ... */
  readonly context?: HubSpotErrorContext | undefined;
}

/**
 * The per-item errors of a batch answer (`numErrors`, `errors[]` beside `results[]`), which Rosetta returns as data:
 * a 207 Multi-Status, or a 200 batch read that could not find some ids. Empty for any other body.
 *
 * @example
 * const data = await client.post('/crm/v3/objects/contacts/batch/read', { body: { inputs } });
 * for (const failed of hubspotBatchErrors(data)) if (failed.kind === 'not_found') forget(failed.context?.ids);
 */
export function hubspotBatchErrors(body: unknown): HubSpotBatchItemError[] {
  const list = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(list)) return [];
  const out: HubSpotBatchItemError[] = [];
  for (const item of list) {
    const e = readHubSpotError(item);
    if (e === undefined) continue;
    const category = e.category;
    const kind =
      category !== undefined && Object.hasOwn(CATEGORY_KINDS, category) ? CATEGORY_KINDS[category] : undefined;
    out.push({ kind: kind ?? 'unknown', code: e.subCategory ?? category, message: e.message, context: e.context });
  }
  return out;
}
