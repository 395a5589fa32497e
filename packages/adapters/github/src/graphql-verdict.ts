import type { ClassifyVerdict, ErrorKind, FieldError } from '@rosetta/core';
import { type GitHubGraphqlError, readGraphqlBody, readGraphqlError } from './github-error-body';

/** GitHub's GraphQL error `type`s and what they mean; anything else is `unknown`. */
const GRAPHQL_KINDS: Readonly<Record<string, ErrorKind>> = {
  NOT_FOUND: 'not_found',
  FORBIDDEN: 'permission',
  INSUFFICIENT_SCOPES: 'permission',
  RATE_LIMITED: 'rate_limited',
  UNPROCESSABLE: 'validation',
  MAX_NODE_LIMIT_EXCEEDED: 'validation',
  RESOURCE_LIMITS_EXCEEDED: 'validation',
  INTERNAL: 'server',
  SERVICE_UNAVAILABLE: 'unavailable',
};

const GITHUB_CRASH = /^something went wrong while executing your query/i;

/** The `errors` of a GraphQL body that have a usable shape, and whether the body has a `data` key. */
export interface GraphqlErrors {
  readonly errors: readonly GitHubGraphqlError[];
  readonly hasData: boolean;
}

/** Reads a GraphQL envelope; items of the wrong shape are skipped, a body of the wrong shape gives none. */
export function readGraphqlErrors(body: unknown): GraphqlErrors {
  const envelope = readGraphqlBody(body);
  const errors: GitHubGraphqlError[] = [];
  for (const item of envelope?.errors ?? []) {
    const error = readGraphqlError(item);
    if (error !== undefined) errors.push(error);
  }
  return { errors, hasData: envelope?.data !== undefined };
}

/**
 * GraphQL errors beside HTTP 200 (rate limits are read before this). Like octokit/graphql.js, any
 * error fails the call, partial `data` or not; the **first** error decides the kind, and the whole body
 * (partial data included) stays in the error's `response.body`.
 */
export function graphqlVerdict({ errors, hasData }: GraphqlErrors): ClassifyVerdict | undefined {
  const first = errors[0];
  if (first === undefined) return undefined;
  const code = first.type ?? first.extensions?.code;
  const kind = graphqlKind(first, hasData);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const fieldErrors: FieldError[] = [];
  if (kind === 'validation') {
    for (const e of errors) {
      const extra = e.extensions?.code === undefined ? {} : { code: e.extensions.code };
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

function graphqlKind(error: GitHubGraphqlError, hasData: boolean): ErrorKind {
  if (error.type !== undefined) return GRAPHQL_KINDS[error.type] ?? 'unknown';
  // graphql-ruby's static validation (`undefinedField`, `argumentNotAccepted`, ...).
  if (error.extensions?.code !== undefined) return 'validation';
  if (GITHUB_CRASH.test(error.message ?? '')) return 'server';
  // GraphQL spec: an error raised before execution (parse, validation) comes without `data`.
  return hasData ? 'unknown' : 'validation';
}
