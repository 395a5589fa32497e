/** Retry settings of a client. Every member has a default; `retry: false` disables retries. */
export interface RetryOptions {
  /** Retries after the first attempt (at most `maxRetries + 1` attempts). @default 3 */
  readonly maxRetries?: number;
  /** Base of the backoff: the n-th retry waits a random time in `[0, min(maxDelayMs, baseDelayMs * 2^(n-1))]`. @default 500 */
  readonly baseDelayMs?: number;
  /** Cap of one backoff wait. @default 20_000 */
  readonly maxDelayMs?: number;
  /**
   * Longest server-requested wait (Retry-After, a reset header) Rosetta sleeps for; a longer one fails fast with
   * `retryAfterMs` set on the error.
   * @default 60_000
   */
  readonly maxRetryAfterMs?: number;
  /** Retry budget shared by all calls of one client, so an outage cannot multiply load; `false` disables it. */
  readonly budget?: RetryBudgetOptions | false;
  /**
   * Circuit breaker: after `failureThreshold` consecutive retryable failures the client fails fast with
   * `unavailable` until a half-open probe succeeds.
   * @default false
   * @example { failureThreshold: 5, resetTimeoutMs: 30_000 }
   */
  readonly circuitBreaker?: CircuitBreakerOptions | false;
  /** Source of randomness for jitter, in [0, 1); tests pin it. @default Math.random */
  readonly random?: () => number;
}

/** Capacity and costs of the retry budget. */
export interface RetryBudgetOptions {
  /** @default 500 */
  readonly capacity?: number;
  /** Cost of a retry after an HTTP error. @default 5 */
  readonly retryCost?: number;
  /** Cost of a retry after a timeout or network error. @default 10 */
  readonly timeoutCost?: number;
  /** Refunded by a call that succeeds on its first attempt. @default 1 */
  readonly successRefund?: number;
}

/** Settings of the optional circuit breaker. */
export interface CircuitBreakerOptions {
  /** Consecutive retryable failures that open the circuit. @default 5 */
  readonly failureThreshold?: number;
  /** How long the circuit stays open before one probe may pass. @default 30_000 */
  readonly resetTimeoutMs?: number;
}

/** {@link RetryOptions} with every default applied. */
export interface ResolvedRetryOptions extends Required<Omit<RetryOptions, 'budget' | 'circuitBreaker'>> {
  readonly budget: Required<RetryBudgetOptions> | false;
  readonly circuitBreaker: Required<CircuitBreakerOptions> | false;
}

const DEFAULTS = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };
const BUDGET_DEFAULTS = { capacity: 500, retryCost: 5, timeoutCost: 10, successRefund: 1 };
const BREAKER_DEFAULTS = { failureThreshold: 5, resetTimeoutMs: 30_000 };

/**
 * Applies defaults: adapter defaults first, then the user's options. `false` means no retries at all.
 *
 * @throws RangeError naming the member when a value is not a number >= 0 (counts must also be finite): a
 *   misconfiguration is refused, never replaced by a default the caller did not ask for.
 * @example
 * resolveRetryOptions(adapter.retry, { maxRetries: 5 }).baseDelayMs; // 500
 */
export function resolveRetryOptions(
  defaults: RetryOptions | ResolvedRetryOptions | undefined,
  user: RetryOptions | false | undefined,
): ResolvedRetryOptions {
  const o: RetryOptions = user === false ? { ...defaults, maxRetries: 0 } : { ...defaults, ...user };
  const { budget, circuitBreaker: breaker } = o;
  const resolved = amounts('', o, DEFAULTS);
  const resolvedBudget = budget !== false && amounts('budget.', budget, BUDGET_DEFAULTS);
  const circuitBreaker = !!breaker && amounts('circuitBreaker.', breaker, BREAKER_DEFAULTS);
  if (circuitBreaker) circuitBreaker.failureThreshold = Math.max(1, circuitBreaker.failureThreshold);
  return { ...resolved, budget: resolvedBudget, circuitBreaker, random: o.random ?? Math.random };
}

/** `defaults`, with each member the caller gave once checked: a duration (`...Ms`) may be `Infinity`, a count may not. */
function amounts<T extends Record<string, number>>(prefix: string, given: Partial<T> | undefined, defaults: T): T {
  const out: Record<string, number> = { ...defaults };
  for (const name in defaults) {
    const value = given?.[name];
    if (value !== undefined) out[name] = checkAmount(`retry.${prefix}${name}`, value, !name.endsWith('Ms'));
  }
  return out as T;
}

/**
 * `value` when it is a number >= 0 (not NaN), finite when `finite`, else a RangeError naming `name`. `timeoutMs` must
 * be > 0: other clients read 0 as "no timeout" (`Infinity` here), so 0 is refused rather than guessed.
 */
export function checkAmount(name: string, value: unknown, finite = false): number {
  const positive = name === 'timeoutMs';
  if (typeof value === 'number' && (positive ? value > 0 : value >= 0) && (!finite || Number.isFinite(value))) {
    return value;
  }
  const rule = positive ? '> 0 (Infinity for none)' : '>= 0';
  throw new RangeError(`${name} must be a number ${rule}${finite ? ' and finite' : ''}, got ${String(value)}`);
}
