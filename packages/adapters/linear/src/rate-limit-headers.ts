// Linear's budget headers (linear.app/developers/rate-limiting): requests, complexity points, and the lower
// per-endpoint budgets of some queries and mutations; "resets in UTC epoch milliseconds". Read strictly: a value
// that is not a plain non-negative number reads as absent.
import type { ClassifyContext } from '@rosetta/core';

/** Lower-cased response headers, as core hands them to hooks and buckets. */
type HeaderMap = ClassifyContext['headers'];

/** One budget's state as an answer reports it. */
export interface LinearBudget {
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  /** Epoch ms, as sent (the server's clock). */
  readonly resetAt: number | undefined;
}

const NUMBER = /^\s*\d+(?:\.\d+)?\s*$/;
const num = (raw: string | undefined): number | undefined =>
  raw !== undefined && NUMBER.test(raw) ? Number(raw) : undefined;

/** The three budgets; each prefix names `-limit`, `-remaining` and `-reset` headers. */
export const BUDGET_PREFIXES = {
  requests: 'x-ratelimit-requests',
  complexity: 'x-ratelimit-complexity',
  endpoint: 'x-ratelimit-endpoint-requests',
} as const;

/** Which budget: `requests`, `complexity` or `endpoint`. */
export type BudgetName = keyof typeof BUDGET_PREFIXES;

/**
 * A budget's state from an answer's headers, or undefined when it sent none of them.
 *
 * @example
 * readBudget({ 'x-ratelimit-requests-remaining': '0' }, 'requests'); // { remaining: 0, limit: undefined, resetAt: undefined }
 */
export function readBudget(headers: HeaderMap, name: BudgetName): LinearBudget | undefined {
  const prefix = BUDGET_PREFIXES[name];
  const limit = num(headers[`${prefix}-limit`]);
  const remaining = num(headers[`${prefix}-remaining`]);
  const resetAt = num(headers[`${prefix}-reset`]);
  if (limit === undefined && remaining === undefined && resetAt === undefined) return undefined;
  return { limit, remaining, resetAt };
}

/** `X-Complexity`: the complexity points this query cost ("The complexity of the query"). */
export const queryComplexity = (headers: HeaderMap): number | undefined => num(headers['x-complexity']);

/**
 * The budget a throttled answer spent, most specific first: the endpoint's own budget when it is at zero, else
 * the requests budget at zero, else the complexity budget with less left than this query costs (or none).
 * `undefined` when no budget reports itself spent (the headers are missing, or the limit is one not documented).
 */
export function spentBudget(
  headers: HeaderMap,
): { readonly name: BudgetName; readonly budget: LinearBudget } | undefined {
  const endpoint = readBudget(headers, 'endpoint');
  if (endpoint?.remaining === 0) return { name: 'endpoint', budget: endpoint };
  const requests = readBudget(headers, 'requests');
  if (requests?.remaining === 0) return { name: 'requests', budget: requests };
  const complexity = readBudget(headers, 'complexity');
  const cost = queryComplexity(headers) ?? 1;
  if (complexity?.remaining !== undefined && complexity.remaining < Math.max(1, cost)) {
    return { name: 'complexity', budget: complexity };
  }
  return undefined;
}
