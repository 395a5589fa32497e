import type { CircuitBreakerOptions } from './retry-options';

/** State of a {@link CircuitBreaker}. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** A per-client circuit breaker. */
export interface CircuitBreaker {
  readonly state: CircuitState;
  /**
   * Asks to start a call. Returns 0 when it may go, else how many ms the circuit stays open.
   * In half-open state exactly one probe is let through.
   */
  admit(now: number): number;
  /** Records a call's outcome: `true` success, `false` retryable failure. Other failures are neutral. */
  record(success: boolean, now: number): void;
}

/**
 * Creates a circuit breaker: after `failureThreshold` consecutive retryable failures it opens for
 * `resetTimeoutMs`, then lets one probe through; the probe's success closes it, its failure re-opens it.
 *
 * @example
 * const breaker = createCircuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000 });
 */
export function createCircuitBreaker(options: Required<CircuitBreakerOptions>): CircuitBreaker {
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probing = false;
  return {
    get state() {
      return state;
    },
    admit(now) {
      if (state === 'closed') return 0;
      const remaining = openedAt + options.resetTimeoutMs - now;
      if (state === 'open' && remaining > 0) return remaining;
      state = 'half-open';
      if (probing) return Math.max(1, remaining);
      probing = true;
      return 0;
    },
    record(success, now) {
      if (success) {
        failures = 0;
        probing = false;
        state = 'closed';
        return;
      }
      failures += 1;
      if (state === 'half-open' || failures >= options.failureThreshold) {
        state = 'open';
        openedAt = now;
        probing = false;
      }
    },
  };
}
