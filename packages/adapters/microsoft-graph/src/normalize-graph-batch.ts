import { type ApiError, normalizeResponse } from '@rosetta/core';
import { microsoftGraph } from './adapter';
import { type GraphBatchItem, readGraphBatch } from './graph-batch';

/** A request of a `$batch` body, as sent: its `id`, `method` and relative `url`. */
export interface GraphBatchRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
}

/** One item of a `$batch` response with Rosetta's reading of it. */
export interface GraphBatchResult extends GraphBatchItem {
  /** `null` when the item succeeded, else its error, read exactly like a response of its own. */
  readonly error: ApiError | null;
}

/**
 * Classifies every item of a `$batch` response body as if it had been answered on its own: a 429 item is a
 * `rate_limited` error with its own `Retry-After`, a 424 a dependency that failed first. Pass the batch's `requests`
 * so each error names its method and URL. Undefined when the body is not a batch response.
 *
 * @example
 * const body = await client.post('/$batch', { body: { requests } });
 * const retry = normalizeGraphBatch(body, requests)?.filter((r) => r.error?.retryable);
 */
export function normalizeGraphBatch(
  body: unknown,
  requests: readonly GraphBatchRequest[] = [],
): GraphBatchResult[] | undefined {
  const items = readGraphBatch(body);
  if (items === undefined) return undefined;
  const sent = new Map(requests.map((r) => [r.id.toLowerCase(), r]));
  return items.map((item) => {
    // "id ... Not case-sensitive" (json-batching); urls are relative to the version root (`/users`, `users?$top=1`).
    const request = sent.get(item.id.toLowerCase());
    const path = request === undefined ? '/$batch' : `/${request.url.replace(/^\/+/, '')}`;
    const error = normalizeResponse(microsoftGraph, {
      status: item.status,
      headers: item.headers,
      body: item.body,
      method: request?.method ?? 'POST',
      url: `${microsoftGraph.baseUrl}${path}`,
    });
    return { ...item, error };
  });
}
