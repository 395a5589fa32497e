import type { BucketDefinition, BucketState, LimitRequest, LimitResponse } from '@rosetta/core';
import { GRAPHQL_PATH } from './classify-linear';
import { type BudgetName, readBudget } from './rate-limit-headers';

// "We use the leaky bucket algorithm for our rate limiters, which means that your tokens are refilled with a
// constant rate of LIMIT_AMOUNT / LIMIT_PERIOD." Requests: "When authenticated using an API key you can make up to
// 1,500 requests per hour" (OAuth apps 1,200). Complexity: "Requests authenticated using an API key can request up
// to 250,000 points per hour" (OAuth apps 200,000); "a maximum complexity of a single query at any time to 10,000
// points". Every answer carries each budget's X-RateLimit-*-Limit/-Remaining/-Reset headers.
const DOCS = 'https://linear.app/developers/rate-limiting';
const HOUR_S = 3_600;
const MAX_QUERY_COMPLEXITY = 10_000;

// The GraphQL endpoint; the OAuth endpoints (`/oauth/token`) are not under these budgets.
const graphqlScope = (r: LimitRequest): string | null => (GRAPHQL_PATH.test(r.path) ? r.credentialKey : null);

/** The operation a GraphQL request runs: the first field of its selection (`issueCreate`), an alias skipped. */
const ROOT_FIELD = /\{\s*(?:\w+\s*:\s*)?(\w+)/;

/** One key per credential and operation, since "some queries and mutations have individual request rate limits". */
function endpointScope(r: LimitRequest): string | null {
  const query = (r.body as { query?: unknown } | null | undefined)?.query;
  const key = graphqlScope(r);
  return key === null ? null : `${key}|${typeof query === 'string' ? ROOT_FIELD.exec(query)?.[1] : ''}`;
}

/** Connection sizes in a query: `first: 50`, `last: $n` (a literal or a variable). */
const SIZE_ARG = /\b(?:first|last)\s*:\s*(?:(\d+)|\$(\w+))/g;

/**
 * A query's complexity, guessed before sending it: 1, plus for every connection the records it asks for
 * ("any connection multiplies its children's points based on the given pagination argument"), at most the 10,000
 * points a single query may cost. Only a reservation: the budget each answer reports replaces it.
 */
export function estimateComplexity(request: LimitRequest): number {
  const body = request.body as { query?: unknown; variables?: Record<string, unknown> } | null | undefined;
  if (typeof body?.query !== 'string') return 1;
  let cost = 1;
  for (const [, literal, variable] of body.query.matchAll(SIZE_ARG)) {
    const size = Number(literal ?? body.variables?.[variable as string]);
    if (Number.isInteger(size) && size >= 0) cost += size;
  }
  return Math.min(MAX_QUERY_COMPLEXITY, cost);
}

/**
 * A budget's state from its headers. The points or requests left already have this call taken off, so no `cost` is
 * reported (the limiter would refund the estimate a second time). The reset is epoch ms on the server's clock.
 */
const observe =
  (name: BudgetName) =>
  (response: LimitResponse): BucketState | undefined => {
    const budget = readBudget(response.headers, name);
    if (budget === undefined) return undefined;
    const state: { -readonly [K in keyof BucketState]: BucketState[K] } = {};
    if (budget.remaining !== undefined) state.remaining = budget.remaining;
    if (budget.limit !== undefined && budget.limit > 0) state.limit = budget.limit;
    if (budget.resetAt !== undefined && budget.resetAt > response.now) state.resetAt = budget.resetAt;
    return state;
  };

/**
 * Linear's two budgets per user (one bucket key per credential): requests and complexity points per hour, both
 * leaky buckets refilled at a constant rate, declared at the documented API-key numbers. Each answer's headers set
 * the points left and the bucket size (a workspace with a bigger budget is adopted from the first answer); the
 * refill rate is not in the answers: with a bigger budget, raise it
 * (`rateLimit.buckets.requests.ratePerSec: 5_000 / 3_600`).
 * `endpoint` is one key per credential and operation, paced only by what its answers report.
 *
 * @example
 * createClient(linear, { auth, rateLimit: { buckets: { requests: { ratePerSec: 5_000 / 3_600, burst: 5_000 } } } });
 */
export const linearLimits: readonly BucketDefinition[] = [
  {
    id: 'requests',
    model: 'token-bucket',
    ratePerSec: 1_500 / HOUR_S,
    burst: 1_500,
    source: DOCS,
    scope: graphqlScope,
    observe: observe('requests'),
  },
  {
    id: 'complexity',
    model: 'cost-bucket',
    ratePerSec: 250_000 / HOUR_S,
    burst: 250_000,
    source: DOCS,
    scope: graphqlScope,
    cost: estimateComplexity,
    observe: observe('complexity'),
  },
  // An operation's own budget: Linear publishes no numbers ("the window for each endpoint can be different"), so the
  // window holds nothing until an answer reports it (X-RateLimit-Endpoint-Requests-*). A RATELIMITED whose spent budget
  // is `endpoint` (rateLimit.scope) pauses this bucket: the operation waits alone, the credential's others go on.
  {
    id: 'endpoint',
    model: 'fixed-window',
    limit: Number.MAX_SAFE_INTEGER,
    windowMs: HOUR_S * 1_000,
    source: DOCS,
    scope: endpointScope,
    observe: observe('endpoint'),
  },
];
