// JSON batching (learn.microsoft.com/graph/json-batching): `POST /$batch` answers 200 with `{responses: [{id, status,
// headers?, body?}]}` whatever became of each request ("A 200 status code on the batch response headers doesn't
// indicate that the individual requests inside the batch succeeded"). Like the official SDKs (msgraph-sdk-javascript
// src/content/BatchResponseContent.ts), Rosetta reads the 200 as a success; the failed items are warnings, and
// `normalizeGraphBatch` classifies each one.

type JsonObject = Readonly<Record<string, unknown>>;

/** Items read at most: Graph allows 20 requests per batch. */
const MAX_ITEMS = 100;

const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** One item of a `$batch` response. */
export interface GraphBatchItem {
  /** The `id` the request had in the batch. */
  readonly id: string;
  /** The item's own HTTP status. */
  readonly status: number;
  /** The item's headers (`Retry-After` of a throttled item lives here), string values only. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * The items of a `$batch` response body, or undefined for any other body. Items without a string `id` and an
 * integer `status` are skipped.
 *
 * @example
 * readGraphBatch({ responses: [{ id: '1', status: 429, headers: { 'Retry-After': '5' } }] });
 * // [{ id: '1', status: 429, headers: { 'Retry-After': '5' }, body: undefined }]
 */
export function readGraphBatch(body: unknown): GraphBatchItem[] | undefined {
  const list = object(body)?.responses;
  if (!Array.isArray(list)) return undefined;
  const items: GraphBatchItem[] = [];
  for (let i = 0; i < list.length && i < MAX_ITEMS; i++) {
    const item = object(list[i]);
    if (typeof item?.id !== 'string' || !Number.isInteger(item.status)) continue;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(object(item.headers) ?? {})) {
      if (typeof value === 'string') headers[name] = value;
    }
    items.push({ id: item.id, status: item.status as number, headers, body: item.body });
  }
  return items;
}

/**
 * Warnings of a successful Graph body: which items of a `$batch` failed (`batch: 2 of 5 requests failed: 2 (403),
 * 3 (429)`). A throttled item is not retried by the SDKs ("throttled requests that were part of a batch are not
 * retried automatically", throttling page) nor by Rosetta: resend the failed items after the longest `Retry-After`.
 * Pure; `[]` for any other body.
 *
 * @example
 * graphWarnings({ responses: [{ id: '1', status: 200 }, { id: '2', status: 429 }] });
 * // ['batch: 1 of 2 requests failed: 2 (429)']
 */
export function graphWarnings(body: unknown): string[] {
  const items = readGraphBatch(body);
  if (items === undefined) return [];
  const failed = items.filter((item) => item.status >= 400);
  if (failed.length === 0) return [];
  const which = failed.map((item) => `${item.id} (${item.status})`).join(', ');
  return [`batch: ${failed.length} of ${items.length} requests failed: ${which}`];
}
