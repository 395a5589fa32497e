import {
  type ClassifyVerdict,
  type ErrorKind,
  type FieldError,
  type GraphqlErrorItem,
  readGraphqlErrors,
} from '@rosetta/core';

/**
 * GitHub's GraphQL error `type`s and what they mean; anything else is `unknown`. GitHub publishes no list, so each
 * entry names a real response that carries it. A null-prototype table: a `type` such as `constructor` finds nothing.
 */
const GRAPHQL_KINDS: Readonly<Record<string, ErrorKind>> = Object.assign(Object.create(null), {
  // cli/cli pkg/cmd/issue/delete/delete_test.go (fixtures/graphql-not-found-partial-data.json).
  NOT_FOUND: 'not_found',
  // github-community-projects/contributors#492 (fixtures/graphql-forbidden.json).
  FORBIDDEN: 'permission',
  // cli/cli pkg/cmd/project/shared/queries/queries_test.go.
  INSUFFICIENT_SCOPES: 'permission',
  // RATE_LIMITED and RATE_LIMIT never reach this table: classify-github.ts reads throttles first, wherever in the list.
  // A refused mutation: "Pull Request is not mergeable", "no commits between base and head" (gh api output quoted
  // in many issues); the request as sent cannot succeed.
  UNPROCESSABLE: 'validation',
  // Query limits ("Values of first and last must be within 1-100", "cannot request more than 500,000 total nodes",
  // docs rate-limits-and-query-limits-for-the-graphql-api): the same query fails again, whatever the wait.
  MAX_NODE_LIMIT_EXCEEDED: 'validation',
  // "Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records."
  EXCESSIVE_PAGINATION: 'validation',
  // "You must provide a `first` or `last` value to properly paginate the `issues` connection."
  MISSING_PAGINATION_BOUNDARIES: 'validation',
  // "`invalid cursor` does not appear to be a valid cursor." (octokit/graphql.js test/error.test.ts, README).
  INVALID_CURSOR_ARGUMENTS: 'validation',
  // "You may not provide more than 100 node ids; you provided 101." (nodes(ids:), measured in ned2/dashpot
  // docs/research/github-api-batching-research.md).
  ARGUMENT_LIMIT: 'validation',
  // "Resource limits for this query exceeded.": the query is too costly as written.
  RESOURCE_LIMITS_EXCEEDED: 'validation',
  // Not verified against a captured answer; kept from the first version of this table.
  INTERNAL: 'server',
  SERVICE_UNAVAILABLE: 'unavailable',
});

const GITHUB_CRASH = /^something went wrong while executing your query/i;

/** The `errors` of a GraphQL body (core's reader: items of the wrong shape are skipped), and whether it has `data`. */
export interface GraphqlErrors {
  readonly errors: readonly GraphqlErrorItem[];
  readonly hasData: boolean;
}

/** Reads a GraphQL envelope with core's `readGraphqlErrors`; a body that is not an object gives no errors. */
export function readGitHubGraphql(body: unknown): GraphqlErrors {
  const envelope = readGraphqlErrors(body);
  return { errors: envelope?.errors ?? [], hasData: envelope?.data !== undefined };
}

/**
 * GraphQL errors beside HTTP 200 (rate limits are read before this). Like octokit/graphql.js, any
 * error fails the call, partial `data` or not; the **first** error decides the kind, and the whole body
 * (partial data included) stays in the error's `response.body`.
 */
export function graphqlVerdict({ errors, hasData }: GraphqlErrors): ClassifyVerdict | undefined {
  const first = errors[0];
  if (first === undefined) return undefined;
  const code = first.type ?? first.code;
  const kind = graphqlKind(first, hasData);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const fieldErrors: FieldError[] = [];
  if (kind === 'validation') {
    for (const e of errors) {
      const extra = e.code === undefined ? {} : { code: e.code };
      fieldErrors.push({ path: e.path?.join('.') ?? '', message: e.message ?? '', ...extra });
    }
  }
  return {
    kind,
    message: `${first.message ?? 'GraphQL error'}${more}`,
    ...(code === undefined ? {} : { code }),
    ...(fieldErrors.length === 0 ? {} : { fieldErrors }),
  };
}

function graphqlKind(error: GraphqlErrorItem, hasData: boolean): ErrorKind {
  if (error.type !== undefined) return GRAPHQL_KINDS[error.type] ?? 'unknown';
  if (GITHUB_CRASH.test(error.message ?? '')) return 'server';
  // GraphQL spec: an error raised before execution (parse, graphql-ruby's static validation: `undefinedField`,
  // `argumentNotAccepted`, ...) comes without `data`.
  return hasData ? 'unknown' : 'validation';
}
