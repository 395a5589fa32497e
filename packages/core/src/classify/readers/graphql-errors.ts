// The GraphQL response envelope (spec §7.1 "Response Format": `{ data?, errors?, extensions? }`, each error
// `{ message, locations?, path?, extensions? }`), read by hand for every adapter whose API speaks GraphQL
// (Shopify, GitHub, Linear, ...). Pure and lenient: one odd member costs that member only, never the reading of
// the whole body, and a huge `errors` list costs no more than its first items.

type JsonObject = Readonly<Record<string, unknown>>;

/** Items of `errors` read at most: the first ones decide a classification; the rest stay in the body. */
const MAX_ERRORS = 100;

const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** One item of a GraphQL `errors` list, as {@link readGraphqlErrors} reads it. */
export interface GraphqlErrorItem {
  readonly message: string | undefined;
  /** Response path of the failed field (`['products', 0, 'title']`); absent for request errors. */
  readonly path: readonly (string | number)[] | undefined;
  /** `extensions.code`, the machine code most servers put there (`THROTTLED`, `ACCESS_DENIED`, `undefinedField`). */
  readonly code: string | undefined;
  /** A top-level `type`, which some servers (GitHub) send instead of `extensions.code`. */
  readonly type: string | undefined;
  /** The whole `extensions` object (Shopify's `requiredAccess`, `maxCost`, `requestId`). */
  readonly extensions: JsonObject | undefined;
}

/** A GraphQL response envelope, as {@link readGraphqlErrors} reads it. */
export interface GraphqlEnvelope {
  /** The usable items of `errors` (objects), at most the first 100; empty when there is no list. */
  readonly errors: readonly GraphqlErrorItem[];
  /** `data` as sent: absent before execution, `null` when a non-null root field failed, else partial or whole. */
  readonly data: unknown;
  /** The top-level `extensions` object (Shopify's `cost`, GitHub's nothing). */
  readonly extensions: JsonObject | undefined;
}

/**
 * Reads a GraphQL response body; `undefined` for a body that is not a JSON object. Items of `errors` that are
 * not objects are skipped; a `path` with other than strings and numbers reads as absent. Never throws on JSON.
 *
 * @example
 * const envelope = readGraphqlErrors({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] });
 * envelope?.errors[0]?.code; // 'THROTTLED'
 */
export function readGraphqlErrors(body: unknown): GraphqlEnvelope | undefined {
  const envelope = object(body);
  if (envelope === undefined) return undefined;
  const list = Array.isArray(envelope.errors) ? (envelope.errors as readonly unknown[]) : [];
  const errors: GraphqlErrorItem[] = [];
  for (let i = 0; i < list.length && i < MAX_ERRORS; i++) {
    const item = object(list[i]);
    if (item !== undefined) errors.push(readItem(item));
  }
  return { errors, data: envelope.data, extensions: object(envelope.extensions) };
}

function readItem(item: JsonObject): GraphqlErrorItem {
  const extensions = object(item.extensions);
  const path = item.path;
  return {
    message: text(item.message),
    path:
      Array.isArray(path) && path.every((s) => typeof s === 'string' || typeof s === 'number')
        ? (path as (string | number)[])
        : undefined,
    code: text(extensions?.code),
    type: text(item.type),
    extensions,
  };
}
