import { type ErrorKind, type FieldError, isApiError } from '@rosetta/core';

/** Prefix of every problem `type` this service answers with (RFC 9457 §3.1.1: a URI the service owns). */
export const PROBLEM_TYPE_BASE = 'https://api.example.com/problems/';

/** The RFC 9457 body the service's own clients see: only the members chosen for them. */
export interface ClientProblem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** This service's id of the failed request: what its logs are searched by. */
  readonly instance: string;
  readonly retryable: boolean;
  /** The provider's code, only when the caller can act on it (`card_declined`, `missing_field`). */
  readonly code?: string;
  /** Which of the caller's fields were wrong, only for a validation error of the caller's input. */
  readonly fieldErrors?: readonly FieldError[];
}

/** Status, headers and body of a problem answer. */
export interface ProblemResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ClientProblem;
}

/**
 * Kinds that are the caller's doing: the id they asked for does not exist, the fields they sent are invalid, the
 * card they gave was declined. Passed through with the provider's (redacted) message, which tells them what to fix.
 */
const CALLERS_FAULT: ReadonlySet<ErrorKind> = new Set(['not_found', 'validation', 'conflict', 'payment_required']);

/**
 * Everything else is this service's or the provider's problem, answered as a gateway would (RFC 9110 §15.6):
 * 503 when waiting helps (the provider throttles this service's account, or is down), 504 when it did not answer in
 * time, 502 otherwise. Above all 502 for `authentication` and `permission`: the credential refused is this service's,
 * so a 401/403 would tell the caller to fix something they cannot; and the provider's message is never passed on
 * (GitHub's rate-limit message names the server's IP address; Stripe's auth message quotes part of the key).
 */
const UPSTREAM: Readonly<Record<string, { readonly status: number; readonly slug: string; readonly title: string }>> = {
  rate_limited: { status: 503, slug: 'upstream-busy', title: 'An upstream service is rate limiting this service' },
  quota_exceeded: { status: 503, slug: 'upstream-busy', title: 'An upstream quota of this service is used up' },
  unavailable: { status: 503, slug: 'upstream-unavailable', title: 'An upstream service is unavailable' },
  timeout: { status: 504, slug: 'upstream-timeout', title: 'An upstream service did not answer in time' },
};
const UPSTREAM_FAILED = { status: 502, slug: 'upstream-failed', title: 'An upstream service failed' } as const;

/**
 * What this service answers its own client with when handling a request failed: an RFC 9457 problem built from
 * Rosetta's `ApiError` (`err.toProblemDetails()`), keeping only what the caller may see and act on. Never the
 * provider's raw body, headers, URL, request id or anything that could carry a credential; a `Retry-After` (whole
 * seconds, RFC 9110 §10.2.3) whenever Rosetta knows how long to wait. Anything but an `ApiError` is a 500 that says
 * nothing about its cause.
 *
 * @example
 * const problem = problemResponse(err, `urn:uuid:${randomUUID()}`);
 * res.writeHead(problem.status, problem.headers).end(JSON.stringify(problem.body));
 */
export function problemResponse(err: unknown, instance: string): ProblemResponse {
  if (!isApiError(err)) {
    return answer({ type: `${PROBLEM_TYPE_BASE}internal`, title: 'Internal error', status: 500 }, instance, {
      detail: 'The request failed inside this service.',
      retryable: false,
    });
  }
  const pd = err.toProblemDetails({ typeBase: PROBLEM_TYPE_BASE });
  if (CALLERS_FAULT.has(pd.kind)) {
    return answer(pd, instance, {
      detail: pd.detail,
      retryable: pd.retryable,
      ...(pd.code === undefined ? {} : { code: pd.code }),
      ...(pd.fieldErrors.length === 0 ? {} : { fieldErrors: pd.fieldErrors }),
    });
  }
  const upstream = UPSTREAM[pd.kind] ?? UPSTREAM_FAILED;
  const retryAfter = pd.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(pd.retryAfterMs / 1_000));
  return answer(
    { type: `${PROBLEM_TYPE_BASE}${upstream.slug}`, title: upstream.title, status: upstream.status },
    instance,
    {
      detail: `${upstream.title}; quote ${instance} when reporting it.`,
      retryable: pd.retryable,
    },
    retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
  );
}

function answer(
  head: { readonly type: string; readonly title: string; readonly status: number },
  instance: string,
  rest: Omit<ClientProblem, 'type' | 'title' | 'status' | 'instance'>,
  headers: Readonly<Record<string, string>> = {},
): ProblemResponse {
  const body: ClientProblem = { type: head.type, title: head.title, status: head.status, instance, ...rest };
  return { status: head.status, headers: { 'content-type': 'application/problem+json', ...headers }, body };
}
