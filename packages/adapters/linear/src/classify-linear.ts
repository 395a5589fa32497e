// How Linear's answers read in Rosetta's model beyond core's status table. Linear speaks GraphQL: an error is an
// `errors[]` item whose `extensions.type` decides (as in the official SDK), in HTTP 200 as often as not; a rate
// limit arrives as HTTP 400 (code RATELIMITED) with its budgets in headers; a missing entity is "invalid input".
import {
  type ClassifyContext,
  type ClassifyVerdict,
  type ErrorKind,
  type FieldError,
  readGraphqlErrors,
} from '@rosetta/core';
import { type LinearError, readLinearError } from './linear-error-body';
import { spentBudget } from './rate-limit-headers';

/**
 * `extensions.type` -> kind, for every type the official SDK knows (linear/linear packages/sdk/src/error.ts
 * `errorMap`); "other", "unknown" and "bootstrap error" carry no meaning and keep the status reading.
 */
const TYPE_KINDS: Readonly<Record<string, ErrorKind>> = {
  ratelimited: 'rate_limited',
  'authentication error': 'authentication',
  forbidden: 'permission',
  // A feature the workspace's plan does not include: asking again will not unlock it.
  'feature not accessible': 'permission',
  'invalid input': 'validation',
  'user error': 'validation',
  'graphql error': 'validation',
  // The workspace spent a usage allowance of its plan (e.g. the free plan's issue limit): no wait fixes it.
  'usage limit exceeded': 'quota_exceeded',
  // A row lock held by a concurrent write; see LOCK_TIMEOUT below.
  'lock timeout': 'conflict',
  'internal error': 'server',
  'network error': 'unavailable',
};

/** `extensions.code` -> kind, for errors without a known type (the rate-limit docs name only RATELIMITED). */
const CODE_KINDS: Readonly<Record<string, ErrorKind>> = {
  RATELIMITED: 'rate_limited',
  AUTHENTICATION_ERROR: 'authentication',
  FORBIDDEN: 'permission',
  INPUT_ERROR: 'validation',
  INVALID_INPUT: 'validation',
  GRAPHQL_VALIDATION_FAILED: 'validation',
  GRAPHQL_PARSE_FAILED: 'validation',
  INTERNAL_SERVER_ERROR: 'server',
};

const own = <T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined =>
  key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;

/** Linear has no not-found code: a missing entity is "invalid input" saying "Entity not found: Issue". */
const NOT_FOUND = /^Entity not found\b/;

/** The one endpoint of the GraphQL API (`https://api.linear.app/graphql`). */
export const GRAPHQL_PATH = /\/graphql\/?$/;

const isRateLimit = (e: LinearError): boolean => e.type === 'ratelimited' || e.code === 'RATELIMITED';

function kindOf(e: LinearError, status: number, hasData: boolean): ErrorKind | undefined {
  const kind = own(TYPE_KINDS, e.type) ?? own(CODE_KINDS, e.code);
  if (kind === 'validation' && NOT_FOUND.test(e.message ?? '')) return 'not_found';
  if (kind !== undefined) return kind;
  // Unknown to Linear's tables: an error status keeps core's reading; in a 2xx, an error raised before execution
  // (no `data`, GraphQL spec §7.1.2) is a bad request, one beside data a field failure nobody documents.
  if (status >= 300) return undefined;
  return hasData ? 'unknown' : 'validation';
}

/**
 * The wait a RATELIMITED answer asks for when it sends no Retry-After: until the spent budget's reset (epoch ms on
 * the server's clock, made relative to its `date` header when present). Undefined when no budget says it is spent.
 */
function rateLimitOf(ctx: ClassifyContext): Pick<ClassifyVerdict, 'retryAfterMs' | 'rateLimit'> {
  const spent = spentBudget(ctx.headers);
  if (spent === undefined) return {};
  const { limit, remaining, resetAt } = spent.budget;
  const serverNow = ctx.headers.date === undefined ? Number.NaN : Date.parse(ctx.headers.date);
  const wait =
    resetAt === undefined ? undefined : Math.max(0, resetAt - (Number.isFinite(serverNow) ? serverNow : ctx.now));
  return {
    ...(ctx.readings.retryAfterMs === undefined && wait !== undefined ? { retryAfterMs: wait } : {}),
    rateLimit: {
      ...(limit === undefined ? {} : { limit }),
      ...(remaining === undefined ? {} : { remaining }),
      ...(wait === undefined ? {} : { resetAt: ctx.now + wait }),
      scope: spent.name,
    },
  };
}

/** The verdict for a body with `errors[]`: a rate limit anywhere decides, else the first error (as the SDK). */
function errorsVerdict(ctx: ClassifyContext, errors: readonly LinearError[], hasData: boolean): ClassifyVerdict {
  const first = errors.find(isRateLimit) ?? (errors[0] as LinearError);
  const kind = kindOf(first, ctx.status, hasData);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  // The SDK's order: the human text first (src/error.ts LinearGraphQLError).
  const said = first.userPresentableMessage ?? first.message ?? first.type;
  const code = first.code ?? first.type;
  const fieldErrors: FieldError[] =
    kind === 'validation'
      ? errors.map((e) => ({
          path: e.path?.join('.') ?? '',
          message: e.userPresentableMessage ?? e.message ?? '',
          ...(e.code ? { code: e.code } : {}),
        }))
      : [];
  return {
    ...(kind === undefined ? {} : { kind }),
    ...(code === undefined ? {} : { code }),
    ...(said === undefined ? {} : { message: `${said}${more}` }),
    ...(fieldErrors.length === 0 ? {} : { fieldErrors }),
    // The lock was held by a concurrent write and this one gave up: a later attempt can take it (inferred: Linear
    // documents no more than the type's name).
    ...(kind === 'conflict' ? { retryable: true } : {}),
    ...(kind === 'rate_limited' ? rateLimitOf(ctx) : {}),
  };
}

/**
 * Linear's own reading of a response, on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyLinear });
 */
export function classifyLinear(ctx: ClassifyContext): ClassifyVerdict | undefined {
  const envelope = readGraphqlErrors(ctx.body);
  if (envelope === undefined) return undefined;
  const errors = envelope.errors.map(readLinearError);
  if (errors.length > 0) return errorsVerdict(ctx, errors, envelope.data !== undefined);
  // The SDK's success is `response.ok && !errors && data` (src/graphql-client.ts): a 200 with neither is no answer.
  if (ctx.defaults === null && GRAPHQL_PATH.test(ctx.path) && (envelope.data === undefined || envelope.data === null)) {
    return { kind: 'invalid_response', code: 'no_data_or_errors', message: 'GraphQL answer without data or errors' };
  }
  return undefined;
}
