import type { ApiError } from '../errors/api-error';
import { computeBackoff } from './backoff';
import type { RetryBudget } from './retry-budget';
import type { ResolvedRetryOptions } from './retry-options';
import { isSafeToRepeat } from './safe-to-repeat';

/** Why a failed attempt is or is not retried; carried by `retry` events and kept for diagnostics. */
export type RetryStopReason =
  | 'not_retryable'
  | 'not_idempotent'
  | 'max_retries'
  | 'retry_after_too_long'
  | 'deadline'
  | 'budget_exhausted';

/** The outcome of {@link decideRetry}. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly cost: number }
  | { readonly retry: false; readonly reason: RetryStopReason };

/** Everything {@link decideRetry} weighs. */
export interface RetryDecisionInput {
  readonly error: ApiError;
  /** The retry about to happen: 1 for the first retry. */
  readonly retry: number;
  readonly method: string;
  readonly hasIdempotencyKey: boolean;
  readonly options: ResolvedRetryOptions;
  readonly budget: RetryBudget | undefined;
  /** Epoch ms after which no attempt and no wait may start. */
  readonly deadlineAt: number;
  readonly now: number;
}

/**
 * Decides whether to retry a failed attempt and how long to wait first. Pure apart from taking the
 * retry's cost from the budget when the answer is yes.
 *
 * The wait is full-jitter backoff, floored by the server's hint (Retry-After, a reset header): a hint
 * is never shortened and never added on top. A hint beyond `maxRetryAfterMs` fails fast instead.
 */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  const { error, options } = input;
  if (!error.retryable || error.kind === 'quota_exceeded') return { retry: false, reason: 'not_retryable' };
  if (!isSafeToRepeat(input.method, input.hasIdempotencyKey)) return { retry: false, reason: 'not_idempotent' };
  if (input.retry > options.maxRetries) return { retry: false, reason: 'max_retries' };
  const hint = error.retryAfterMs;
  if (hint !== undefined && hint > options.maxRetryAfterMs) return { retry: false, reason: 'retry_after_too_long' };
  const backoff = computeBackoff(input.retry, options);
  const delayMs = hint === undefined ? backoff : Math.max(hint, backoff);
  if (input.now + delayMs >= input.deadlineAt) return { retry: false, reason: 'deadline' };
  // A rate-limited retry waits for the provider's own signal and goes back through the paused limiter, so it
  // cannot amplify load: it costs nothing. The budget guards against outages (5xx, timeouts, resets).
  const cost =
    options.budget === false || error.kind === 'rate_limited'
      ? 0
      : error.kind === 'timeout' || error.kind === 'network'
        ? options.budget.timeoutCost
        : options.budget.retryCost;
  if (input.budget !== undefined && !input.budget.tryAcquire(cost)) return { retry: false, reason: 'budget_exhausted' };
  return { retry: true, delayMs, cost };
}
