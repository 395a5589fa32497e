// GraphQL Admin answers in HTTP 200 that are errors: "the GraphQL API can return a 200 OK response code in cases
// that would typically produce 4xx or 5xx errors in REST" (shopify.dev/docs/api/admin-graphql, "Status and error
// codes"). Like Shopify's own GraphqlClient (shopify-api lib/clients/common.ts throwFailedRequest), any `errors[]`
// fails the call, partial `data` or not; the whole body stays in the error's `response.body`.
import type { ClassifyVerdict, ErrorKind, FieldError, GraphqlEnvelope, GraphqlErrorItem } from '@rosetta/core';
import { readCost } from './shopify-error-body';

/** `extensions.code`s Shopify documents, and what they mean; request-validation codes are read by shape below. */
const CODE_KINDS: Readonly<Record<string, ErrorKind>> = {
  // "The client has exceeded the rate limit. Similar to 429 Too Many Requests."
  THROTTLED: 'rate_limited',
  // A query costing more than 1,000 points: a property of the query, retrying never helps.
  MAX_COST_EXCEEDED: 'validation',
  // Documented "Similar to 401", but it names a missing scope (`extensions.requiredAccess`): authorization.
  ACCESS_DENIED: 'permission',
  // "The shop is not active. This can happen when stores repeatedly exceed API rate limits or due to fraud risk."
  SHOP_INACTIVE: 'permission',
  // "Returned instead of 500 Internal Server Error in most circumstances."
  INTERNAL_SERVER_ERROR: 'server',
};

/**
 * The verdict for a GraphQL answer in HTTP 200 with `errors[]`: a `THROTTLED` error anywhere decides (with the
 * wait the cost bucket needs), else the first error. `undefined` when there is no usable error. The error's
 * `extensions.requestId` is the request id only when no `X-Request-Id` header gave one (`headerId`).
 */
export function graphqlVerdict(
  envelope: GraphqlEnvelope,
  body: unknown,
  headerId: string | undefined,
): ClassifyVerdict | undefined {
  const { errors } = envelope;
  const throttled = errors.find((e) => e.code === 'THROTTLED');
  const first = throttled ?? errors[0];
  if (first === undefined) return undefined;
  const kind = kindOf(first, envelope);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const requestId = first.extensions?.requestId;
  const fieldErrors: FieldError[] = [];
  if (kind === 'validation') {
    for (const e of errors) {
      fieldErrors.push({
        path: e.path?.join('.') ?? '',
        message: e.message ?? '',
        ...(e.code ? { code: e.code } : {}),
      });
    }
  }
  const wait = throttled === undefined ? undefined : throttleWaitMs(body);
  return {
    kind,
    message: `${first.message ?? 'GraphQL error'}${more}`,
    ...(first.code === undefined ? {} : { code: first.code }),
    ...(fieldErrors.length === 0 ? {} : { fieldErrors }),
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
    ...(headerId === undefined && typeof requestId === 'string' ? { requestId } : {}),
  };
}

function kindOf(error: GraphqlErrorItem, envelope: GraphqlEnvelope): ErrorKind {
  const known = error.code === undefined || !Object.hasOwn(CODE_KINDS, error.code) ? undefined : CODE_KINDS[error.code];
  if (known !== undefined) return known;
  // GraphQL spec: an error raised before execution (parse, validation: graphql-ruby's `undefinedField`,
  // `argumentNotAccepted`, ...) comes without `data`; one beside data is a field failure nobody documents.
  return envelope.data === undefined ? 'validation' : 'unknown';
}

/**
 * The shortest useful wait of a `THROTTLED` answer: until the bucket holds the query's requested cost again,
 * `(requestedQueryCost - currentlyAvailable) / restoreRate` seconds (shopify.dev graphql-admin/rate-limits: "the
 * app's bucket must have enough room for the requested cost"). Shopify sends no Retry-After here.
 */
export function throttleWaitMs(body: unknown): number | undefined {
  const cost = readCost(body);
  const requested = cost?.requestedQueryCost;
  const available = cost?.throttleStatus?.currentlyAvailable;
  const rate = cost?.throttleStatus?.restoreRate;
  if (requested === undefined || available === undefined || rate === undefined || rate <= 0) return undefined;
  return Math.ceil((Math.max(0, requested - available) / rate) * 1_000);
}
