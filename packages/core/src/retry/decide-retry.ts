import type { Adapter, RepeatRequest } from '../adapter/types';
import type { ApiError } from '../errors/api-error';
import type { RetryBudget } from './retry-budget';
import type { ResolvedRetryOptions } from './retry-options';

/** Why a failed attempt is not retried; carried by the `error` event. */
export type RetryStopReason =
  | 'not_retryable'
  | 'not_idempotent'
  | 'max_retries'
  | 'retry_after_too_long'
  | 'deadline'
  | 'budget_exhausted';

/** The outcome of {@link decideRetry}: the wait before the retry and the tokens it took, or why there is none. */
type RetryDecision = { readonly delayMs: number; readonly cost: number } | RetryStopReason;

/** Everything {@link decideRetry} weighs. */
interface RetryDecisionInput {
  readonly error: ApiError;
  /** The retry about to happen: 1 for the first retry. */
  readonly retry: number;
  /**
   * {@link isSafeToRepeat}'s answer for the call, or the provider documents this failure as not applied (a verdict's
   * `notProcessed`, a `rate_limited` answer under `throttleRefusesRequest`).
   */
  readonly safeToRepeat: boolean;
  /** Answers so far (this one included) whose verdict capped their resends, and the lowest such cap. */
  readonly capped?: { readonly answers: number; readonly maxRetries: number } | undefined;
  /** A limiter holds the throttled bucket until the provider's hint: the retry itself must not wait again. */
  readonly limiterServesHint: boolean;
  readonly options: ResolvedRetryOptions;
  readonly budget: RetryBudget | undefined;
  /** Epoch ms after which no attempt and no wait may start. */
  readonly deadlineAt: number;
  readonly now: number;
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether a request may be resent without risk of applying it twice: an idempotent method (RFC 9110 §9.2.2), a key,
 * or the adapter's `safeToRepeat` saying the provider documents it as a read. The hook only widens: it is not asked
 * about a safe method or a keyed request, and one that throws or answers anything but `true` leaves the request unsafe
 * (the conservative answer: a call fails rather than risk applying a write twice).
 */
export function isSafeToRepeat(adapter: Adapter, request: RepeatRequest, hasIdempotencyKey: boolean): boolean {
  if (hasIdempotencyKey || SAFE_METHODS.has(request.method)) return true;
  try {
    return adapter.safeToRepeat?.(request) === true;
  } catch {
    return false;
  }
}

/**
 * Decides whether to retry a failed attempt and how long to wait first; pure apart from taking the retry's cost
 * from the budget on a yes. The wait is full-jitter exponential backoff (AWS "Exponential Backoff and Jitter")
 * floored by the server's hint, never shortened nor added on top; a hint beyond `maxRetryAfterMs` fails fast. A
 * throttled retry that a limiter holds until the hint does not wait here at all.
 */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  const { error, options } = input;
  if (!error.retryable || error.kind === 'quota_exceeded') return 'not_retryable';
  if (!input.safeToRepeat) return 'not_idempotent';
  const capped = input.capped;
  if (input.retry > options.maxRetries || (capped !== undefined && capped.answers > capped.maxRetries)) {
    return 'max_retries';
  }
  const hint = error.retryAfterMs;
  if (hint !== undefined && hint > options.maxRetryAfterMs) return 'retry_after_too_long';
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (input.retry - 1));
  const r = options.random();
  const backoff = Math.round((Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0) * ceiling);
  const throttled = error.kind === 'rate_limited';
  // A bucket holding the provider's own wait makes a second wait here redundant; without a hint it only holds a
  // default pause, so the backoff still spaces the resends (a hint-less 429 is not resent every second). A zero hint
  // is no hint: Jira Data Center answers 429s with `Retry-After: 0` (pycontribs/jira#1805), and Octokit's throttling
  // reads `Number(retry-after) || fallback`; taken at its word it would spend every retry at once.
  const delayMs = !hint ? backoff : throttled && input.limiterServesHint ? 0 : Math.max(hint, backoff);
  if (input.now + Math.max(delayMs, throttled ? (hint ?? 0) : 0) >= input.deadlineAt) return 'deadline';
  // A throttled retry waits for the provider's own signal and goes back through the paused bucket, so it cannot
  // amplify load: it costs nothing. The budget guards against outages (5xx, timeouts, resets).
  const cost =
    options.budget === false || throttled
      ? 0
      : error.kind === 'timeout' || error.kind === 'network'
        ? options.budget.timeoutCost
        : options.budget.retryCost;
  if (cost > 0 && input.budget !== undefined && !input.budget.tryAcquire(cost)) return 'budget_exhausted';
  return { delayMs, cost };
}
