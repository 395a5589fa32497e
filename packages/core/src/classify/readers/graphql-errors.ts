// The GraphQL response envelope (spec §7.1 "Response Format": `{ data?, errors?, extensions? }`, each error
// `{ message, locations?, path?, extensions? }`), read for every adapter whose API speaks GraphQL. Lenient: one odd
// member costs that member only, and a huge `errors` list costs no more than its first items.

type JsonObject = Readonly<Record<string, unknown>>;

/** Items of `errors` read at most: the first ones decide a classification. */
const MAX_ERRORS = 100;

const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** One item of a GraphQL `errors` list, as {@link readGraphqlErrors} reads it. */
export interface GraphqlErrorItem {
  readonly message: string | undefined;
  /** Response path of the failed field (`['products', 0, 'title']`); absent for request errors. */
  readonly path: readonly (string | number)[] | undefined;
  /** `extensions.code` (`THROTTLED`, `ACCESS_DENIED`, `undefinedField`). */
  readonly code: string | undefined;
  /** A top-level `type`, which some servers (GitHub) send instead of `extensions.code`. */
  readonly type: string | undefined;
  readonly extensions: JsonObject | undefined;
}

/** A GraphQL response envelope, as {@link readGraphqlErrors} reads it. */
export interface GraphqlEnvelope {
  /** The object items of `errors`, at most the first 100; empty when there is no list. */
  readonly errors: readonly GraphqlErrorItem[];
  /** `data` as sent: absent before execution, `null` when a non-null root field failed, else partial or whole. */
  readonly data: unknown;
  readonly extensions: JsonObject | undefined;
}

/**
 * Reads a GraphQL response body; `undefined` for a body that is not a JSON object. Items of `errors` that are
 * not objects are skipped; a `path` with other than strings and numbers reads as absent. Never throws on JSON.
 *
 * @example
 * readGraphqlErrors({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] })?.errors[0]?.code; // 'THROTTLED'
 */
export function readGraphqlErrors(body: unknown): GraphqlEnvelope | undefined {
  const envelope = object(body);
  if (envelope === undefined) return undefined;
  const list = Array.isArray(envelope.errors) ? (envelope.errors as readonly unknown[]) : [];
  const errors: GraphqlErrorItem[] = [];
  for (const value of list.slice(0, MAX_ERRORS)) {
    const item = object(value);
    if (item === undefined) continue;
    const extensions = object(item.extensions);
    const path = item.path;
    errors.push({
      message: text(item.message),
      path:
        Array.isArray(path) && path.every((s) => typeof s === 'string' || typeof s === 'number')
          ? (path as (string | number)[])
          : undefined,
      code: text(extensions?.code),
      type: text(item.type),
      extensions,
    });
  }
  return { errors, data: envelope.data, extensions: object(envelope.extensions) };
}
