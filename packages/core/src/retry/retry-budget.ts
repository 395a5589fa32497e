import type { RetryBudgetOptions } from './retry-options';

/** The client-wide retry budget: retries spend tokens, successes refund them. */
export interface RetryBudget {
  /** Tokens left. */
  readonly available: number;
  /** Takes the cost of one retry; false (and nothing taken) when the budget cannot pay it. */
  tryAcquire(cost: number): boolean;
  /** Gives tokens back, never past capacity. */
  refund(amount: number): void;
}

/**
 * Creates a retry budget (the AWS SDK's "retry quota"): during an outage it drains and errors are thrown without
 * retry, so a client cannot multiply the load on a struggling provider.
 *
 * @example
 * const budget = createRetryBudget({ capacity: 500 });
 * if (budget.tryAcquire(5)) retry();
 */
export function createRetryBudget(options: Required<RetryBudgetOptions>): RetryBudget {
  let available = options.capacity;
  return {
    get available() {
      return available;
    },
    tryAcquire(cost) {
      if (cost > available) return false;
      available -= cost;
      return true;
    },
    refund(amount) {
      available = Math.min(options.capacity, available + amount);
    },
  };
}
