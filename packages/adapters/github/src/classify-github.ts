// How GitHub's answers read in Rosetta's model beyond core's status table: rate limits, login lockouts,
// accepted permissions, REST 422 field errors and GraphQL errors beside HTTP 200.
import type { ClassifyContext, ClassifyVerdict } from '@rosetta/core';
import { readRestError } from './github-error-body';
import { type GraphqlErrors, graphqlVerdict, readGitHubGraphql } from './graphql-verdict';
import { isNonJsonSuccess } from './non-json-success';
import { validationVerdict } from './validation-verdict';

// octokit/plugin-throttling src/index.ts tells the secondary limit by its message alone; older
// octokit matched "abuse", GitHub's wording before 2021 ("abuse detection mechanism"). A GraphQL mutation over the
// content-creation limit answers 200 with an UNPROCESSABLE "was submitted too quickly" (cli/cli#4801): a wait too.
const SECONDARY_LIMIT = /\bsecondary rate\b|\babuse detection\b|\bsubmitted too quickly\b/i;
const PRIMARY_LIMIT = /\bAPI rate limit (already )?exceeded\b/i;
const LOGIN_LOCKOUT = /\bmaximum number of login attempts exceeded\b/i;
// "If the issue was deleted from a repository where the authenticated user has read access, the API returns a 410
// Gone status" (Get an issue): the issue is gone, not the endpoint. Other 410s (issues disabled, a removed
// endpoint) keep core's reading; a version no longer supported is a 400 (docs: API versions).
const DELETED = /\bwas deleted\b/i;
// "Retry-After can sometimes be blank ... make sure to set retryAfter to at least 60s" (octokit).
const SECONDARY_FALLBACK_MS = 60_000;
/** `/graphql` on api.github.com, `/api/graphql` on GitHub Enterprise Server. */
export const GRAPHQL_PATH = /\/graphql\/?$/;

/**
 * GitHub's own reading of a response (REST and GraphQL), on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyGitHub });
 */
export function classifyGitHub(ctx: ClassifyContext): ClassifyVerdict | null | undefined {
  // `/graphql` on api.github.com, `/api/graphql` on GitHub Enterprise Server.
  const graphql = GRAPHQL_PATH.test(ctx.path);
  const gql: GraphqlErrors = graphql ? readGitHubGraphql(ctx.body) : { errors: [], hasData: false };
  const ok = ctx.status >= 200 && ctx.status < 300;
  // A REST 2xx is never an error; neither is a GraphQL 2xx without errors. Core still flags a non-JSON 2xx (a
  // proxy's page), so GitHub's own documented non-JSON answers are declared successes here.
  if (ok && gql.errors.length === 0) return isNonJsonSuccess(ctx) ? null : undefined;

  // GraphQL's own 401/403 answers are REST-shaped (`{message, documentation_url}`), so both are read.
  const restBody = readRestError(ctx.body);
  const messages = [restBody?.message ?? '', ...gql.errors.map((e) => e.message ?? '')];
  if (typeof ctx.body === 'string') messages.push(ctx.body);

  const limited = rateLimitVerdict(ctx, gql, messages);
  if (limited !== undefined) return limited;
  if (ok) return graphqlVerdict(gql);
  if (ctx.status === 403 && messages.some((m) => LOGIN_LOCKOUT.test(m))) {
    // Docs: after repeated bad credentials GitHub refuses every login for a while, good ones too.
    return { kind: 'rate_limited', code: 'login_attempts_exceeded' };
  }
  if (ctx.defaults?.kind === 'permission' || ctx.defaults?.kind === 'not_found') return accessVerdict(ctx);
  if (ctx.status === 410 && DELETED.test(restBody?.message ?? '')) return { kind: 'not_found' };
  if (ctx.status === 422 && !graphql && restBody !== undefined) {
    return validationVerdict(restBody.message, restBody.errors);
  }
  const first = gql.errors[0]?.message;
  return first !== undefined && ctx.defaults?.message === undefined ? { message: first } : undefined;
}

/**
 * Primary and secondary rate limits, in octokit/plugin-throttling's order (secondary first), on a
 * 403/429 or inside a GraphQL 2xx. A 401 is never one, even with `x-ratelimit-remaining: 0`.
 */
function rateLimitVerdict(
  ctx: ClassifyContext,
  gql: GraphqlErrors,
  messages: readonly string[],
): ClassifyVerdict | undefined {
  const throttleStatus = ctx.status === 403 || ctx.status === 429;
  if (!throttleStatus && !(ctx.status >= 200 && ctx.status < 300)) return undefined;
  const exhausted = ctx.headers['x-ratelimit-remaining']?.trim() === '0';

  const secondary = messages.find((m) => SECONDARY_LIMIT.test(m));
  if (secondary !== undefined) {
    // Docs: retry-after when present; else the reset when the quota is spent; else at least a minute.
    const wait = retryAfterOf(ctx) ?? (exhausted ? untilReset(ctx) : undefined) ?? SECONDARY_FALLBACK_MS;
    return {
      kind: 'rate_limited',
      code: 'secondary_rate_limit',
      retryAfterMs: wait,
      ...(typeof ctx.body === 'string' ? {} : { message: secondary }),
    };
  }

  // GraphQL: the body decides, not the header (octokit/plugin-throttling#632). GitHub names it RATE_LIMITED
  // (octokit) or RATE_LIMIT (yanyongyu/githubkit#271, a real answer).
  const typed = gql.errors.find((e) => e.type === 'RATE_LIMITED' || e.type === 'RATE_LIMIT');
  const primary = typed !== undefined || (throttleStatus && (exhausted || messages.some((m) => PRIMARY_LIMIT.test(m))));
  if (!primary) return undefined;
  const reset = untilReset(ctx);
  const hinted = retryAfterOf(ctx);
  const wait = reset === undefined ? hinted : Math.max(reset, hinted ?? 0);
  return {
    kind: 'rate_limited',
    code: typed?.type ?? 'primary_rate_limit',
    ...(typed?.message === undefined ? {} : { message: typed.message }),
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  };
}

/** 403/404: name the permissions GitHub says the endpoint accepts, when it says so. */
function accessVerdict(ctx: ClassifyContext): ClassifyVerdict | undefined {
  const accepted = ctx.headers['x-accepted-github-permissions']?.trim();
  if (accepted === undefined || accepted === '') return undefined;
  const base = ctx.defaults?.message ?? (ctx.status === 404 ? 'Not Found' : 'Forbidden');
  return { message: `${base} (X-Accepted-GitHub-Permissions: ${accepted})` };
}

/** Time left until `x-ratelimit-reset`, as core read it with the names declared above. */
function untilReset(ctx: ClassifyContext): number | undefined {
  const resetAt = ctx.readings.rateLimit?.resetAt;
  return resetAt === undefined ? undefined : Math.max(0, resetAt - ctx.now);
}

/** `retry-after` as core read it; blank, 0 and garbage count as absent, as in octokit. */
function retryAfterOf(ctx: ClassifyContext): number | undefined {
  const ms = ctx.readings.retryAfterMs;
  return ms !== undefined && ms > 0 ? ms : undefined;
}
